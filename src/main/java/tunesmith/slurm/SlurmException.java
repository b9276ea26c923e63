package tunesmith.slurm;

/**
 * A SLURM command that could not be run or that failed: an environment problem (exit 3), carrying
 * the command's own message (its stderr, or the reason it could not be started).
 */
public final class SlurmException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Why: the program is not there, it ran and failed, or it gave no answer in the time allowed
   * (then whether it did what it was asked is not known).
   */
  public enum Kind {
    MISSING,
    FAILED,
    TIMED_OUT
  }

  private final transient SlurmTool tool;
  private final Kind kind;

  public SlurmException(SlurmTool tool, Kind kind, String program, String commandMessage) {
    super(
        program
            + switch (kind) {
              case MISSING -> " cannot be run: ";
              case FAILED -> " failed: ";
              case TIMED_OUT -> " did not answer: ";
            }
            + commandMessage);
    this.tool = tool;
    this.kind = kind;
  }

  public SlurmTool tool() {
    return tool;
  }

  public Kind kind() {
    return kind;
  }
}
