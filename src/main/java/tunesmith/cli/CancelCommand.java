package tunesmith.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tunesmith.evaluation.EvalCell;
import tunesmith.lock.ExperimentLock;
import tunesmith.lock.LockHeldException;
import tunesmith.lock.WaitingWriter;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.problem.InvalidInputException;
import tunesmith.report.CancelReport;
import tunesmith.slurm.CellStatuses;
import tunesmith.slurm.DataJobStatus;
import tunesmith.slurm.ExperimentJobs;
import tunesmith.slurm.ExperimentStatus;
import tunesmith.slurm.JobCanceller;
import tunesmith.slurm.NamedRuns;
import tunesmith.slurm.RunLog;
import tunesmith.slurm.RunStatus;
import tunesmith.slurm.RunStatuses;
import tunesmith.slurm.SlurmClient;
import tunesmith.slurm.SlurmException;

@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description = {
      "Cancel the queued or running jobs of runs (scancel; an array task alone).",
      "The run's .tunesmith/submission.json keeps the cancellation (who, when), so status shows"
          + " CANCELLED and a bare retry leaves the run alone."
    },
    footer = {
      "",
      "Examples:",
      "  tunesmith cancel                      # every run of the experiment",
      "  tunesmith cancel exp/cap_sweep --runs r8_lr1e-5",
      "",
      "SCANCEL=/path/to/scancel names another scancel."
    })
final class CancelCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin ExperimentArgument experiment;

  @Mixin InputOptions inputs;

  @Mixin OutputOptions output;

  @Mixin LockWaitOptions lockWait;

  @Option(
      names = "--runs",
      split = ",",
      paramLabel = "RUN",
      description =
          "Cancel only these runs and their evaluation cells (default: every run and cell).")
  List<String> runs = new ArrayList<>();

  CancelCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call()
      throws InvalidInputException, SlurmException, LockHeldException, EnvironmentProblem {
    ScaffoldPlan plan = experiment.loadPlan(context, inputs);
    NamedRuns named = NamedRuns.resolve(plan, runs);
    Path directory = plan.experiment().directory();
    SlurmClient client = new SlurmClient(context.environment(), context.workingDirectory());
    try (ExperimentLock lock =
        ExperimentLock.acquire(directory, lockWait.policy(), context.clock())) {
      lock.takeoverWarnings()
          .forEach(warning -> context.err().println("tunesmith: warning: " + warning));
      // One look at SLURM for runs and cells; a job submitted but never recorded is adopted first.
      ExperimentStatus look =
          ExperimentStatus.take(
              plan, client, context.clock(), ExperimentJobs.Mode.RECONCILE, new RunStatuses());
      Map<String, RunStatus> statuses = new LinkedHashMap<>();
      look.runs().forEach(row -> statuses.put(row.run(), row));
      JobCanceller canceller = new JobCanceller(client, context.clock(), UserName.of(context));
      RunLog log = new RunLog(plan, context.clock());
      // The cells of the named runs (of every run with cells when none is named) go too: one
      // outcome per row, in order.
      List<CellStatuses.Row> rows =
          look.cells().stream().filter(row -> named.cells().contains(row.status().cell())).toList();
      JobCanceller.Cancelled done = canceller.cancel(named.runs(), statuses, rows, log);
      List<JobCanceller.Outcome> cellOutcomes = withdrawn(directory, done.cells());
      List<JobCanceller.Outcome> runs = withdrawn(directory, done.runs());
      // The data job last, once no run left waiting for it (docs/submitting.md).
      List<String> cancelled = named.runs().stream().map(run -> run.run().name()).toList();
      Optional<DataJobStatus> data =
          look.data().filter(job -> cancelled.containsAll(job.job().runs()));
      Optional<JobCanceller.Outcome> dataOutcome = Optional.empty();
      if (data.isPresent()) {
        dataOutcome = Optional.of(canceller.cancelDataJob(data.get(), log));
      }
      List<Map.Entry<EvalCell, JobCanceller.Outcome>> cells = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        cells.add(Map.entry(rows.get(i).status().cell(), cellOutcomes.get(i)));
      }
      List<JobCanceller.Outcome> outcomes = new ArrayList<>(runs);
      outcomes.addAll(cellOutcomes);
      dataOutcome.ifPresent(outcomes::add);
      Optional<JobCanceller.Outcome> dataReported = dataOutcome;
      output.printReport(
          context,
          () ->
              CancelReport.json(
                  Headers.of("cancel", plan),
                  runs,
                  cells,
                  data.map(DataJobStatus::job),
                  dataReported),
          () -> CancelReport.text(outcomes) + LocalMdLine.of(plan, inputs).text(),
          false);
      return ExitCode.OK;
    } catch (IOException e) {
      throw new EnvironmentProblem("cannot write in " + directory + ": " + e.getMessage(), e);
    }
  }

  /**
   * A run or cell not submitted yet, while a submit waits on the queue to send it: withdrawn from
   * that submit, which reads the notice once it holds the lock again (docs/submitting.md).
   */
  private List<JobCanceller.Outcome> withdrawn(Path directory, List<JobCanceller.Outcome> outcomes)
      throws IOException {
    Optional<WaitingWriter> waiting = WaitingWriter.find(directory);
    if (waiting.isEmpty()) {
      return outcomes;
    }
    List<String> names =
        outcomes.stream()
            .filter(outcome -> outcome.jobId().isEmpty())
            .map(JobCanceller.Outcome::run)
            .toList();
    String by =
        "by "
            + UserName.of(context)
            + " at "
            + OffsetDateTime.now(context.clock())
                .truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    waiting.get().withdraw(directory, names, by);
    return outcomes.stream()
        .map(
            outcome ->
                outcome.jobId().isPresent()
                    ? outcome
                    : new JobCanceller.Outcome(
                        outcome.run(),
                        Optional.empty(),
                        true,
                        "not submitted yet: withdrawn from the submit waiting on the queue ("
                            + waiting.get().holder().describe()
                            + "), which will not send it"))
        .toList();
  }
}
