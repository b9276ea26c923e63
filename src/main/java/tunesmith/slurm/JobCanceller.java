package tunesmith.slurm;

import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tunesmith.evaluation.EvalCell;
import tunesmith.plan.PlannedRun;

/**
 * Cancels the queued or running jobs of runs with scancel ({@code 123}, or {@code 123_4} for one
 * array task) and keeps the cancellation in each run's record, so retry knows it was on purpose.
 * Works on the jobs of a run as status sees them; a run whose job already ended is left alone.
 */
public final class JobCanceller {
  private final SlurmClient client;
  private final Clock clock;
  private final String user;

  /** What happened to one run. */
  public record Outcome(String run, Optional<String> jobId, boolean cancelled, String words) {}

  public JobCanceller(SlurmClient client, Clock clock, String user) {
    this.client = client;
    this.clock = clock;
    this.user = user;
  }

  /**
   * @param statuses the runs' current state, by run name
   * @throws SlurmException when scancel is missing or fails: runs cancelled before keep their
   *     records
   */
  public List<Outcome> cancel(List<PlannedRun> runs, Map<String, RunStatus> statuses, RunLog log)
      throws SlurmException, IOException {
    List<Outcome> outcomes = new ArrayList<>();
    for (PlannedRun run : runs) {
      String name = run.run().name();
      RunStatus status = statuses.get(name);
      if (status == null || status.jobId().isEmpty()) {
        outcomes.add(
            new Outcome(name, Optional.empty(), false, "not submitted: nothing to cancel"));
        continue;
      }
      String jobId = status.jobId().get();
      if (status.state() != RunState.PENDING && status.state() != RunState.RUNNING) {
        outcomes.add(
            new Outcome(
                name,
                status.jobId(),
                false,
                "job " + jobId + " is " + status.state() + ": nothing to cancel"));
        continue;
      }
      client.runOrThrow(SlurmTool.SCANCEL, List.of(jobId));
      Optional<SubmissionRecord> record = SubmissionRecords.read(run.directory());
      if (record.isPresent() && record.get().jobId().equals(jobId)) {
        SubmissionRecords.write(
            run.directory(),
            record.get().cancelled(new SubmissionRecord.Cancellation(user, now())));
      }
      log.cancelled(name, jobId, user);
      outcomes.add(new Outcome(name, status.jobId(), true, "job " + jobId + " cancelled"));
    }
    return outcomes;
  }

  /**
   * Cancels the cells whose job is queued or running, and records the cancellation in each cell's
   * record; a fine-tuned cell waiting for its training is cancelled like any other.
   */
  public List<Outcome> cancelCells(List<CellStatuses.Row> cells, RunLog log)
      throws SlurmException, IOException {
    List<Outcome> outcomes = new ArrayList<>();
    for (CellStatuses.Row row : cells) {
      EvalCell cell = row.status().cell();
      String name = cell.run().name() + "/eval/" + cell.name();
      if (row.jobId().isEmpty()) {
        outcomes.add(
            new Outcome(name, Optional.empty(), false, "not submitted: nothing to cancel"));
        continue;
      }
      String jobId = row.jobId().get();
      if (row.finished()) {
        outcomes.add(
            new Outcome(
                name,
                row.jobId(),
                false,
                "job " + jobId + " is " + row.status().state() + ": nothing to cancel"));
        continue;
      }
      client.runOrThrow(SlurmTool.SCANCEL, List.of(jobId));
      Optional<SubmissionRecord> record = SubmissionRecords.read(cell.directory());
      if (record.isPresent() && record.get().jobId().equals(jobId)) {
        SubmissionRecords.write(
            cell.directory(),
            record.get().cancelled(new SubmissionRecord.Cancellation(user, now())));
      }
      log.cancelled(name, jobId, user);
      outcomes.add(new Outcome(name, row.jobId(), true, "job " + jobId + " cancelled"));
    }
    return outcomes;
  }

  private String now() {
    return OffsetDateTime.now(clock)
        .truncatedTo(ChronoUnit.SECONDS)
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}
