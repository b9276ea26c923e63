package tunesmith.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tunesmith.parallel.RunPool;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.report.VerifyReport;
import tunesmith.scaffold.PlannedRunCheck;
import tunesmith.scaffold.StaleRuns;

@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description =
        "Re-check every run directory against the plan (after hand edits, or before submitting).",
    footer = {
      "",
      "Examples:",
      "  tunesmith verify",
      "  tunesmith verify experiments/cap_sweep",
      "",
      "Here, exit 0 means every run matches; 1 some runs differ or are incomplete."
    })
final class VerifyCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin ExperimentArgument experiment;

  @Mixin InputOptions inputs;

  @Mixin OutputOptions output;

  VerifyCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    ScaffoldPlan plan = experiment.loadPlan(context, inputs);
    // Runs are checked in parallel; the results come back in plan order.
    List<List<String>> mismatches =
        RunPool.sizedToMachine()
            .map(
                plan.runs(),
                PlannedRunCheck::check,
                ProgressBar.choose(context, output, plan.runs().size(), "verifying"));
    Map<String, List<String>> results = new LinkedHashMap<>();
    for (int i = 0; i < plan.runs().size(); i++) {
      results.put(plan.runs().get(i).run().name(), mismatches.get(i));
    }
    boolean allMatch = results.values().stream().allMatch(List::isEmpty);
    List<String> stale = staleRuns(plan);
    output.printReport(
        context,
        () -> VerifyReport.json(plan.experiment().directory(), results, stale),
        () -> VerifyReport.text(results, stale),
        !allMatch);
    return allMatch ? ExitCode.OK : ExitCode.RUNS_FAILED;
  }

  /** Reported, never an error: a directory verify cannot list only hides this note. */
  private static List<String> staleRuns(ScaffoldPlan plan) {
    try {
      return StaleRuns.find(
          plan.experiment().directory(),
          plan.runs().stream().map(run -> run.run().name()).toList());
    } catch (java.io.IOException e) {
      return List.of();
    }
  }
}
