package tunesmith.slurm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tunesmith.evaluation.CellStatus;
import tunesmith.evaluation.EvalCell;
import tunesmith.plan.ScaffoldPlan;

/**
 * Every cell's state: its recorded job as SLURM reports it (folded as runs' states are), checked
 * against inspect's newest log, so a job that exits 0 without a successful log is FAILED.
 */
public final class CellStatuses {
  private final JobObserver observer;

  public CellStatuses(JobObserver observer) {
    this.observer = observer;
  }

  /** One row per cell, in plan order; SLURM is asked once for all of them. */
  public List<Row> collect(ScaffoldPlan plan) throws SlurmException {
    Map<EvalCell, Optional<SubmissionRecord>> records = new LinkedHashMap<>();
    Set<String> keys = new LinkedHashSet<>();
    for (EvalCell cell : plan.evaluation().cells()) {
      Optional<SubmissionRecord> record;
      try {
        record = SubmissionRecords.read(cell.directory());
      } catch (IOException unreadable) {
        record = Optional.empty();
      }
      record.ifPresent(r -> keys.add(r.jobId()));
      records.put(cell, record);
    }
    Map<String, ObservedJob> observed = observer.observe(keys);
    List<Row> rows = new ArrayList<>();
    records.forEach(
        (cell, record) -> {
          Optional<String> state =
              record.map(
                  r ->
                      Optional.ofNullable(observed.get(r.jobId()))
                          .map(job -> job.state().name())
                          .orElse(RunState.UNKNOWN.name()));
          rows.add(
              new Row(
                  CellStatus.of(cell, state),
                  record.map(SubmissionRecord::jobId),
                  record.flatMap(SubmissionRecord::cancellation).isPresent()));
        });
    return rows;
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
