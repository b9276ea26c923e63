package tunesmith.cli;

import java.time.Duration;
import picocli.CommandLine.Option;
import tunesmith.lock.WaitPolicy;

/**
 * What the commands that take the experiment lock (scaffold, submit) do when another process holds
 * it.
 */
final class LockWaitOptions {
  @Option(
      names = "--wait",
      description =
          "If another scaffold or submit is working on this experiment, wait for it to finish "
              + "instead of exiting with code 3.")
  boolean wait;

  @Option(
      names = "--wait-timeout",
      paramLabel = "SECONDS",
      description =
          "With --wait (implied): give up after SECONDS "
              + "(exit 3). Default: wait as long as it takes.")
  Long waitTimeoutSeconds;

  WaitPolicy policy() {
    if (waitTimeoutSeconds != null) {
      return WaitPolicy.upTo(Duration.ofSeconds(Math.max(0, waitTimeoutSeconds)));
    }
    return wait ? WaitPolicy.FOREVER : WaitPolicy.NO_WAIT;
  }
}
