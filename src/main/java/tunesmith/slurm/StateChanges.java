package tunesmith.slurm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tunesmith.plan.DataJob;
import tunesmith.verify.CellUnderCheck;

/**
 * Appends a STATE_CHANGE block to the run log for every job, of a run, a cell or the data job,
 * whose state differs from the last one the log holds for it (PENDING right after its SUBMIT_JOB),
 * as cruijff_kit's status tool does. What the log holds is what status remembers once SLURM forgets
 * the job.
 */
public final class StateChanges {
  private StateChanges() {}

  /**
   * @param last the log's last state per job ({@link RunLog#lastStates})
   * @return the number of changes logged
   */
  public static int log(
      List<RunStatus> rows, List<CellStatuses.Row> cells, RunLog log, Map<String, String> last)
      throws IOException {
    return log(rows, cells, Optional.empty(), log, last);
  }

  /** As above, with the data-preparation job's state too. */
  public static int log(
      List<RunStatus> rows,
      List<CellStatuses.Row> cells,
      Optional<DataJobStatus> data,
      RunLog log,
      Map<String, String> last)
      throws IOException {
    List<RunLog.Change> changes = new ArrayList<>();
    if (data.isPresent()
        && data.get().jobId().isPresent()
        && data.get().state() != RunState.UNKNOWN) {
      change(DataJob.NAME, data.get().jobId().get(), data.get().state().name(), last, changes);
    }
    for (RunStatus row : rows) {
      if (row.jobId().isPresent() && row.slurmState().isPresent()) {
        change(row.run(), row.jobId().get(), row.state().name(), last, changes);
      }
    }
    for (CellStatuses.Row cell : cells) {
      String state = cell.status().slurmState().orElse(RunState.UNKNOWN.name());
      if (cell.jobId().isPresent() && !state.equals(RunState.UNKNOWN.name())) {
        change(CellUnderCheck.name(cell.status().cell()), cell.jobId().get(), state, last, changes);
      }
    }
    log.stateChanges(changes);
    return changes.size();
  }

  private static void change(
      String name,
      String jobId,
      String now,
      Map<String, String> last,
      List<RunLog.Change> changes) {
    String before = last.getOrDefault(RunLog.key(name, jobId), "UNKNOWN");
    if (!before.equals(now)) {
      changes.add(new RunLog.Change(name, jobId, before, now));
    }
  }
}
