package tunesmith.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tunesmith.files.AtomicFiles;
import tunesmith.parallel.RunPool;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.report.SummaryJson;
import tunesmith.report.SummaryMarkdown;
import tunesmith.report.SummaryPage;
import tunesmith.results.Summarizer;
import tunesmith.results.Summary;
import tunesmith.slurm.CellStatuses;
import tunesmith.slurm.ExperimentJobs;
import tunesmith.slurm.JobObserver;
import tunesmith.slurm.RunLog;
import tunesmith.slurm.RunStatus;
import tunesmith.slurm.RunStatuses;
import tunesmith.slurm.SlurmClient;
import tunesmith.slurm.SlurmException;
import tunesmith.verify.RunReadiness;

@Command(
    name = "summarize",
    mixinStandardHelpOptions = true,
    description = {
      "Summarize the results in summary.json, summary.md and report.html.",
      "The jobs' results are read and the files written in the experiment directory;"
          + " report.html has charts and opens offline. Per run: its state, final loss (as cruijff_kit's extract_loss reads it), loss curve,"
          + " GPU hours and GPU use; per evaluation cell: the scores of its newest inspect log"
          + " (accuracy with a Wilson 95%% interval, balanced accuracy and F1 for 0/1 targets,"
          + " mae, rmse, r_squared and parse_rate for the continuous scorer). SLURM is asked once"
          + " for all jobs."
    },
    footer = {
      "",
      "Examples:",
      "  tunesmith summarize",
      "  tunesmith summarize exp/cap_sweep --json",
      "",
      "A run or cell without results (still running, failed, no log, a log that",
      "cannot be read) gets a row saying why."
    })
final class SummarizeCommand implements Callable<Integer> {
  static final List<String> FILES = List.of("summary.json", "summary.md", "report.html");

  private final CliContext context;

  @Mixin ExperimentArgument experiment;

  @Mixin InputOptions inputs;

  @Mixin OutputOptions output;

  SummarizeCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws SlurmException, IOException, EnvironmentProblem {
    ScaffoldPlan plan = experiment.loadPlan(context, inputs);
    // One look at SLURM for runs and cells; a forgotten job keeps its remembered state.
    ExperimentJobs jobs =
        ExperimentJobs.gather(
            plan,
            new JobObserver(new SlurmClient(context.environment(), context.workingDirectory())),
            new RunLog(plan, context.clock()),
            ExperimentJobs.Mode.LOOK);
    // Whether an unsubmitted run is ready does not matter here: only that it has no results.
    List<RunStatus> runs = new RunStatuses(new RunReadiness(List.of())).collect(plan, jobs);
    List<CellStatuses.Row> cells = CellStatuses.collect(plan, jobs);
    Summary summary = Summarizer.summarize(plan, runs, cells, RunPool.sizedToMachine());
    Path directory = plan.experiment().directory();
    String markdown = SummaryMarkdown.render(summary);
    try {
      AtomicFiles.write(
          directory.resolve(FILES.get(0)), SummaryJson.file(summary, plan.local().source()));
      AtomicFiles.write(directory.resolve(FILES.get(1)), markdown);
      AtomicFiles.write(directory.resolve(FILES.get(2)), SummaryPage.render(summary));
    } catch (IOException e) {
      throw new EnvironmentProblem("cannot write in " + directory + ": " + e.getMessage(), e);
    }
    output.printReport(
        context,
        () -> SummaryJson.file(summary, plan.local().source()),
        () -> markdown + LocalMdLine.of(plan, inputs).text(),
        !summary.complete());
    return summary.complete() ? ExitCode.OK : ExitCode.RUNS_FAILED;
  }
}
