package tunesmith.cli;

import picocli.CommandLine.Option;

/** --force: only on the commands that write or submit runs (scaffold, submit). */
final class ForceOption {
  @Option(
      names = "--force",
      description =
          "Also overwrite (scaffold) or resubmit (submit) runs that were already submitted.")
  boolean force;
}
