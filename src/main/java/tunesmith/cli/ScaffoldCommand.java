package tunesmith.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tunesmith.lock.ExperimentLock;
import tunesmith.lock.Interruption;
import tunesmith.lock.LockHeldException;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.plan.SharedOutputDirs;
import tunesmith.report.ScaffoldReport;
import tunesmith.scaffold.RunOutcome;
import tunesmith.scaffold.Scaffolder;

@Command(
    name = "scaffold",
    mixinStandardHelpOptions = true,
    description = "Plan, write, verify, log and report every fine-tuned run of an experiment.",
    footer = {
      "",
      "Examples:",
      "  tunesmith scaffold                  # the experiment in this directory",
      "  tunesmith scaffold experiments/cap_sweep --json",
      "  tunesmith scaffold --dry-run        # the plan only; nothing written",
      "  tunesmith scaffold --wait           # wait while another scaffold works here",
      "",
      "One scaffold or submit at a time per experiment (lock: .tunesmith/lock)."
    })
final class ScaffoldCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin ExperimentArgument experiment;

  @Option(
      names = "--dry-run",
      description = "Print the plan and write nothing (same as `tunesmith plan`).")
  boolean dryRun;

  @Mixin InputOptions inputs;

  @Mixin OutputOptions output;

  @Option(
      names = "--force",
      description = "Also write again the runs already sent to SLURM (their files are replaced).")
  boolean force;

  @Mixin LockWaitOptions lockWait;

  ScaffoldCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws LockHeldException, EnvironmentProblem {
    ScaffoldPlan plan = SharedOutputDirs.warnAbout(experiment.loadPlan(context, inputs));
    if (dryRun) {
      return PlanCommand.print(plan, output, context);
    }
    Path directory = plan.experiment().directory();
    // Planning only reads the inputs, so it runs before the lock: an invalid input still writes
    // nothing at all.
    try (ExperimentLock lock =
        ExperimentLock.acquire(directory, lockWait.policy(), context.clock())) {
      List<String> lockWarnings = lock.takeoverWarnings();
      lockWarnings.forEach(warning -> output.err(context, "tunesmith: warning: " + warning + "\n"));
      // On Ctrl-C the JVM exits once the hook is done: the hook waits for the report to be printed,
      // then releases the lock.
      try (Interruption interruption = Interruption.onShutdown(lock::close)) {
        Scaffolder.Result result =
            new Scaffolder(
                    context.clock(),
                    force,
                    ProgressBar.choose(context, output, plan.runs().size(), "scaffolding"),
                    ProgressBar.choose(
                        context,
                        output,
                        plan.evaluation().cells().size(),
                        "writing evaluation cells",
                        "cells"))
                .run(plan, interruption, lockWarnings);
        return report(plan, result);
      }
    } catch (IOException e) {
      throw new EnvironmentProblem("cannot write in " + directory + ": " + e.getMessage(), e);
    }
  }

  private int report(ScaffoldPlan plan, Scaffolder.Result result) {
    List<RunOutcome> outcomes = result.outcomes();
    Path logFile = result.logFile();
    long failed = result.failedCount();
    output.printReport(
        context,
        () ->
            ScaffoldReport.json(
                "scaffold", plan, outcomes, logFile, result.staleRuns(), result.cells()),
        () -> ScaffoldReport.text(plan, outcomes, logFile, result.staleRuns(), result.cells()),
        failed > 0 || result.interrupted());
    context.out().flush();
    context.err().flush();
    if (result.interrupted()) {
      return ExitCode.INTERRUPTED;
    }
    return failed == 0 ? ExitCode.OK : ExitCode.RUNS_FAILED;
  }
}
