package tunesmith.problem;

/**
 * Something the user should see but that does not stop the work. {@code run} is null for
 * experiment-wide warnings.
 */
public record Warning(String run, String message) {
  public static Warning global(String message) {
    return new Warning(null, message);
  }

  public String render() {
    return run == null ? message : run + ": " + message;
  }
}
