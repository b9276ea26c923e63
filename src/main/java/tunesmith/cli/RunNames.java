package tunesmith.cli;

import tunesmith.plan.ScaffoldPlan;
import tunesmith.slurm.NamedRuns;

/** What the commands that take {@code --runs} say about names, and who the user is. */
final class RunNames {
  private RunNames() {}

  static String unknown(ScaffoldPlan plan, NamedRuns named) {
    return "tunesmith: --runs names no fine-tuned run of "
        + plan.experiment().directory()
        + ": "
        + String.join(", ", named.unknown())
        + "; the fine-tuned runs are: "
        + String.join(", ", plan.runs().stream().map(run -> run.run().name()).toList());
  }

  /** $USER, for the records of who cancelled or retried. */
  static String user(CliContext context) {
    String user = context.environment().get("USER");
    return user == null || user.isBlank() ? "unknown user" : user;
  }
}
