package tunesmith.slurm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tunesmith.plan.PlannedRun;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.verify.RunReadiness;

/**
 * The state of every fine-tuned run of a plan, from its submission record and what SLURM says about
 * the job; for a run not submitted, whether it is ready to submit.
 */
public final class RunStatuses {
  private final RunReadiness readiness;

  public RunStatuses() {
    this(RunReadiness.standard());
  }

  /**
   * @param readiness asked about each run not submitted yet (the check submit runs)
   */
  public RunStatuses(RunReadiness readiness) {
    this.readiness = readiness;
  }

  /** The rows, from the records and SLURM's answer gathered once for runs and cells. */
  public List<RunStatus> collect(ScaffoldPlan plan, ExperimentJobs jobs) {
    List<RunStatus> rows = new ArrayList<>();
    for (PlannedRun run : plan.runs()) {
      String name = run.run().name();
      Optional<String> unreadable = jobs.unreadable(run.directory());
      Optional<SubmissionRecord> record = jobs.record(run.directory());
      if (unreadable.isPresent()) {
        rows.add(
            RunStatus.unsubmitted(
                name, RunState.UNKNOWN, run.config().outputDir(), unreadable, Optional.empty()));
      } else if (record.isEmpty()) {
        rows.add(
            RunStatus.unsubmitted(
                name,
                RunState.NOT_SUBMITTED,
                run.config().outputDir(),
                Optional.empty(),
                Optional.of(readiness.check(run.toCheck()))));
      } else {
        String key = record.get().jobId();
        rows.add(
            submitted(
                name, record.get(), jobs.job(key).orElse(null), jobs.lastLogged(name, key), run));
      }
    }
    return rows;
  }

  private static RunStatus submitted(
      String name,
      SubmissionRecord record,
      ObservedJob job,
      Optional<String> lastLogged,
      PlannedRun run) {
    String outputDir = record.outputDir().isEmpty() ? run.config().outputDir() : record.outputDir();
    boolean onPurpose = record.cancellation().isPresent();
    // A job SLURM has forgotten keeps the last state status saw it end in (run-torchtune.log).
    Optional<RunState> remembered =
        job != null
            ? Optional.empty()
            : lastLogged
                .flatMap(RunStatuses::endState)
                .or(() -> onPurpose ? Optional.of(RunState.CANCELLED) : Optional.empty());
    Optional<String> slurmState =
        Optional.ofNullable(job).map(ObservedJob::slurmState).or(() -> remembered.map(Enum::name));
    RunState state = job != null ? job.state() : remembered.orElse(RunState.UNKNOWN);
    Optional<String> note =
        job != null
            ? Optional.empty()
            : remembered.isPresent()
                ? Optional.of(
                    "SLURM no longer knows job "
                        + record.jobId()
                        + "; remembered "
                        + state
                        + " ("
                        + (lastLogged.flatMap(RunStatuses::endState).isPresent()
                            ? "run-torchtune.log"
                            : "cancelled on purpose")
                        + ")"
                        + evidence(state, outputDir))
                : Optional.of(
                    "SLURM does not know job "
                        + record.jobId()
                        + " (any more)"
                        + lastLogged
                            .map(last -> "; last seen " + last + ", never seen ending")
                            .orElse(""));
    String output =
        state == RunState.PENDING
            ? ""
            : JobOutput.locate(record, outputDir).map(JobOutput::tail).orElse("");
    Optional<Failure> failure =
        slurmState
            .flatMap(slurm -> FailureDiagnosis.of(slurm, output))
            .or(
                () ->
                    state == RunState.CANCELLED
                        ? Optional.of(new Failure(FailureCause.CANCELLED, Optional.empty()))
                        : Optional.empty());
    return new RunStatus(
        name,
        Optional.of(record.jobId()),
        state,
        job != null ? slurmState : Optional.empty(),
        Optional.ofNullable(job).map(ObservedJob::elapsed),
        outputDir,
        job != null
            ? Optional.of(job.source())
            : remembered.isPresent() ? Optional.of(REMEMBERED) : Optional.empty(),
        note,
        record.attempt(),
        onPurpose,
        TrainingProgress.last(output),
        failure,
        Optional.empty());
  }

  /** What status says a remembered state came from. */
  public static final String REMEMBERED = "remembered";

  /** A state a job ends in, as the run log spells it; empty for PENDING, RUNNING and the rest. */
  static Optional<RunState> endState(String logged) {
    for (RunState state : RunState.values()) {
      if (state.name().equals(logged)
          && state.finished()
          && state != RunState.UNKNOWN
          && state != RunState.NOT_SUBMITTED) {
        return Optional.of(state);
      }
    }
    return Optional.empty();
  }

  /** For a remembered COMPLETED run: the checkpoints on disk that back it, or their absence. */
  private static String evidence(RunState state, String outputDir) {
    if (state != RunState.COMPLETED) {
      return "";
    }
    List<String> epochs = Checkpoints.epochs(Path.of(outputDir));
    return epochs.isEmpty()
        ? "; but no checkpoint (epoch_N) is in " + outputDir
        : "; checkpoints on disk: " + String.join(", ", epochs);
  }

  /**
   * Whether every submitted run has finished: nothing left for {@code status --watch} to wait for.
   */
  public static boolean allFinished(List<RunStatus> rows) {
    return rows.stream().allMatch(row -> row.state().finished());
  }
}
