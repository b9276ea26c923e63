package tunesmith.cli;

import java.util.List;

/** The exit codes of every command (docs/EXIT-CODES.md). */
final class ExitCode {
  static final int OK = 0;

  /** Some runs failed; the others were still written and verified. */
  static final int RUNS_FAILED = 1;

  /** The input is invalid; nothing was written. */
  static final int INVALID_INPUT = 2;

  /** An environment problem: a file that cannot be written, SLURM not reachable, lock held. */
  static final int ENVIRONMENT = 3;

  /** A bug in tunesmith (sysexits' EX_SOFTWARE). */
  static final int INTERNAL = 70;

  /**
   * Stopped by Ctrl-C (128 + SIGINT, what a shell reports): every file written is whole, the lock
   * released.
   */
  static final int INTERRUPTED = 130;

  /**
   * Stopped by SIGTERM (128 + 15): the JVM's code after the same orderly stop as Ctrl-C. Never
   * returned by a command; listed so the help and docs/EXIT-CODES.md say it.
   */
  static final int TERMINATED = 143;

  /** The exit codes as `--help` lists them, the same words as docs/EXIT-CODES.md. */
  static final List<String> HELP =
      List.of(
          "Exit codes:",
          "  0    all good",
          "  1    some runs failed, differ or were not submitted (the others were done)",
          "  2    invalid input or usage (every problem listed; nothing written)",
          "  3    environment problem (lock held, SLURM missing or refusing, cannot write)",
          "  70   internal error in tunesmith (--debug shows the stack trace)",
          "  130  interrupted by Ctrl-C (files written are whole; run it again to finish)",
          "  143  stopped by SIGTERM (as Ctrl-C)");

  private ExitCode() {}
}
