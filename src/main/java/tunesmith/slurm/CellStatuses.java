package tunesmith.slurm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tunesmith.evaluation.CellStatus;
import tunesmith.evaluation.EvalCell;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.verify.CellUnderCheck;

/**
 * Every cell's state: its recorded job as SLURM reports it (folded as runs' states are), checked
 * against inspect's newest log, so a job that exits 0 without a successful log is FAILED.
 */
public final class CellStatuses {
  private CellStatuses() {}

  /**
   * One row per cell, in plan order, from the records and SLURM's answer gathered once for runs and
   * cells. A cell SLURM has forgotten keeps the last state status saw it end in
   * (run-torchtune.log), which its inspect log then confirms or not.
   */
  public static List<Row> collect(ScaffoldPlan plan, ExperimentJobs jobs) {
    List<Row> rows = new ArrayList<>();
    for (EvalCell cell : plan.evaluation().cells()) {
      Optional<SubmissionRecord> record = jobs.record(cell.directory());
      boolean onPurpose = record.flatMap(SubmissionRecord::cancellation).isPresent();
      Optional<String> state =
          record.map(
              r ->
                  jobs.job(r.jobId())
                      .map(job -> job.state().name())
                      .or(
                          () ->
                              jobs.lastLogged(CellUnderCheck.name(cell), r.jobId())
                                  .flatMap(RunStatuses::endState)
                                  .map(Enum::name))
                      .or(
                          () ->
                              onPurpose ? Optional.of(RunState.CANCELLED.name()) : Optional.empty())
                      .orElse(RunState.UNKNOWN.name()));
      rows.add(
          new Row(
              CellStatus.of(cell, state, record.flatMap(CellStatuses::submittedAt)),
              record.map(SubmissionRecord::jobId),
              onPurpose));
    }
    return rows;
  }

  private static Optional<java.time.Instant> submittedAt(SubmissionRecord record) {
    try {
      return Optional.of(java.time.OffsetDateTime.parse(record.submittedAt()).toInstant());
    } catch (java.time.format.DateTimeParseException unstamped) {
      return Optional.empty();
    }
  }

  /**
   * A cell's status and the job it was submitted as.
   *
   * @param cancelledOnPurpose {@code tunesmith cancel} cancelled its job
   */
  public record Row(CellStatus status, Optional<String> jobId, boolean cancelledOnPurpose) {
    public boolean finished() {
      String state = status.state();
      return !state.equals(RunState.PENDING.name()) && !state.equals(RunState.RUNNING.name());
    }

    /** FAILED (also a COMPLETED job without a successful log), CANCELLED, TIMEOUT, OOM. */
    public boolean endedBadly() {
      return List.of(
              RunState.FAILED.name(),
              RunState.CANCELLED.name(),
              RunState.TIMEOUT.name(),
              RunState.OUT_OF_MEMORY.name())
          .contains(status.state());
    }
  }
}
