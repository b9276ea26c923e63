package tunesmith.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/** Assertions that every command's output must satisfy. */
public final class Expect {
  private Expect() {}

  /** Exit code 0, with both streams in the message if not. */
  public static CliResult succeeded(CliResult result) {
    assertThat(result.exitCode())
        .as("exit code of a command that should succeed\n%s", result.describe())
        .isZero();
    noStackTrace(result);
    return result;
  }

  /** The given exit code, with both streams in the message if not. */
  public static CliResult exitCode(CliResult result, int expected) {
    assertThat(result.exitCode()).as("exit code\n%s", result.describe()).isEqualTo(expected);
    noStackTrace(result);
    return result;
  }

  /** No Java stack trace or exception class name leaked to the user, on either stream. */
  public static void noStackTrace(CliResult result) {
    assertThat(result.allOutput())
        .as("no Java stack trace in the output\n%s", result.describe())
        .doesNotContain("Exception")
        .doesNotContain("\tat ")
        .doesNotContain("Caused by:");
  }

  /**
   * os.path.normpath for absolute POSIX paths: collapses //, /./ and /x/../, and drops a trailing
   * slash.
   */
  public static String normpath(Object path) {
    return Path.of(String.valueOf(path)).normalize().toString();
  }
}
