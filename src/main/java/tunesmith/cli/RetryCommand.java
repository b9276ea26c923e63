package tunesmith.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tunesmith.lock.ExperimentLock;
import tunesmith.lock.LockHeldException;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.problem.InvalidInputException;
import tunesmith.report.RetryReport;
import tunesmith.retry.Retrier;
import tunesmith.retry.RetryDecision;
import tunesmith.retry.RetryPlan;
import tunesmith.retry.RetryPlanner;
import tunesmith.slurm.CellSubmitter;
import tunesmith.slurm.DataJobSubmitter;
import tunesmith.slurm.ExperimentJobs;
import tunesmith.slurm.ExperimentStatus;
import tunesmith.slurm.NamedRuns;
import tunesmith.slurm.RunLog;
import tunesmith.slurm.RunStatus;
import tunesmith.slurm.RunStatuses;
import tunesmith.slurm.SlurmClient;
import tunesmith.slurm.SlurmException;
import tunesmith.slurm.Submitter;

@Command(
    name = "retry",
    mixinStandardHelpOptions = true,
    description = {
      "Submit again the runs whose last attempt failed, adjusted to why it failed.",
      "CUDA out of memory: batch_size halved, gradient_accumulation_steps doubled (at most 3"
          + " times, never below 1); host OUT_OF_MEMORY: mem x 1.5; TIMEOUT: resume from the last"
          + " saved epoch (resume_from_checkpoint), else time x 1.5; node failure or preemption:"
          + " the same job. Any other error is not retried (its last traceback line is shown). A"
          + " run cancelled on purpose is retried only when named with --runs. Changes go into"
          + " the run's setup_finetune.yaml (finetune.yaml and finetune.slurm are rendered"
          + " again) and into .tunesmith/adjustments.json, which verify accepts."
    },
    footer = {
      "",
      "Examples:",
      "  tunesmith retry --dry-run             # what would be retried, and how",
      "  tunesmith retry exp/cap_sweep",
      "  tunesmith retry --runs r8_lr1e-5      # also a run cancelled on purpose"
    })
final class RetryCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin ExperimentArgument experiment;

  @Mixin InputOptions inputs;

  @Mixin OutputOptions output;

  @Mixin LockWaitOptions lockWait;

  @Option(
      names = "--runs",
      split = ",",
      paramLabel = "RUN",
      description = "Retry only these runs (default: every failed run not cancelled on purpose).")
  List<String> runs = new ArrayList<>();

  @Option(names = "--dry-run", description = "Say what would be retried and how; change nothing.")
  boolean dryRun;

  RetryCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call()
      throws InvalidInputException, SlurmException, LockHeldException, EnvironmentProblem {
    ScaffoldPlan plan = experiment.loadPlan(context, inputs);
    NamedRuns named = NamedRuns.resolve(plan, runs);
    Path directory = plan.experiment().directory();
    if (dryRun) {
      return run(plan, named); // changes nothing, so it needs no lock
    }
    try (ExperimentLock lock =
        ExperimentLock.acquire(directory, lockWait.policy(), context.clock())) {
      lock.takeoverWarnings()
          .forEach(warning -> context.err().println("tunesmith: warning: " + warning));
      return run(plan, named);
    } catch (IOException e) {
      throw new EnvironmentProblem(
          "cannot take the lock in " + directory + ": " + e.getMessage(), e);
    }
  }

  private int run(ScaffoldPlan plan, NamedRuns named)
      throws InvalidInputException, SlurmException, EnvironmentProblem {
    Path directory = plan.experiment().directory();
    SlurmClient client = new SlurmClient(context.environment(), context.workingDirectory());
    try {
      // One look at SLURM for runs and cells; a job submitted but never recorded is adopted first
      // (a dry run, which holds no lock, only adopts).
      ExperimentStatus look =
          ExperimentStatus.take(
              plan,
              client,
              context.clock(),
              dryRun ? ExperimentJobs.Mode.LOOK : ExperimentJobs.Mode.RECONCILE,
              new RunStatuses());
      Map<String, RunStatus> statuses = new LinkedHashMap<>();
      look.runs().forEach(row -> statuses.put(row.run(), row));
      // One plan for retry and retry --dry-run: the dry run says what retry then does.
      RetryPlan decided = RetryPlanner.plan(named, statuses, look.cells(), directory);
      List<RetryDecision.Retry> retries = decided.retries();
      List<RetryDecision.Skip> skipped = decided.skipped(named.named());
      List<Retrier.Outcome> outcomes = List.of();
      if (!dryRun) {
        RunLog log = new RunLog(plan, context.clock());
        for (RetryDecision.Skip skip : skipped) {
          if (skip.kind() != RetryDecision.Kind.NOT_FAILED) {
            log.notRetried(skip.run(), skip.reason());
          }
        }
        outcomes =
            new Retrier(
                    new Submitter(client, context.clock(), directory),
                    context.clock(),
                    Optional.of(new DataJobSubmitter(client, context.clock())))
                .retry(retries, plan, () -> replan(), log);
      }
      // A cell of a run retried above waits for its new training job (in a dry run, for the job
      // the retry would submit).
      List<CellSubmitter.Outcome> cells = new ArrayList<>();
      decided
          .cellsLeft()
          .forEach(
              left ->
                  cells.add(
                      new CellSubmitter.Outcome(
                          left.cell(), List.of(), Optional.empty(), Optional.of(left.reason()))));
      cells.addAll(
          new CellSubmitter(client, context.clock(), plan, true)
              .submit(
                  decided.cells(), Map.of(), dryRun ? decided.retriedRuns() : Set.of(), dryRun));
      RetryReport.Input report =
          new RetryReport.Input(directory, dryRun, retries, skipped, outcomes, cells);
      boolean leftFailed =
          skipped.stream().anyMatch(RetryDecision.Skip::leftFailed)
              || outcomes.stream().anyMatch(outcome -> outcome.problem().isPresent())
              || cells.stream().anyMatch(cell -> cell.refusal().isPresent());
      output.printReport(
          context,
          () -> RetryReport.json(Headers.of("retry", plan), report),
          () -> RetryReport.text(report) + LocalMdLine.of(plan, inputs).text(),
          leftFailed);
      return leftFailed ? ExitCode.RUNS_FAILED : ExitCode.OK;
    } catch (IOException e) {
      throw new EnvironmentProblem("cannot retry in " + directory + ": " + e.getMessage(), e);
    }
  }

  private ScaffoldPlan replan() {
    return experiment.loadPlan(context, inputs);
  }
}
