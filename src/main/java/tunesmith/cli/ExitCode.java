package tunesmith.cli;

/** The exit codes of every command (SPEC section 1). */
final class ExitCode {
  static final int OK = 0;

  /** Some runs failed; the others were still written and verified. */
  static final int RUNS_FAILED = 1;

  /** The input is invalid; nothing was written. */
  static final int INVALID_INPUT = 2;

  /** An environment problem: a file that cannot be written, SLURM not reachable. */
  static final int ENVIRONMENT = 3;

  /**
   * Stopped by Ctrl-C (128 + SIGINT, what a shell reports): every file written is whole, the lock
   * released.
   */
  static final int INTERRUPTED = 130;

  /** A bug in tunesmith (sysexits' EX_SOFTWARE). */
  static final int INTERNAL = 70;

  private ExitCode() {}
}
