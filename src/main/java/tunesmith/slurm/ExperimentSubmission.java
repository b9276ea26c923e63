package tunesmith.slurm;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
import java.util.function.Consumer;
import java.util.stream.Collectors;
import tunesmith.evaluation.EvalCell;
import tunesmith.plan.DataJob;
import tunesmith.plan.PlannedRun;
import tunesmith.plan.ScaffoldPlan;

/**
 * One {@code tunesmith submit}: the runs asked for that are ready go to sbatch (one job each, or
 * job arrays), under a queue cap when one is set, then their evaluation cells, each after its
 * training job (docs/submitting.md). The command only reads its options and prints the outcome.
 */
public final class ExperimentSubmission {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

  /** How often squeue is asked whether a job left the queue, under a queue cap. */
  private static final Duration QUEUE_POLL = Duration.ofSeconds(2);

  /**
   * What the user asked for.
   *
   * @param maxRunning with {@code array}: tasks of an array at once
   * @param maxQueued the experiment's jobs queued at once (empty: the QoS's limit, if any)
   * @param user whose QoS limit applies
   * @param again whether and how far runs submitted before go again (--force,
   *     --overwrite-completed)
   * @param stopOnRefusal the first run SLURM refuses stops the rest
   */
  public record Options(
      RunSelection.Again again,
      boolean array,
      OptionalInt maxRunning,
      boolean noEval,
      boolean evalOnly,
      boolean dryRun,
      OptionalInt maxQueued,
      Duration stagger,
      String user,
      boolean stopOnRefusal) {}

  /**
   * What was done.
   *
   * @param warnings what went wrong on the side (a run log that cannot be written)
   * @param result the training jobs sent (empty in a dry run)
   */
  public record Outcome(
      RunSelection selection,
      List<Submission> submissions,
      List<List<String>> commands,
      Optional<Submitter.Result> result,
      List<CellSubmitter.Outcome> cells,
      List<String> warnings,
      Optional<DataJobSubmitter.Outcome> data) {
    /** SLURM refused a training job, or stopped answering. */
    public boolean refused() {
      return result.map(done -> !done.failures().isEmpty()).orElse(false);
    }

    /** Some run or cell asked for was not submitted (not ready, submitted before, ...). */
    public boolean someNotSubmitted() {
      return !selection.refused().isEmpty()
          || cells.stream().anyMatch(cell -> cell.refusal().isPresent());
    }
  }

  private final SlurmClient client;
  private final Clock clock;

