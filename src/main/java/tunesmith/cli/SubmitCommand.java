package tunesmith.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tunesmith.lock.LockHeldException;
import tunesmith.lock.WritingLock;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.report.SubmitReport;
import tunesmith.slurm.ExperimentSubmission;
import tunesmith.slurm.LockAroundWaits;
import tunesmith.slurm.NamedRuns;
import tunesmith.slurm.RunSelection;
import tunesmith.slurm.SlurmClient;
import tunesmith.slurm.SlurmException;

@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = {
      "Submit the experiment's verified runs, and their evaluation cells, to SLURM.",
      "sbatch takes each run's finetune.slurm by absolute path, with --chdir the run directory;"
          + " the job is recorded in the run's .tunesmith/submission.json. Only runs that are"
          + " scaffolded and verify are submitted; a run submitted before is refused (with what to"
          + " do instead) unless --force, and a COMPLETED one unless also --overwrite-completed."
          + " Then each run's evaluation cells (if its format has them) are submitted: after its"
          + " training job (afterok), and at once for controls and eval-only runs; each is"
          + " recorded in its cell directory."
    },
    footer = {
      "",
      "Examples:",
      "  tunesmith submit                      # every verified run of the experiment",
      "  tunesmith submit exp/cap_sweep --runs r8_lr1e-5,r32_lr1e-5",
      "  tunesmith submit --array --max-running 4   # job arrays, 4 tasks at a time",
      "  tunesmith submit --dry-run            # print the sbatch commands only",
      "  tunesmith submit --max-queued 25 --stagger 5   # drip-feed under a QoS cap",
      "  tunesmith submit --no-eval            # training only, no evaluation cell",
      "  tunesmith submit --eval-only          # evaluation cells only",
      "",
      "SBATCH=/path/to/sbatch names another sbatch."
    })
final class SubmitCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec CommandSpec spec;

  @Mixin ExperimentArgument experiment;

  @Mixin InputOptions inputs;

  @Mixin OutputOptions output;

  @Mixin ForceOption force;

  @Mixin LockWaitOptions lockWait;

  @Mixin QueueOptions queue;

  @Option(
      names = "--runs",
      split = ",",
      paramLabel = "RUN",
      description =
          "Submit only these runs and their evaluation cells (default: every run; a control or"
              + " eval-only run names its cells).")
  List<String> runs = new ArrayList<>();

  @Option(
      names = "--overwrite-completed",
      description =
          "With --force: also submit again runs whose job COMPLETED, training over their"
              + " checkpoints (without it, --force refuses them).")
  boolean overwriteCompleted;

  @Option(names = "--no-eval", description = "Submit training only: no evaluation cell.")
  boolean noEval;

  @Option(
      names = "--eval-only",
      description =
          "Submit only evaluation cells: a fine-tuned run's cells wait for its recorded training"
              + " job while it is queued or running, go at once once it COMPLETED, and are refused"
              + " otherwise.")
  boolean evalOnly;

  @Option(
      names = "--dry-run",
      description = "Print the sbatch commands; submit nothing, write nothing.")
  boolean dryRun;

  SubmitCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call()
      throws LockHeldException, EnvironmentProblem, SlurmException, InterruptedException {
    queue.check(spec);
    if (overwriteCompleted && !force.force) {
      throw new ParameterException(
          spec.commandLine(),
          "--overwrite-completed goes with --force (it widens what --force sends)");
    }
    if (noEval && evalOnly) {
      throw new ParameterException(
          spec.commandLine(), "--no-eval and --eval-only exclude each other");
    }
    ScaffoldPlan plan = experiment.loadPlan(context, inputs);
    NamedRuns named = NamedRuns.resolve(plan, runs); // before the lock: nothing written
    if (dryRun) {
      return submit(plan, named, LockAroundWaits.KEPT); // writes nothing, so it needs no lock
    }
    Path directory = plan.experiment().directory();
    // Held from before the records are read until the last is written, let go of only while a queue
    // cap waits (a notice then keeps other submits out): two submits cannot both see a run as
    // unsubmitted, and cancel works while one waits (docs/submitting.md).
    try (WritingLock lock = WritingLock.acquire(directory, lockWait.policy(), context.clock())) {
      lock.takeoverWarnings()
          .forEach(warning -> output.err(context, "tunesmith: warning: " + warning + "\n"));
      return submit(plan, named, new LockLetGoWhileWaiting(lock));
    } catch (IOException e) {
      throw new EnvironmentProblem(
          "cannot take the lock in " + directory + ": " + e.getMessage(), e);
    }
  }

  private int submit(ScaffoldPlan plan, NamedRuns named, LockAroundWaits lock)
      throws SlurmException, InterruptedException, EnvironmentProblem {
    ExperimentSubmission.Outcome outcome;
    try {
      outcome = submission(plan, named, lock);
    } catch (IOException e) {
      throw EnvironmentProblem.adoptionNotRecorded(plan.experiment().directory(), e);
    }
    outcome.warnings().forEach(warning -> context.err().println("tunesmith: warning: " + warning));
    SubmitReport.Input report =
        new SubmitReport.Input(
            plan.experiment().directory(),
            outcome.selection(),
            outcome.submissions(),
            outcome.commands(),
            dryRun,
            outcome.result(),
            outcome.cells(),
            outcome.data());
    output.printReport(
        context,
        () -> SubmitReport.json(Headers.of("submit", plan), report),
        () -> SubmitReport.text(report) + LocalMdLine.of(plan, inputs).text(),
        outcome.refused() || outcome.someNotSubmitted());
    if (outcome.refused()) {
      return ExitCode.ENVIRONMENT; // the report names what SLURM refused
    }
    return outcome.someNotSubmitted() ? ExitCode.RUNS_FAILED : ExitCode.OK;
  }

  private ExperimentSubmission.Outcome submission(
      ScaffoldPlan plan, NamedRuns named, LockAroundWaits lock)
      throws SlurmException, InterruptedException, IOException {
    SlurmClient client =
        new SlurmClient(context.environment(), context.workingDirectory(), queue.sbatchTimeout());
    return new ExperimentSubmission(client, context.clock())
        .submit(
            plan,
            named,
            new ExperimentSubmission.Options(
                !force.force
                    ? RunSelection.Again.NO
                    : overwriteCompleted
                        ? RunSelection.Again.OVER_COMPLETED
                        : RunSelection.Again.FORCE,
                queue.array,
                queue.maxRunning(),
                noEval,
                evalOnly,
                dryRun,
                queue.maxQueued(),
                queue.stagger(),
                UserName.of(context),
                queue.stopOnRefusal),
            line -> {
              if (!output.quiet) {
                context.err().println(line);
              }
            },
            lock);
  }
}
