package tunesmith.slurm;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tunesmith.evaluation.EvalCell;
import tunesmith.plan.DataJob;
import tunesmith.plan.PlannedRun;
import tunesmith.verify.CellUnderCheck;

/**
 * Cancels the queued or running jobs of runs and their cells with scancel ({@code 123}, or {@code
 * 123_4} for one array task) and keeps the cancellation in each record, so retry knows it was on
 * purpose. Works on the jobs as status sees them; one whose job already ended is left alone. The
 * cells go first: a cell waiting on its training is removed by SLURM itself once that training is
 * cancelled (--kill-on-invalid-dep=yes), and would then race our own scancel of it. Each scancel
 * names up to {@value #CHUNK} jobs.
 */
public final class JobCanceller {
  /** The most job ids one scancel names. */
  static final int CHUNK = 500;

  /** How scancel names a job it could not cancel because it ended meanwhile. */
  private static final Pattern ENDED =
      Pattern.compile(
          "job id (\\S+?):? .*(already completing or completed|Invalid job id specified)");

  private final SlurmClient client;
  private final Clock clock;
  private final String user;

  /** What happened to one run or cell. */
  public record Outcome(String run, Optional<String> jobId, boolean cancelled, String words) {}

  /** Each run's outcome, then each cell's, in the order asked. */
  public record Cancelled(List<Outcome> runs, List<Outcome> cells) {
    public Cancelled {
      runs = List.copyOf(runs);
      cells = List.copyOf(cells);
    }
  }

  public JobCanceller(SlurmClient client, Clock clock, String user) {
    this.client = client;
    this.clock = clock;
    this.user = user;
  }

  /** One job to cancel: whose, and where its record is. */
  private record Target(String name, Path directory, String jobId) {}

  /**
   * @param statuses the runs' current state, by run name
   * @param cells the cells to cancel, with their state
   * @throws SlurmException when scancel is missing or fails: what was cancelled before keeps its
   *     records
   */
  public Cancelled cancel(
      List<PlannedRun> runs,
      Map<String, RunStatus> statuses,
      List<CellStatuses.Row> cells,
      RunLog log)
      throws SlurmException, IOException {
    Map<String, Outcome> cellOutcomes = new LinkedHashMap<>();
    List<Target> cellJobs = new ArrayList<>();
    for (CellStatuses.Row row : cells) {
      EvalCell cell = row.status().cell();
      String name = CellUnderCheck.name(cell);
      Optional<Outcome> left = left(name, row.jobId(), !row.finished(), row.status().state());
      left.ifPresent(outcome -> cellOutcomes.put(name, outcome));
      if (left.isEmpty()) {
        cellJobs.add(new Target(name, cell.directory(), row.jobId().get()));
        cellOutcomes.put(name, null);
      }
    }
    Map<String, Outcome> runOutcomes = new LinkedHashMap<>();
    List<Target> runJobs = new ArrayList<>();
    for (PlannedRun run : runs) {
      String name = run.run().name();
      RunStatus status = statuses.get(name);
      Optional<String> jobId = status == null ? Optional.empty() : status.jobId();
      boolean queued =
          status != null
              && (status.state() == RunState.PENDING || status.state() == RunState.RUNNING);
      Optional<Outcome> left =
          left(name, jobId, queued, status == null ? "" : status.state().name());
      left.ifPresent(outcome -> runOutcomes.put(name, outcome));
      if (left.isEmpty()) {
        runJobs.add(new Target(name, run.directory(), jobId.get()));
        runOutcomes.put(name, null);
      }
    }
    cancelAll(cellJobs, cellOutcomes, log);
    cancelAll(runJobs, runOutcomes, log);
    return new Cancelled(List.copyOf(runOutcomes.values()), List.copyOf(cellOutcomes.values()));
  }

