package tunesmith.slurm;

/**
 * A run's state as status reports it: SLURM's many job states folded into the few a researcher acts
 * on.
 */
public enum RunState {
  PENDING(false),
  RUNNING(false),
  COMPLETED(true),
  FAILED(true),
  CANCELLED(true),
  TIMEOUT(true),
  OUT_OF_MEMORY(true),
  /** No submission record: tunesmith never submitted the run. */
  NOT_SUBMITTED(true),
  /**
   * Submitted, but SLURM no longer knows the job (purged, or another cluster): nothing left to wait
   * for.
   */
  UNKNOWN(true);

  private final boolean finished;

  RunState(boolean finished) {
    this.finished = finished;
  }

  /** Whether waiting longer cannot change the state (what {@code status --watch} waits for). */
  public boolean finished() {
    return finished;
  }
}
