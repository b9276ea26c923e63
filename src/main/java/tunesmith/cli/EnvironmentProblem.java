package tunesmith.cli;

/**
 * Something outside tunesmith stops a command (a directory that cannot be written): exit 3, its
 * message printed as it is.
 */
final class EnvironmentProblem extends Exception {
  private static final long serialVersionUID = 1L;

  EnvironmentProblem(String message, Throwable cause) {
    super(message, cause);
  }
}