  public ExperimentSubmission(SlurmClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /**
   * @param progress told what the user may follow while it runs: the queue cap, each submission
   *     made under it
   */
  public Outcome submit(
      ScaffoldPlan plan, NamedRuns named, Options options, Consumer<String> progress)
      throws SlurmException, InterruptedException, IOException {
    return submit(plan, named, options, progress, LockAroundWaits.KEPT);
  }

  /**
   * @param lock the experiment lock, let go of while a queue cap waits (docs/submitting.md)
   */
  public Outcome submit(
      ScaffoldPlan plan,
      NamedRuns named,
      Options options,
      Consumer<String> progress,
      LockAroundWaits lock)
      throws SlurmException, InterruptedException, IOException {
    List<String> warnings = new ArrayList<>();
    List<PlannedRun> asked = options.evalOnly() ? List.of() : named.runs();
    // A job an earlier submit sent but never recorded (killed, timed out) is found by its tag and
    // recorded before anything is selected, so it is never sent twice (docs/submitting.md); runs
    // submitted before are looked at, so each is refused with the act its last job calls for.
    Map<String, RunStatus> states = new LinkedHashMap<>();
    List<ExperimentJobs.Adopted> adopted = List.of();
    if (asked.stream().anyMatch(run -> SubmissionRecords.exists(run.directory()))) {
      ExperimentJobs jobs =
          ExperimentJobs.gather(
              plan,
              new JobObserver(client),
              new RunLog(plan, clock),
              options.dryRun() ? ExperimentJobs.Mode.LOOK : ExperimentJobs.Mode.RECONCILE);
      new RunStatuses().collect(plan, jobs).forEach(row -> states.put(row.run(), row));
      adopted = jobs.adopted();
    } else if (!options.dryRun()) {
      adopted = ExperimentJobs.settle(plan, new JobObserver(client), new RunLog(plan, clock));
    }
    adopted.forEach(
        one ->
            warnings.add(
                one.name()
                    + ": job "
                    + one.jobId()
                    + " was submitted but not recorded (an earlier submit stopped); found by"
                    + " its tag and recorded, not sent again"));
    Submitter submitter =
        new Submitter(client, clock, plan.experiment().directory(), options.stopOnRefusal());
    RunSelection selection =
        RunSelection.select(asked, options.again(), states, plan.experiment().directory());
    warnings.addAll(selection.warnings());
    // The data job goes first; the trainings on its dataset wait for it, or stay unsent with it.
    Optional<DataJobSubmitter.Outcome> data =
        new DataJobSubmitter(client, clock)
            .prepare(plan.dataJob(), selection.ready(), options.dryRun());
    selection = withoutDataJob(selection, data);
    List<Submission> submissions =
        DataJobSubmitter.waitingFor(data, submissions(plan, selection.ready(), options));
    List<List<String>> commands =
        submissions.stream()
            .map(
                submission ->
                    client.command(
                        SlurmTool.SBATCH,
                        submitter.arguments(submission, submitter.attempt(submission, Map.of()))))
            .toList();
    List<EvalCell> cellsAsked = options.noEval() ? List.of() : named.cells();
    Optional<QueueCap> queue = Optional.empty();
    Optional<Submitter.Result> result = Optional.empty();
    if (options.dryRun()) {
      // Asked of the cluster, not guessed: what it would refuse, one sbatch --test-only per shape.
      List<Submitter.Stopped> wouldRefuse = List.of();
      try {
        wouldRefuse = ShapeCheck.wouldRefuse(client, selection.ready());
      } catch (SlurmException e) {
        warnings.add(
            "cannot ask SLURM what it would refuse (sbatch --test-only): " + e.getMessage());
      }
      result =
          Optional.of(new Submitter.Result(List.of(), wouldRefuse, Optional.empty(), List.of()));
    } else {
      queue =
          queueCap(plan, options, submissions.isEmpty() && cellsAsked.isEmpty(), lock, progress);
      queue
          .map(QueueCap::limit)
          .filter(OptionalInt::isPresent)
          .map(OptionalInt::getAsInt)
          .ifPresent(
              limit ->
                  progress.accept(
                      "tunesmith: at most "
                          + limit
                          + " of the experiment's jobs queued at once; Ctrl-C leaves the rest for"
                          + " the next submit"));
      QueuedSubmitter.Sent sent = send(submitter, submissions, queue, progress);
      result = Optional.of(sent.result());
      if (!sent.withdrawn().isEmpty()) {
        List<Refusal> refused = new ArrayList<>(selection.refused());
        refused.addAll(sent.withdrawn());
        selection = new RunSelection(selection.ready(), refused);
      }
    }
    if (result.isPresent() && !options.dryRun()) {
      try {
        RunLog log = new RunLog(plan, clock);
        if (data.isPresent() && data.get().sent()) {
          log.submitted(
              DataJob.NAME,
              data.get().job().script().getFileName().toString(),
              data.get().jobId().orElseThrow());
        }
        log.submissions(result.get());
      } catch (IOException e) {
        warnings.add("cannot write the run log: " + e.getMessage());
      }
    }
    Outcome sent = new Outcome(selection, submissions, commands, result, List.of(), warnings, data);
    // Cells go after their training jobs are queued, so each can name its job; a cell whose run was
    // refused is listed with why. When SLURM stopped answering, no cell is sent.
    if (options.noEval()) {
      return sent;
    }
    Optional<Submitter.Stopped> stopped = result.flatMap(Submitter.Result::stopped);
    if (stopped.isPresent()) {
      List<CellSubmitter.Outcome> notSent =
          cellsAsked.stream()
              .map(
                  cell ->
                      new CellSubmitter.Outcome(
                          cell,
                          List.of(),
                          Optional.empty(),
                          Optional.of("not attempted: " + stopped.get().words())))
              .toList();
      return new Outcome(selection, submissions, commands, result, notSent, warnings, data);
    }
    List<CellSubmitter.Outcome> cells =
        new CellSubmitter(client, clock, plan, options.again() != RunSelection.Again.NO, queue)
            .submit(
                cellsAsked,
                // Drip-fed training may have ended (and been forgotten by SLURM) by now: the cells
                // then read each run's record and ask SLURM how its job is.
                queue.isPresent() ? Map.of() : trainedNow(result),
                options.dryRun()
                    ? selection.ready().stream()
                        .map(run -> run.run().name())
                        .collect(Collectors.toSet())
                    : Set.of(),
                options.dryRun());
    return new Outcome(selection, submissions, commands, result, cells, warnings, data);
  }

  /** The selection without the trainings on the data job's dataset when it could not be sent. */
  private static RunSelection withoutDataJob(
      RunSelection selection, Optional<DataJobSubmitter.Outcome> data) {
    if (data.isEmpty() || data.get().refusal().isEmpty()) {
      return selection;
    }
    Set<String> waiting = Set.copyOf(data.get().job().runs());
    List<PlannedRun> ready = new ArrayList<>();
    List<Refusal> refused = new ArrayList<>(selection.refused());
    for (PlannedRun run : selection.ready()) {
      if (waiting.contains(run.run().name())) {
        refused.add(new Refusal(run.run().name(), data.get().refusal().get()));
      } else {
        ready.add(run);
      }
    }
    return new RunSelection(ready, refused);
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
      ScaffoldPlan plan,
      Options options,
      boolean nothingToSubmit,
      LockAroundWaits lock,
      Consumer<String> progress) {
    OptionalInt cap =
        options.maxQueued().isPresent()
            ? options.maxQueued()
            : options.array() || nothingToSubmit
                ? OptionalInt.empty()
                : QosLimit.maxSubmitJobsPerUser(client, options.user());
    if (cap.isEmpty() && options.stagger().isZero()) {
      return Optional.empty();
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
            cap.orElse(Integer.MAX_VALUE),
            options.stagger(),
            QUEUE_POLL,
            duration -> Thread.sleep(duration.toMillis()),
            jobs,
            lock,
            progress));
  }

  /** Every submission at once, or with a queue cap one at a time as the queue allows. */
  private QueuedSubmitter.Sent send(
      Submitter submitter,
      List<Submission> submissions,
      Optional<QueueCap> queue,
      Consumer<String> progress)
      throws SlurmException, InterruptedException, IOException {
    if (queue.isEmpty()) {
      return new QueuedSubmitter.Sent(submitter.submit(submissions), List.of());
    }
    return new QueuedSubmitter(submitter, queue.get())
        .send(
            submissions,
            one ->
                one.submitted()
                    .forEach(
                        run ->
                            progress.accept(
                                "  submitted " + run.run() + ": job " + run.record().jobId())));
  }

  private List<Submission> submissions(ScaffoldPlan plan, List<PlannedRun> ready, Options options) {
    if (!options.array() || ready.isEmpty()) {
      return SubmissionPlanner.perRun(ready);
    }
    return SubmissionPlanner.arrays(
        ready,
        plan.experiment().directory(),
        plan.experiment().name(),
        STAMP.format(clock.instant()),
        options.maxRunning());
  }
}
