package tunesmith.cli;

import java.nio.file.Path;
import java.util.Optional;
import tunesmith.environment.LocalSettingsLocator;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.problem.Hint;

/**
 * Which claude.local.md a command read, in one line of its text report (issue 23.4), and whether it
 * is the experiment's own: one found in the current directory comes first, and would put its
 * account into every run.
 *
 * @param used the file read, if any
 * @param notOwn why it is not the experiment's own, when it is not and --local-md did not name it
 */
record LocalMdLine(Optional<Path> used, Optional<String> notOwn) {
  static LocalMdLine of(ScaffoldPlan plan, InputOptions inputs) {
    Optional<Path> used = plan.local().source();
    Optional<String> notOwn =
        inputs.localMd != null || used.isEmpty()
            ? Optional.empty()
            : LocalSettingsLocator.notTheExperimentsOwn(used.get(), plan.experiment().directory());
    return new LocalMdLine(used, notOwn);
  }

  /** The line: the file, or that none was found; a warning when it is not the experiment's own. */
  String text() {
    return "claude.local.md: "
        + used.map(Path::toString).orElse("none found (built-in defaults)")
        + notOwn.map(why -> "\n⚠ " + why).orElse("")
        + "\n";
  }

  /**
   * What verify advises for files that differ: scaffold rewrites them, unless the file read is not
   * the experiment's own, when scaffold would rewrite every run from it.
   */
  String rewriteHint(ScaffoldPlan plan) {
    if (notOwn.isEmpty()) {
      return "tunesmith scaffold rewrites them";
    }
    Path directory = plan.experiment().directory();
    return LocalSettingsLocator.experimentsOwn(directory)
        .map(
            own ->
                "this check read "
                    + used.orElseThrow()
                    + ", not the experiment's own; check against the experiment's own with: "
                    + Hint.of("verify", directory, "--local-md", own.toString())
                    + " (a scaffold from here would rewrite every run from "
                    + used.orElseThrow()
                    + ")")
        .orElse(
            "this check read "
                + used.orElseThrow()
                + " from the current directory; give the claude.local.md meant for this experiment"
                + " with --local-md before any scaffold");
  }
}
