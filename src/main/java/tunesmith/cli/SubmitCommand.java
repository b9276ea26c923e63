package tunesmith.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tunesmith.lock.ExperimentLock;
import tunesmith.lock.LockHeldException;
import tunesmith.plan.PlannedRun;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.report.SubmitReport;
import tunesmith.slurm.RunSelection;
import tunesmith.slurm.SlurmClient;
import tunesmith.slurm.SlurmTool;
import tunesmith.slurm.Submission;
import tunesmith.slurm.SubmissionPlanner;
import tunesmith.slurm.Submitter;

@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = {
      "Submit runs to SLURM: sbatch each run's finetune.slurm (by absolute path,",
      "with --chdir the run directory) and record the job in the run's",
      ".tunesmith/submission.json. Only runs that are scaffolded and verify are",
      "submitted; a run submitted before is refused unless --force."
    },
    footer = {
      "",
      "Examples:",
      "  tunesmith submit                      # every verified run of the experiment",
      "  tunesmith submit exp/cap_sweep --runs r8_lr1e-5,r32_lr1e-5",
      "  tunesmith submit --array --max-running 4   # job arrays, 4 tasks at a time",
      "  tunesmith submit --dry-run            # print the sbatch commands only",
      "",
      "SBATCH=/path/to/sbatch names another sbatch.",
      "Here, exit 0 means every selected run submitted; 1 some were not (listed);",
      "2 also an unknown --runs name; 3 SLURM refused a submission, or a SLURM",
      "command is missing or failed (runs submitted before keep their records)."
    })
final class SubmitCommand implements Callable<Integer> {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

  private final CliContext context;

  @Spec CommandSpec spec;

  @Mixin ExperimentArgument experiment;

  @Mixin InputOptions inputs;

  @Mixin OutputOptions output;

  @Mixin ForceOption force;

  @Mixin LockWaitOptions lockWait;

  @Option(
      names = "--runs",
      split = ",",
      paramLabel = "RUN",
      description = "Submit only these runs (default: every fine-tuned run).")
  List<String> runs = new ArrayList<>();

  @Option(
      names = "--array",
      description =
          "Submit the runs as one job array (one per set of resources), each task running its run's finetune.slurm.")
  boolean array;

  @Option(
      names = "--max-running",
      paramLabel = "N",
      description =
          "With --array: at most N tasks of an array run at once (sbatch --array=...%%N).")
  Integer maxRunning;

  @Option(
      names = "--dry-run",
      description = "Print the sbatch commands; submit nothing, write nothing.")
  boolean dryRun;

  SubmitCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws LockHeldException, EnvironmentProblem {
    if (maxRunning != null && (!array || maxRunning < 1)) {
      throw new ParameterException(
          spec.commandLine(),
          "--max-running takes a number of tasks of at least 1, and only with --array");
    }
    ScaffoldPlan plan = experiment.loadPlan(context, inputs);
    if (dryRun) {
      return submit(plan); // writes nothing, so it needs no lock
    }
    Path directory = plan.experiment().directory();
    // Held from before the records are read until the last is written: two submits cannot both see
    // a run as unsubmitted.
    try (ExperimentLock lock =
        ExperimentLock.acquire(directory, lockWait.policy(), context.clock())) {
      lock.takeoverWarnings()
          .forEach(warning -> output.err(context, "tunesmith: warning: " + warning + "\n"));
      return submit(plan);
    } catch (IOException e) {
      throw new EnvironmentProblem(
          "cannot take the lock in " + directory + ": " + e.getMessage(), e);
    }
  }

  private int submit(ScaffoldPlan plan) {
    RunSelection selection = RunSelection.select(plan, runs, force.force);
    if (!selection.unknown().isEmpty()) {
      context
          .err()
          .println(
              "tunesmith: --runs names no fine-tuned run of "
                  + plan.experiment().directory()
                  + ": "
                  + String.join(", ", selection.unknown())
                  + "; the fine-tuned runs are: "
                  + String.join(", ", plan.runs().stream().map(run -> run.run().name()).toList()));
      return ExitCode.INVALID_INPUT;
    }
    SlurmClient client = new SlurmClient(context.environment(), context.workingDirectory());
    List<Submission> submissions = submissions(plan, selection.ready());
    List<List<String>> commands =
        submissions.stream()
            .map(submission -> client.command(SlurmTool.SBATCH, submission.sbatchArgs()))
            .toList();
    Optional<Submitter.Result> result =
        dryRun
            ? Optional.empty()
            : Optional.of(new Submitter(client, context.clock()).submit(submissions));
    SubmitReport.Input report =
        new SubmitReport.Input(
            plan.experiment().directory(), selection, submissions, commands, dryRun, result);
    boolean refused = result.flatMap(Submitter.Result::stopped).isPresent();
    boolean someNotSubmitted = !selection.refused().isEmpty();
    output.printReport(
        context,
        () -> SubmitReport.json(report),
        () -> SubmitReport.text(report),
        refused || someNotSubmitted);
    if (refused) {
      return ExitCode.ENVIRONMENT;
    }
    return someNotSubmitted ? ExitCode.RUNS_FAILED : ExitCode.OK;
  }

  private List<Submission> submissions(ScaffoldPlan plan, List<PlannedRun> ready) {
    if (!array || ready.isEmpty()) {
      return SubmissionPlanner.perRun(ready);
    }
    return SubmissionPlanner.arrays(
        ready,
        plan.experiment().directory(),
        plan.experiment().name(),
        STAMP.format(context.clock().instant()),
        maxRunning == null ? OptionalInt.empty() : OptionalInt.of(maxRunning));
  }
}
