package tunesmith.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** --debug, on every command: an internal error (exit 70) prints its stack trace. */
final class DebugOption {
  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "On an internal error (exit 70), print the stack trace.")
  boolean debug;
}
