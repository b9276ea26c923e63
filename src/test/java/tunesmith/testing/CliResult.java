package tunesmith.testing;

/** What one CLI invocation produced: its exit code and everything it printed, decoded as UTF-8. */
public record CliResult(int exitCode, String out, String err) {

  /** stdout then stderr, for assertions that do not care which stream a message went to. */
  public String allOutput() {
    return out + "\n" + err;
  }

  /** A description for assertion messages: the exit code and both streams. */
  public String describe() {
    return "exit code " + exitCode + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
  }
}
