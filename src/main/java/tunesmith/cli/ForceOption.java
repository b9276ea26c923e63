package tunesmith.cli;

import picocli.CommandLine.Option;

/** submit's --force (scaffold's says what it means there). */
final class ForceOption {
  @Option(names = "--force", description = "Also resubmit runs that were already submitted.")
  boolean force;
}
