package tunesmith.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tunesmith.evaluation.EvalCell;
import tunesmith.parallel.ProgressListener;
import tunesmith.parallel.RunPool;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.report.VerifyReport;
import tunesmith.scaffold.StaleRuns;
import tunesmith.verify.CellUnderCheck;
import tunesmith.verify.Readiness;
import tunesmith.verify.RunReadiness;

@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check that every run is ready to submit.",
      "Each run's files must be byte for byte what tunesmith writes now from the current inputs,"
          + " and, read back as their consumers read them, say what the plan and the experiment's"
          + " design say. submit and status run the same check."
    },
    footer = {
      "",
      "Examples:",
      "  tunesmith verify",
      "  tunesmith verify experiments/cap_sweep",
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
    // Runs, then cells, are checked in parallel; the results come back in plan order.
    RunReadiness readiness = RunReadiness.standard();
    RunPool pool = RunPool.sizedToMachine();
    List<Readiness> checked =
        pool.map(
            plan.runs(),
            run -> readiness.check(run.toCheck()),
            ProgressBar.choose(context, output, plan.runs().size(), "verifying"));
    Map<String, Readiness> results = new LinkedHashMap<>();
    for (int i = 0; i < plan.runs().size(); i++) {
      results.put(plan.runs().get(i).run().name(), checked.get(i));
    }
    int runCount = results.size();
    // Cells are checked like runs, named {run}/eval/{cell}; what each must hold is rendered on
    // the pool too.
    Map<String, Readiness> runs = new LinkedHashMap<>(results);
    List<Map.Entry<EvalCell, Readiness>> cells =
        pool.map(
            plan.evaluation().cells(),
            cell ->
                Map.entry(
                    cell,
                    readiness.check(
                        CellUnderCheck.of(
                            cell, plan.local().moduleLines(), plan.evaluation().condaEnv()))),
            ProgressListener.NONE);
    cells.forEach(cell -> results.put(CellUnderCheck.name(cell.getKey()), cell.getValue()));
    boolean allMatch = results.values().stream().allMatch(Readiness::ready);
    List<String> stale = staleRuns(plan);
    LocalMdLine localMd = LocalMdLine.of(plan, inputs);
    output.printReport(
        context,
        () -> VerifyReport.json(Headers.of("verify", plan), runs, cells, stale),
        () ->
            VerifyReport.text(results, stale, runCount, localMd.rewriteHint(plan)) + localMd.text(),
        !allMatch || localMd.notOwn().isPresent());
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
