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

  /** A job found by its tag (docs/submitting.md) could not be written into its record. */
  static EnvironmentProblem adoptionNotRecorded(java.nio.file.Path experiment, Exception e) {
    return new EnvironmentProblem(
        "cannot record a job found by its tag in " + experiment + ": " + e.getMessage(), e);
  }
}
