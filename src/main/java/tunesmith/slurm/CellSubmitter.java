package tunesmith.slurm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tunesmith.evaluation.CellSubmission;
import tunesmith.evaluation.EvalCell;
import tunesmith.evaluation.TrainingJob;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.problem.Hint;
import tunesmith.verify.CellUnderCheck;
import tunesmith.verify.Readiness;
import tunesmith.verify.RunReadiness;

/**
 * Submits evaluation cells: a fine-tuned run's cells after its training job ({@code afterok}, so a
 * failed training never has its cells run), a control's and an eval-only run's cells at once. Each
 * cell's job is recorded in the cell directory's {@code .tunesmith/submission.json}. A cell is sent
 * only when it passes the readiness check and was not submitted before (unless forced).
 */
public final class CellSubmitter {

  /**
   * What happened to one cell.
   *
   * @param command the sbatch command (run, or that would run with --dry-run)
   * @param jobId the job SLURM gave it
   * @param refusal why it was not submitted
   */
  public record Outcome(
      EvalCell cell, List<String> command, Optional<String> jobId, Optional<String> refusal) {
    public Outcome {
      command = List.copyOf(command);
    }

    public String name() {
      return CellUnderCheck.name(cell);
    }
  }

  private final SlurmClient client;
  private final Clock clock;
  private final ScaffoldPlan plan;
  private final boolean force;
  private final RunReadiness readiness = RunReadiness.standard();
  private final Optional<QueueCap> cap;
  private final String experimentId;

  /** Set when SLURM could not be reached or stopped answering: no further cell is sent. */
  private Optional<String> halted = Optional.empty();

  /** Each fine-tuned run's recorded training job as SLURM reports it, asked once when needed. */
  private Map<String, ObservedJob> trainingStates;

  public CellSubmitter(SlurmClient client, Clock clock, ScaffoldPlan plan, boolean force) {
    this(client, clock, plan, force, Optional.empty());
  }

  /**
   * @param cap the queue cap each cell waits for before it is sent (--max-queued, --stagger, a
   *     QoS's limit): the same one the training jobs went through
   */
  public CellSubmitter(
      SlurmClient client, Clock clock, ScaffoldPlan plan, boolean force, Optional<QueueCap> cap) {
    this.client = client;
    this.clock = clock;
    this.plan = plan;
    this.force = force;
    this.cap = cap;
    this.experimentId = JobTag.experimentId(plan.experiment().directory());
  }

  /**
   * @param cells the cells to submit, in plan order
   * @param trainedNow the training records this submit wrote, by run name
   * @param trainedInDryRun the runs whose training a dry run would submit (their cells name them)
   * @param dryRun print only: nothing is submitted or written
   */
  public List<Outcome> submit(
      List<EvalCell> cells,
      Map<String, SubmissionRecord> trainedNow,
      Set<String> trainedInDryRun,
      boolean dryRun) {
    Map<String, Optional<String>> trainingRefusals = new HashMap<>();
    Map<String, Optional<TrainingJob>> trainingJobs = new HashMap<>();
    List<Outcome> outcomes = new ArrayList<>();
    // Set when the wait for the queue is interrupted (Ctrl-C): no further cell is sent.
    Optional<String> stopped = Optional.empty();
    for (EvalCell cell : cells) {
      if (stopped.isPresent() || halted.isPresent()) {
        outcomes.add(new Outcome(cell, List.of(), Optional.empty(), stopped.or(() -> halted)));
        continue;
      }
      Optional<String> notReady = notReady(cell);
      if (notReady.isPresent()) {
        outcomes.add(new Outcome(cell, List.of(), Optional.empty(), notReady));
        continue;
      }
      String run = cell.run().name();
      List<String> args;
      if (!cell.run().trained()) {
        args = CellSubmission.sbatchArguments(cell, Optional.empty());
      } else if (trainedNow.containsKey(run)) {
        args = CellSubmission.sbatchArguments(cell, Optional.of(job(trainedNow.get(run))));
      } else if (dryRun && trainedInDryRun.contains(run)) {
        args = CellSubmission.preview(cell);
      } else {
        if (!trainingJobs.containsKey(run)) {
          TrainingLookup lookup = recordedTraining(run);
          trainingJobs.put(run, lookup.job());
          trainingRefusals.put(run, lookup.refusal());
        }
        if (trainingRefusals.get(run).isPresent()) {
          outcomes.add(new Outcome(cell, List.of(), Optional.empty(), trainingRefusals.get(run)));
          continue;
        }
        args =
            trainingJobs
                .get(run)
                .map(job -> CellSubmission.sbatchArguments(cell, Optional.of(job)))
                .orElseGet(() -> CellSubmission.afterCompletedTraining(cell));
      }
      args = withChdir(cell, args);
      List<String> command = client.command(SlurmTool.SBATCH, args);
      if (dryRun) {
        outcomes.add(new Outcome(cell, command, Optional.empty(), Optional.empty()));
        continue;
      }
      Optional<String> before = cap.isPresent() ? recordedJob(cell) : Optional.empty();
      Optional<String> noTurn = awaitTurn().or(() -> changedMeanwhile(cell, before));
      if (noTurn.isPresent()) {
        outcomes.add(new Outcome(cell, command, Optional.empty(), noTurn));
        if (Thread.currentThread().isInterrupted()) {
          stopped = noTurn;
        }
        continue;
      }
      Outcome sent = send(cell, args);
      cap.ifPresent(queue -> sent.jobId().ifPresent(queue::submitted));
      outcomes.add(sent);
    }
    return outcomes;
  }

