package tunesmith.cli;

import java.nio.file.Path;
import java.util.List;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.problem.InputProblem;
import tunesmith.problem.InvalidInputException;

/** What the commands that take {@code --runs} say about names, and who the user is. */
final class RunNames {
  private RunNames() {}

  /**
   * --runs naming runs the plan does not have: invalid input, reported by the one failure handler
   * (exit 2), with the fine-tuned runs there are.
   */
  static InvalidInputException unknown(ScaffoldPlan plan, List<String> unknown) {
    return new InvalidInputException(
        new InputProblem(
            Path.of("command line"),
            "--runs",
            0,
            0,
            String.join(", ", unknown)
                + " (no fine-tuned run of "
                + plan.experiment().directory()
                + ")",
            "names of fine-tuned runs; the fine-tuned runs are: "
                + String.join(", ", plan.runs().stream().map(run -> run.run().name()).toList())));
  }

  /** $USER, for the records of who cancelled or retried. */
  static String user(CliContext context) {
    String user = context.environment().get("USER");
    return user == null || user.isBlank() ? "unknown user" : user;
  }
}
