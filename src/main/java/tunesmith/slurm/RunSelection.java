package tunesmith.slurm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tunesmith.plan.PlannedRun;
import tunesmith.problem.Hint;
import tunesmith.verify.Readiness;
import tunesmith.verify.RunReadiness;

/**
 * Which runs submit may send: of the runs asked for, the ones that are ready (the readiness check
 * {@code tunesmith verify} runs: scaffolded, files as tunesmith writes them now, read back as
 * planned and designed) and were not submitted before (unless forced). A run submitted before is
 * refused with the act its last job calls for (docs/submitting.md, "Submitting again"): retry for a
 * failed one, nothing for a queued or completed one; --force never resubmits a queued or running
 * job, nor a COMPLETED one over its checkpoints without --overwrite-completed.
 *
 * @param ready runs to submit, in plan order
 * @param refused runs asked for that are not submitted, with the reason
 * @param warnings what submitting the ready runs overwrites (a COMPLETED run's checkpoints)
 */
public record RunSelection(List<PlannedRun> ready, List<Refusal> refused, List<String> warnings) {
  public RunSelection {
    ready = List.copyOf(ready);
    refused = List.copyOf(refused);
    warnings = List.copyOf(warnings);
  }

  public RunSelection(List<PlannedRun> ready, List<Refusal> refused) {
    this(ready, refused, List.of());
  }

  /** How far submit goes with a run submitted before. */
  public enum Again {
    /** Not at all: the run's last job says what to do instead. */
    NO,
    /** --force: a run whose job ended (not COMPLETED) or is unknown. */
    FORCE,
    /** --force --overwrite-completed: also a COMPLETED run, over its checkpoints. */
    OVER_COMPLETED
  }

  /**
   * @param asked the runs asked for, in plan order (what {@code --runs} names: {@link NamedRuns})
   * @param states the runs' last known states, by name (those submitted before)
   */
  public static RunSelection select(
      List<PlannedRun> asked, Again again, Map<String, RunStatus> states, Path experiment) {
    RunReadiness readinessCheck = RunReadiness.standard();
    List<PlannedRun> ready = new ArrayList<>();
    List<Refusal> refused = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (PlannedRun run : asked) {
      Optional<String> reason =
          notReady(run, readinessCheck, experiment)
              .or(() -> SubmissionRecords.unsettled(run.directory()))
              .or(() -> submittedBefore(run, again, states.get(run.run().name()), experiment));
      if (reason.isPresent()) {
        refused.add(new Refusal(run.run().name(), reason.get()));
        continue;
      }
      ready.add(run);
      RunStatus status = states.get(run.run().name());
      if (status != null && status.state() == RunState.COMPLETED) {
        warnings.add(
            "run "
                + run.run().name()
                + " COMPLETED as job "
                + status.jobId().orElse("?")
                + "; submitted again (--overwrite-completed), it trains over its checkpoints in "
                + status.outputDir());
      }
    }
    return new RunSelection(ready, refused, warnings);
  }

  private static Optional<String> notReady(
      PlannedRun run, RunReadiness readinessCheck, Path experiment) {
    Readiness readiness = readinessCheck.check(run.toCheck());
    if (readiness.ready()) {
      return Optional.empty();
    }
    return Optional.of(NotReady.reason(readiness, experiment));
  }

  /** Why a run submitted before is not sent again, and what to do instead; empty: send it. */
  private static Optional<String> submittedBefore(
      PlannedRun run, Again again, RunStatus status, Path experiment) {
    Optional<SubmissionRecord> record;
    try {
      record = SubmissionRecords.read(run.directory());
    } catch (IOException unreadable) {
      return again == Again.NO
          ? Optional.of("already submitted (" + unreadable.getMessage() + ")")
          : Optional.empty();
    }
    if (record.isEmpty()) {
      return Optional.empty();
    }
    String name = run.run().name();
    String job =
        "already submitted as job "
            + record.get().jobId()
            + (record.get().submittedAt().isEmpty() ? "" : " at " + record.get().submittedAt());
    RunState state = status == null ? RunState.UNKNOWN : status.state();
    Hint force = Hint.of("submit", experiment, "--runs", name, "--force");
    return switch (state) {
      case PENDING, RUNNING ->
          Optional.of(
              job
                  + ", which is "
                  + state
                  + ": not sent twice"
                  + (again == Again.NO
                      ? ""
                      : " (--force does not start a second job beside it; "
                          + Hint.of("cancel", experiment, "--runs", name)
                          + " first)"));
      case COMPLETED ->
          again == Again.OVER_COMPLETED
              ? Optional.empty()
              : Optional.of(
                  job
                      + ", which COMPLETED (checkpoints in "
                      + (status == null ? "its output_dir" : status.outputDir())
                      + "): nothing to submit"
                      + (again == Again.NO
                          ? ""
                          : "; --force alone does not train it again over its checkpoints, "
                              + Hint.of(
                                  "submit",
                                  experiment,
                                  "--runs",
                                  name,
                                  "--force",
                                  "--overwrite-completed")
                              + " does"));
      case FAILED, CANCELLED, TIMEOUT, OUT_OF_MEMORY ->
          again != Again.NO
              ? Optional.empty()
              : Optional.of(job + ", " + afterFailure(status, name, experiment, force));
      default ->
          again != Again.NO
              ? Optional.empty()
              : Optional.of(job + " (SLURM cannot say how it ended); " + force + " sends it again");
    };
  }

  /** A failed run goes again through retry, which adjusts it to the cause, unless none helps. */
  private static String afterFailure(RunStatus status, String name, Path experiment, Hint force) {
    Optional<Failure> failure = status.failure();
    boolean cancelled = status.state() == RunState.CANCELLED;
    String ended =
        "which ended "
            + status.state()
            + (cancelled ? "" : failure.map(f -> " (" + f.describe() + ")").orElse(""));
    if (failure.isPresent() && failure.get().cause() == FailureCause.ERROR) {
      return ended + ": retry does not help; fix the cause, then " + force + " sends it again";
    }
    return ended
        + ": "
        + Hint.of("retry", experiment, "--runs", name)
        + (cancelled ? " submits it again (" : " submits it again, adjusted to why it failed (")
        + Hint.of("retry", experiment, "--runs", name, "--dry-run")
        + " says how)";
  }
}