  /**
   * Why a run or cell is left alone, if it is: not submitted, or its job no longer queued or
   * running.
   */
  private static Optional<Outcome> left(
      String name, Optional<String> jobId, boolean queued, String state) {
    if (jobId.isEmpty()) {
      return Optional.of(new Outcome(name, jobId, false, "not submitted: nothing to cancel"));
    }
    if (!queued) {
      return Optional.of(
          new Outcome(
              name, jobId, false, "job " + jobId.get() + " is " + state + ": nothing to cancel"));
    }
    return Optional.empty();
  }

  /** scancel for every target, {@value #CHUNK} at a time, then each record and log entry. */
  private void cancelAll(List<Target> targets, Map<String, Outcome> outcomes, RunLog log)
      throws SlurmException, IOException {
    for (int from = 0; from < targets.size(); from += CHUNK) {
      List<Target> chunk = targets.subList(from, Math.min(targets.size(), from + CHUNK));
      Set<String> ended = scancel(chunk.stream().map(Target::jobId).toList());
      for (Target target : chunk) {
        if (ended.contains(target.jobId())) {
          outcomes.put(
              target.name(),
              new Outcome(
                  target.name(),
                  Optional.of(target.jobId()),
                  false,
                  "job " + target.jobId() + " ended meanwhile: nothing to cancel"));
          continue;
        }
        Optional<SubmissionRecord> record = SubmissionRecords.read(target.directory());
        if (record.isPresent() && record.get().jobId().equals(target.jobId())) {
          SubmissionRecords.write(
              target.directory(),
              record.get().cancelled(new SubmissionRecord.Cancellation(user, now())));
        }
        log.cancelled(target.name(), target.jobId(), user);
        outcomes.put(
            target.name(),
            new Outcome(
                target.name(),
                Optional.of(target.jobId()),
                true,
                "job " + target.jobId() + " cancelled"));
      }
    }
  }

  /**
   * One scancel for {@code jobIds}; the ids it says ended before it could cancel them (some SLURM
   * versions then exit 1 though the others were cancelled). Any other complaint is a failure.
   */
  private Set<String> scancel(List<String> jobIds) throws SlurmException {
    SlurmClient.Output output = client.run(SlurmTool.SCANCEL, jobIds);
    Set<String> ended = new HashSet<>();
    if (output.exitCode() == 0) {
      return ended;
    }
    for (String line : output.err().split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      Matcher match = ENDED.matcher(line);
      if (!match.find()) {
        throw client.failure(SlurmTool.SCANCEL, output);
      }
      ended.add(match.group(1));
    }
    if (ended.isEmpty()) {
      throw client.failure(SlurmTool.SCANCEL, output);
    }
    return ended;
  }

  /**
   * Cancels the data-preparation job while it is queued or running, and records that in its record;
   * called after the trainings waiting for it, which SLURM would otherwise remove itself
   * (--kill-on-invalid-dep=yes) while we cancel them.
   */
  public Outcome cancelDataJob(DataJobStatus status, RunLog log)
      throws SlurmException, IOException {
    if (status.jobId().isEmpty()) {
      return new Outcome(DataJob.NAME, Optional.empty(), false, "not submitted: nothing to cancel");
    }
    String jobId = status.jobId().get();
    if (!status.active()) {
      return new Outcome(
          DataJob.NAME,
          status.jobId(),
          false,
          "job " + jobId + " is " + status.state() + ": nothing to cancel");
    }
    client.runOrThrow(SlurmTool.SCANCEL, List.of(jobId));
    Optional<SubmissionRecord> record = SubmissionRecords.read(status.job().directory());
    if (record.isPresent() && record.get().jobId().equals(jobId)) {
      SubmissionRecords.write(
          status.job().directory(),
          record.get().cancelled(new SubmissionRecord.Cancellation(user, now())));
    }
    log.cancelled(DataJob.NAME, jobId, user);
    return new Outcome(DataJob.NAME, status.jobId(), true, "job " + jobId + " cancelled");
  }

  private String now() {
    return OffsetDateTime.now(clock)
        .truncatedTo(ChronoUnit.SECONDS)
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}
