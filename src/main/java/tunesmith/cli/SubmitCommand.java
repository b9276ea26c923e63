package tunesmith.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tunesmith.evaluation.EvalCell;
import tunesmith.lock.ExperimentLock;
import tunesmith.lock.LockHeldException;
import tunesmith.plan.PlannedRun;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.report.SubmitReport;
import tunesmith.slurm.CellSubmitter;
import tunesmith.slurm.NamedRuns;
import tunesmith.slurm.QosLimit;
import tunesmith.slurm.QueueCap;
import tunesmith.slurm.QueuedSubmitter;
import tunesmith.slurm.RunLog;
import tunesmith.slurm.RunSelection;
import tunesmith.slurm.SlurmClient;
import tunesmith.slurm.SlurmException;
import tunesmith.slurm.SlurmTool;
import tunesmith.slurm.Submission;
import tunesmith.slurm.SubmissionPlanner;
import tunesmith.slurm.SubmissionRecord;
import tunesmith.slurm.SubmissionRecords;
import tunesmith.slurm.Submitter;

@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = {
      "Submit runs to SLURM: sbatch each run's finetune.slurm (by absolute path,",
      "with --chdir the run directory) and record the job in the run's",
      ".tunesmith/submission.json. Only runs that are scaffolded and verify are",
      "submitted; a run submitted before is refused unless --force. Then each run's",
      "evaluation cells (2026 format): after its training job (afterok), controls' and",
      "eval-only runs' cells at once; each recorded in its cell directory."
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
      description =
          "Submit only these runs and their evaluation cells (default: every run; a control or"
              + " eval-only run names its cells).")
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

  @Option(names = "--no-eval", description = "Submit training only: no evaluation cell.")
  boolean noEval;

  @Option(
      names = "--eval-only",
      description = {
        "Submit only evaluation cells: a fine-tuned run's cells wait for its recorded training job",
        "while it is queued or running, go at once once it COMPLETED, and are refused otherwise."
      })
  boolean evalOnly;

  @Option(
      names = "--dry-run",
      description = "Print the sbatch commands; submit nothing, write nothing.")
  boolean dryRun;

  @Option(
      names = "--max-queued",
      paramLabel = "N",
      description = {
        "At most N of the experiment's jobs pending or running at once: submit stays in the",
        "foreground and submits the next run as one leaves the queue (Ctrl-C leaves the rest for",
        "the next submit). Default: the QoS's MaxSubmitJobsPerUser where sacctmgr tells it, else",
        "no cap."
      })
  Integer maxQueued;

  @Option(
      names = "--stagger",
      paramLabel = "SECONDS",
      description = "Seconds to wait between two submissions (default: 0).")
  double stagger;

  /** How often squeue is asked whether a job left the queue, with --max-queued. */
  private static final java.time.Duration QUEUE_POLL = java.time.Duration.ofSeconds(2);

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
    if (maxQueued != null && (array || maxQueued < 1)) {
      throw new ParameterException(
          spec.commandLine(),
          "--max-queued takes a number of jobs of at least 1, and not with --array"
              + " (an array's --max-running caps its tasks)");
    }
    if (!(stagger >= 0) || stagger > 86_400) {
      throw new ParameterException(
          spec.commandLine(), "--stagger takes seconds from 0 to 86400, not " + stagger);
    }
    if (noEval && evalOnly) {
      throw new ParameterException(
          spec.commandLine(), "--no-eval and --eval-only exclude each other");
    }
    ScaffoldPlan plan = experiment.loadPlan(context, inputs);
    List<String> unknown = NamedRuns.of(plan, runs).unknown();
    if (!unknown.isEmpty()) {
      throw RunNames.unknown(plan, unknown); // before the lock: nothing written
    }
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
    // --runs may name any run with cells (controls and eval-only runs too).
    Set<String> cellRuns = new LinkedHashSet<>();
    plan.evaluation().cells().forEach(cell -> cellRuns.add(cell.run().name()));
    RunSelection asked = RunSelection.select(plan, evalOnly ? List.of() : runs, force.force);
    List<String> unknown =
        runs.stream()
            .filter(name -> !cellRuns.contains(name))
            .filter(name -> plan.runs().stream().noneMatch(run -> run.run().name().equals(name)))
            .distinct()
            .toList();
    RunSelection selection =
        evalOnly
            ? new RunSelection(List.of(), List.of(), unknown)
            : new RunSelection(asked.ready(), asked.refused(), unknown);
    if (!selection.unknown().isEmpty()) {
      throw RunNames.unknown(plan, selection.unknown());
    }
    SlurmClient client = new SlurmClient(context.environment(), context.workingDirectory());
    List<Submission> submissions = submissions(plan, selection.ready());
    List<List<String>> commands =
        submissions.stream()
            .map(submission -> client.command(SlurmTool.SBATCH, submission.sbatchArgs()))
            .toList();
    List<EvalCell> cellsAsked =
        noEval
            ? List.of()
            : plan.evaluation().cells().stream()
                .filter(cell -> runs.isEmpty() || runs.contains(cell.run().name()))
                .toList();
    Optional<Submitter.Result> result;
    Optional<QueueCap> queue = Optional.empty();
    try {
      if (!dryRun) {
        queue = queueCap(plan, client, submissions, cellsAsked);
        result = Optional.of(send(client, submissions, queue));
      } else {
        result = Optional.empty();
      }
    } catch (SlurmException e) {
      context.err().println("tunesmith: cannot ask SLURM about the queue: " + e.getMessage());
      return ExitCode.ENVIRONMENT;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      context
          .err()
          .println("tunesmith: interrupted; the runs not submitted are left for the next submit");
      return ExitCode.ENVIRONMENT;
    }
    if (result.isPresent()) {
      try {
        new RunLog(plan.experiment().directory(), context.clock()).submissions(result.get());
      } catch (IOException e) {
        context.err().println("tunesmith: warning: cannot write the run log: " + e.getMessage());
      }
    }
    boolean refused = result.flatMap(Submitter.Result::stopped).isPresent();
    // Cells go after their training jobs are queued, so each can name its job; after a refusal
    // nothing more is sent.
    List<CellSubmitter.Outcome> cells =
        noEval || refused
            ? List.of()
            : new CellSubmitter(client, context.clock(), plan, force.force, queue)
                .submit(
                    cellsAsked,
                    // Drip-fed training may have ended (and been forgotten by SLURM) by now: the
                    // cells then read each run's record and ask SLURM how its job is.
                    queue.isPresent() ? Map.of() : trainedNow(result),
                    dryRun
                        ? selection.ready().stream()
                            .map(run -> run.run().name())
                            .collect(java.util.stream.Collectors.toSet())
                        : Set.of(),
                    dryRun);
    SubmitReport.Input report =
        new SubmitReport.Input(
            plan.experiment().directory(), selection, submissions, commands, dryRun, result, cells);
    boolean someNotSubmitted =
        !selection.refused().isEmpty()
            || cells.stream().anyMatch(cell -> cell.refusal().isPresent());
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

  private static Map<String, SubmissionRecord> trainedNow(Optional<Submitter.Result> result) {
    Map<String, SubmissionRecord> records = new LinkedHashMap<>();
    result.ifPresent(done -> done.submitted().forEach(run -> records.put(run.run(), run.record())));
    return records;
  }

  /**
   * The queue cap training jobs and cells go through, one submission at a time: with --max-queued
   * or --stagger, else the QoS's MaxSubmitJobsPerUser where sacctmgr tells it (not for an array,
   * whose --max-running caps its tasks, nor when there is nothing to submit). It counts the
   * experiment's jobs in the queue: those of its runs' and cells' records and those it submits.
   */
  private Optional<QueueCap> queueCap(
      ScaffoldPlan plan, SlurmClient client, List<Submission> submissions, List<EvalCell> cells)
      throws SlurmException {
    OptionalInt cap =
        maxQueued != null
            ? OptionalInt.of(maxQueued)
            : array || (submissions.isEmpty() && cells.isEmpty())
                ? OptionalInt.empty()
                : QosLimit.maxSubmitJobsPerUser(client, RunNames.user(context));
    if (cap.isEmpty() && stagger == 0) {
      return Optional.empty();
    }
    int limit = cap.orElse(Integer.MAX_VALUE);
    if (!output.quiet && cap.isPresent()) {
      context
          .err()
          .println(
              "tunesmith: at most "
                  + limit
                  + " of the experiment's jobs queued at once; Ctrl-C leaves the rest for the next submit");
    }
    Set<String> jobs = new LinkedHashSet<>();
    List<Path> recorded = new ArrayList<>();
    plan.runs().forEach(run -> recorded.add(run.directory()));
    plan.evaluation().cells().forEach(cell -> recorded.add(cell.directory()));
    for (Path directory : recorded) {
      try {
        SubmissionRecords.read(directory).ifPresent(record -> jobs.add(record.jobId()));
      } catch (IOException unreadable) {
        // A run or cell whose record cannot be read is refused by the readiness check; its job is
        // not counted.
      }
    }
    return Optional.of(
        new QueueCap(
            client,
            limit,
            java.time.Duration.ofMillis((long) (stagger * 1000)),
            QUEUE_POLL,
            duration -> Thread.sleep(duration.toMillis()),
            jobs));
  }

  /** Every submission at once, or with a queue cap one at a time as the queue allows. */
  private Submitter.Result send(
      SlurmClient client, List<Submission> submissions, Optional<QueueCap> queue)
      throws SlurmException, InterruptedException {
    Submitter submitter = new Submitter(client, context.clock());
    if (queue.isEmpty()) {
      return submitter.submit(submissions);
    }
    return new QueuedSubmitter(submitter, queue.get())
        .submit(
            submissions,
            one ->
                one.submitted()
                    .forEach(
                        run -> {
                          if (!output.quiet) {
                            context
                                .err()
                                .println(
                                    "  submitted " + run.run() + ": job " + run.record().jobId());
                          }
                        }));
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
