package tunesmith.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.plan.SharedOutputDirs;
import tunesmith.report.ScaffoldReport;
import tunesmith.scaffold.RunOutcome;
import tunesmith.scaffold.ScaffoldWriter;

@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = "Print the plan (runs, varying parameters, resources, warnings); write nothing.",
    footer = {"", "Examples:", "  tunesmith plan", "  tunesmith plan experiments/cap_sweep --json"})
final class PlanCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin ExperimentArgument experiment;

  @Mixin InputOptions inputs;

  @Mixin OutputOptions output;

  PlanCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    // Before anything is written, a sibling experiment's runs writing to the same output dirs.
    return print(SharedOutputDirs.warnAbout(experiment.loadPlan(context, inputs)), output, context);
  }

  static int print(ScaffoldPlan plan, OutputOptions output, CliContext context) {
    List<RunOutcome> planned =
        plan.runs().stream()
            .map(
                run ->
                    new RunOutcome(
                        run, RunOutcome.Status.PLANNED, ScaffoldWriter.RUN_FILES, List.of()))
            .toList();
    output.printReport(
        context,
        () ->
            ScaffoldReport.json(
                "plan", plan, planned, null, List.of(), ScaffoldReport.planned(plan)),
        () -> ScaffoldReport.planText(plan),
        false);
    return ExitCode.OK;
  }
}