  /** Waits for the queue cap, if any; why the cell cannot go now, if it cannot. */
  private Optional<String> awaitTurn() {
    if (cap.isEmpty()) {
      return Optional.empty();
    }
    try {
      cap.get().awaitTurn();
      return Optional.empty();
    } catch (SlurmException e) {
      return Optional.of(
          "cannot ask SLURM about the queue (" + e.getMessage() + "): left for the next submit");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while waiting for the queue: left for the next submit");
    } catch (IOException e) {
      halted =
          Optional.of("not sent: cannot take the experiment lock again (" + e.getMessage() + ")");
      return halted;
    }
  }

  /**
   * Once the lock is held again after a wait on the queue: why the cell is not sent after all
   * (cancel withdrew it, or another command submitted it meanwhile).
   */
  private Optional<String> changedMeanwhile(EvalCell cell, Optional<String> before) {
    if (cap.isEmpty()) {
      return Optional.empty();
    }
    try {
      Optional<String> withdrawn = cap.get().withdrawn(CellUnderCheck.name(cell));
      if (withdrawn.isPresent()) {
        return Optional.of(
            "cancelled " + withdrawn.get() + " while submit waited on the queue: not sent");
      }
      Optional<String> now = recordedJob(cell);
      return now.equals(before)
          ? Optional.empty()
          : Optional.of(
              "submitted as job "
                  + now.orElse("?")
                  + " by another command while submit waited on the queue: not sent again");
    } catch (IOException e) {
      return Optional.of("cannot read what changed while submit waited: " + e.getMessage());
    }
  }

  private static Optional<String> recordedJob(EvalCell cell) {
    try {
      return SubmissionRecords.read(cell.directory()).map(SubmissionRecord::jobId);
    } catch (IOException unreadable) {
      return Optional.of("unreadable");
    }
  }

  private Optional<String> notReady(EvalCell cell) {
    Readiness readiness =
        this.readiness.check(
            CellUnderCheck.of(cell, plan.local().moduleLines(), plan.evaluation().condaEnv()));
    if (!readiness.ready()) {
      return Optional.of(NotReady.reason(readiness, plan.experiment().directory()));
    }
    Optional<String> unsettled = SubmissionRecords.unsettled(cell.directory());
    if (unsettled.isPresent() || force) {
      return unsettled;
    }
    try {
      return SubmissionRecords.read(cell.directory())
          .map(record -> "already submitted as job " + record.jobId() + again(cell));
    } catch (IOException unreadable) {
      return Optional.of("already submitted (" + unreadable.getMessage() + ")" + again(cell));
    }
  }

  /** How a cell submitted before goes again: retry when it failed, --force in any case. */
  private String again(EvalCell cell) {
    Path experiment = plan.experiment().directory();
    String run = cell.run().name();
    return "; "
        + Hint.of("retry", experiment, "--runs", run)
        + " sends it again if it failed, "
        + Hint.of("submit", experiment, "--runs", run, "--eval-only", "--force")
        + " in any case";
  }

  private record TrainingLookup(Optional<TrainingJob> job, Optional<String> refusal) {}

  /**
   * A run not trained by this submit: its recorded job, while it is pending or running; nothing to
   * wait for once it COMPLETED; refused otherwise (the checkpoint was never written).
   */
  private TrainingLookup recordedTraining(String run) {
    Optional<SubmissionRecord> record;
    try {
      record = SubmissionRecords.read(plan.experiment().directory().resolve(run));
    } catch (IOException unreadable) {
      return refused("its training record cannot be read (" + unreadable.getMessage() + ")");
    }
    if (record.isEmpty()) {
      return refused(
          "run "
              + run
              + " has no training job: submit it first ("
              + Hint.of("submit", plan.experiment().directory(), "--runs", run)
              + ")");
    }
    String key = record.get().jobId();
    Optional<ObservedJob> observed;
    try {
      observed = Optional.ofNullable(trainingStates().get(key));
    } catch (SlurmException e) {
      return refused("SLURM cannot say how training job " + key + " went: " + e.getMessage());
    }
    if (observed.isEmpty()) {
      return refused("SLURM no longer knows training job " + key + " of run " + run);
    }
    RunState state = observed.get().state();
    return switch (state) {
      case PENDING, RUNNING -> new TrainingLookup(Optional.of(job(record.get())), Optional.empty());
      case COMPLETED -> new TrainingLookup(Optional.empty(), Optional.empty());
      default ->
          refused(
              "training job "
                  + key
                  + " of run "
                  + run
                  + " ended "
                  + observed.get().slurmState()
                  + ": its checkpoints were not written ("
                  + Hint.of("retry", plan.experiment().directory(), "--runs", run)
                  + ", then "
                  + Hint.of("submit", plan.experiment().directory(), "--runs", run, "--eval-only")
                  + ")");
    };
  }

