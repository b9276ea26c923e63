package tunesmith.slurm;

/**
 * A SLURM command that could not be run or that failed: an environment problem (exit 3), carrying
 * the command's own message (its stderr, or the reason it could not be started).
 */
public final class SlurmException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why: the program is not there, or it ran and failed. */
  public enum Kind {
    MISSING,
    FAILED
  }

  private final transient SlurmTool tool;
  private final Kind kind;

  public SlurmException(SlurmTool tool, Kind kind, String program, String commandMessage) {
    super(program + (kind == Kind.MISSING ? " cannot be run: " : " failed: ") + commandMessage);
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
