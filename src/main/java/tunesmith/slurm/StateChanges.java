package tunesmith.slurm;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Appends a STATE_CHANGE block to the run log for every job whose state differs from the last one
 * the log holds for it (PENDING right after its SUBMIT_JOB), as cruijff_kit's status tool does.
 */
public final class StateChanges {
  private StateChanges() {}

  /** The number of changes logged. */
  public static int log(List<RunStatus> rows, RunLog log) throws IOException {
    Map<String, String> last = log.lastStates();
    int logged = 0;
    for (RunStatus row : rows) {
      if (row.jobId().isEmpty() || row.slurmState().isEmpty()) {
        continue;
      }
      String key = RunLog.key(row.run(), row.jobId().get());
      String now = row.state().name();
      String before = last.getOrDefault(key, "UNKNOWN");
      if (!before.equals(now)) {
        log.stateChanged(row.run(), row.jobId().get(), before, now);
        logged++;
      }
    }
    return logged;
  }
}