  /**
   * One look at SLURM for every fine-tuned run's recorded job, however many cells ask; under a
   * queue cap, whose waits can outlast a training job, a fresh look for each run.
   */
  private Map<String, ObservedJob> trainingStates() throws SlurmException {
    if (trainingStates == null || cap.isPresent()) {
      Set<String> keys = new java.util.LinkedHashSet<>();
      for (tunesmith.plan.PlannedRun run : plan.runs()) {
        try {
          SubmissionRecords.read(run.directory()).ifPresent(record -> keys.add(record.jobId()));
        } catch (IOException unreadable) {
          // that run's cells are refused when they read its record
        }
      }
      trainingStates = new JobObserver(client).observe(keys);
    }
    return trainingStates;
  }

  private static TrainingLookup refused(String why) {
    return new TrainingLookup(Optional.empty(), Optional.of(why));
  }

  private static TrainingJob job(SubmissionRecord record) {
    return record.arrayJobId().isPresent() && record.arrayTaskId().isPresent()
        ? TrainingJob.arrayTask(record.arrayJobId().get(), record.arrayTaskId().get())
        : TrainingJob.single(record.jobId());
  }

  private static List<String> withChdir(EvalCell cell, List<String> args) {
    List<String> all = new ArrayList<>();
    all.add("--chdir=" + cell.directory());
    all.addAll(args);
    return all;
  }

  /**
   * One cell's sbatch, its intent written before (with the tag its job carries) and its record
   * after ({@link SbatchCall}); submitting a cell again (retry, --force) is its next attempt.
   */
  private Outcome send(EvalCell cell, List<String> args) {
    int attempt;
    try {
      attempt = SubmissionRecords.read(cell.directory()).map(r -> r.attempt() + 1).orElse(1);
    } catch (IOException unreadable) {
      attempt = 1;
    }
    JobTag tag = new JobTag(experimentId, CellUnderCheck.name(cell), attempt);
    List<String> tagged = new ArrayList<>(args);
    tagged.add(1, tag.sbatchOption());
    List<String> command = client.command(SlurmTool.SBATCH, tagged);
    String now =
        OffsetDateTime.now(clock)
            .truncatedTo(ChronoUnit.SECONDS)
            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    Intent intent =
        new Intent(
            tag,
            CellUnderCheck.name(cell),
            Optional.empty(),
            now,
            command,
            cell.script().toString(),
            cell.directory().toString());
    SbatchCall.Answer answer;
    try {
      // SLURM opens --output in the cell directory before the script runs.
      Files.createDirectories(cell.logDirectory());
      answer = SbatchCall.submit(client, tagged, Map.of(cell.directory(), intent));
    } catch (IOException e) {
      return new Outcome(
          cell, command, Optional.empty(), Optional.of("cannot prepare it: " + e.getMessage()));
    }
    if (answer instanceof SbatchCall.Refused refused) {
      return new Outcome(
          cell, command, Optional.empty(), Optional.of("SLURM refused it: " + refused.message()));
    }
    if (answer instanceof SbatchCall.Unreachable unreachable) {
      halted = Optional.of("not sent: SLURM could not be reached (" + unreachable.message() + ")");
      return new Outcome(cell, command, Optional.empty(), halted);
    }
    if (answer instanceof SbatchCall.Unanswered unanswered) {
      halted = Optional.of("not sent: SLURM stopped answering");
      return new Outcome(
          cell,
          command,
          Optional.empty(),
          Optional.of(
              "no answer from SLURM ("
                  + unanswered.message()
                  + "): whether it was accepted is not known; the next tunesmith command finds its"
                  + " job by the tag "
                  + tag.text()));
    }
    String jobId = ((SbatchCall.Accepted) answer).jobId();
    try {
      SubmissionRecords.write(cell.directory(), intent.record(jobId));
    } catch (IOException e) {
      return new Outcome(
          cell,
          command,
          Optional.of(jobId),
          Optional.of(
              "SLURM accepted job "
                  + jobId
                  + " but its record cannot be written ("
                  + e.getMessage()
                  + "): the next tunesmith command records it from its intent and tag"));
    }
    return new Outcome(cell, command, Optional.of(jobId), Optional.empty());
  }
}
