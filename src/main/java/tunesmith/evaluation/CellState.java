package tunesmith.evaluation;

import java.util.Optional;

/**
 * A finished cell's outcome from both witnesses: SLURM's job state and inspect's log. A job that
 * ended COMPLETED counts as a success only with a log whose status is success (an inspect that
 * exits 0 without finishing must not pass).
 */
public final class CellState {
  public static final String COMPLETED = "COMPLETED";
  public static final String FAILED = "FAILED";

  private CellState() {}

  /**
   * @param slurmState the job's state from squeue/sacct (e.g. COMPLETED, FAILED, RUNNING)
   * @param log the cell's newest log, if any
   */
  public static String of(String slurmState, Optional<EvalLogSummary> log) {
    if (!COMPLETED.equals(slurmState)) {
      return slurmState;
    }
    return log.filter(EvalLogSummary::succeeded).isPresent() ? COMPLETED : FAILED;
  }
}
