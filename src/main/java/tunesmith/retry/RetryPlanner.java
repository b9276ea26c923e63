package tunesmith.retry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tunesmith.adjust.Adjustment;
import tunesmith.adjust.RecordedAdjustments;
import tunesmith.evaluation.EvalCell;
import tunesmith.plan.PlannedRun;
import tunesmith.problem.Hint;
import tunesmith.setup.SetupConfig;
import tunesmith.slurm.CellStatuses;
import tunesmith.slurm.Failure;
import tunesmith.slurm.FailureCause;
import tunesmith.slurm.NamedRuns;
import tunesmith.slurm.RunState;
import tunesmith.slurm.RunStatus;

/**
 * Decides, per run, whether and how {@code tunesmith retry} submits it again, from the cause of its
 * last failed attempt (see docs/submitting.md):
 *
 * <ul>
 *   <li>CUDA out of memory: batch_size halved, gradient_accumulation_steps doubled (the effective
 *       batch, and so the learning-rate schedule, stays), at most {@link #MAX_OOM_RETRIES} times
 *       and never below batch_size 1;
 *   <li>host out of memory: mem x 1.5;
 *   <li>time limit: resume from the last saved epoch when the recipe saved one with its recipe
 *       state ({@link SavedEpochs}), else time x 1.5;
 *   <li>node failure or preemption: the same job again;
 *   <li>cancelled: the same job again, only when the run is named with --runs;
 *   <li>any other error: not retried, its last traceback line shown.
 * </ul>
 */
public final class RetryPlanner {
  public static final int MAX_OOM_RETRIES = 3;

  private RetryPlanner() {}

  /**
   * What retry does with the named runs and their cells, for both retry and retry --dry-run: each
   * run's decision; each failed cell of a named run goes again as it is (after its run's new
   * training job when that run is retried here), unless it was cancelled on purpose and not named,
   * or its training failed and is not retried (then it is listed with why).
   *
   * @param statuses each run's status, by name
   * @param cells every cell's status, from the same look at SLURM
   */
  public static RetryPlan plan(
      NamedRuns named,
      Map<String, RunStatus> statuses,
      List<CellStatuses.Row> cells,
      Path experiment)
      throws IOException {
    List<RetryDecision> runs = new ArrayList<>();
    Map<String, RetryDecision> byRun = new LinkedHashMap<>();
    for (PlannedRun run : named.runs()) {
      RetryDecision decision =
          decide(
              run,
              statuses.get(run.run().name()),
              RecordedAdjustments.read(run.directory()),
              named.named(),
              experiment);
      runs.add(decision);
      byRun.put(run.run().name(), decision);
    }
    List<EvalCell> again = new ArrayList<>();
    List<RetryPlan.CellLeft> left = new ArrayList<>();
    for (CellStatuses.Row row : cells) {
      EvalCell cell = row.status().cell();
      if (!named.cells().contains(cell)
          || !row.endedBadly()
          || (row.cancelledOnPurpose() && !named.named())) {
        continue;
      }
      RetryDecision training = byRun.get(cell.run().name());
      RunStatus trainingStatus = statuses.get(cell.run().name());
      if (cell.run().trained()
          && training instanceof RetryDecision.Skip skip
          && trainingStatus != null
          && trainingStatus.failure().isPresent()) {
        left.add(
            new RetryPlan.CellLeft(
                cell, "its training, run " + cell.run().name() + ", failed: " + skip.reason()));
      } else {
        again.add(cell);
      }
    }
    return new RetryPlan(runs, again, left);
  }

  /**
   * {@link #decide(PlannedRun, RunStatus, RecordedAdjustments, boolean, Path)} for a run whose
   * directory is in its experiment's.
   */
  public static RetryDecision decide(
      PlannedRun run, RunStatus status, RecordedAdjustments history, boolean named) {
    return decide(run, status, history, named, run.directory().toAbsolutePath().getParent());
  }

  /**
   * @param run the run as planned, its recorded adjustments already applied
   * @param named whether --runs named it
   */
  public static RetryDecision decide(
      PlannedRun run,
      RunStatus status,
      RecordedAdjustments history,
      boolean named,
      Path experiment) {
    String name = run.run().name();
    Optional<Failure> failure = status.failure();
    if (failure.isEmpty()) {
      return new RetryDecision.Skip(
          name, notFailed(status, name, experiment), RetryDecision.Kind.NOT_FAILED);
    }
    int next = status.attempt() + 1;
    Failure cause = failure.get();
    if (history.lastAttempt() > status.attempt()) {
      // An earlier retry recorded and wrote the changes but its sbatch failed: submit, do not
      // change again.
      return new RetryDecision.Retry(
          name,
          cause,
          history.lastAttempt(),
          Map.of(),
          Optional.of("adjusted for attempt " + history.lastAttempt() + " before, not submitted"),
          true);
    }
    return switch (cause.cause()) {
      case CUDA_OUT_OF_MEMORY -> halveBatch(name, cause, next, run.config(), history);
      case HOST_OUT_OF_MEMORY ->
          retry(
              name,
              cause,
              next,
              Map.of(
                  "mem",
                  change(
                      run.config().resources().mem(),
                      ResourceScaling.memory(run.config().resources().mem(), 3, 2))),
              Optional.empty());
      case TIMEOUT -> afterTimeout(name, cause, next, run);
      case NODE_FAILURE -> retry(name, cause, next, Map.of(), Optional.empty());
      case CANCELLED ->
          named
              ? retry(name, cause, next, Map.of(), Optional.empty())
              : new RetryDecision.Skip(
                  name,
                  (status.cancelledOnPurpose() ? "cancelled on purpose; " : "cancelled; ")
                      + Hint.of("retry", experiment, "--runs", name)
                      + " retries it",
                  RetryDecision.Kind.CANCELLED);
      case ERROR ->
          new RetryDecision.Skip(
              name,
              "not retried: "
                  + cause.describe()
                  + " (fix the cause, then "
                  + Hint.of("submit", experiment, "--runs", name, "--force")
                  + ")",
              RetryDecision.Kind.LEFT_FAILED);
    };
  }

  private static RetryDecision halveBatch(
      String name, Failure cause, int next, SetupConfig config, RecordedAdjustments history) {
    long tried = history.count(FailureCause.CUDA_OUT_OF_MEMORY.name());
    long batch = config.integer("batch_size");
    long accumulation = config.integer("gradient_accumulation_steps");
    if (tried >= MAX_OOM_RETRIES) {
      return new RetryDecision.Skip(
          name,
          "CUDA out of memory again after "
              + tried
              + " retries with smaller batches (batch_size now "
              + batch
              + "): not retried; needs a smaller model, max_seq_len or a larger GPU",
          RetryDecision.Kind.LEFT_FAILED);
    }
    if (batch <= 1) {
      return new RetryDecision.Skip(
          name,
          "CUDA out of memory at batch_size 1: not retried (no smaller batch to try)",
          RetryDecision.Kind.LEFT_FAILED);
    }
    Map<String, Adjustment.Change> changes = new LinkedHashMap<>();
    changes.put("batch_size", change(Long.toString(batch), Long.toString(batch / 2)));
    changes.put(
        "gradient_accumulation_steps",
        change(Long.toString(accumulation), Long.toString(accumulation * 2)));
    Optional<String> note =
        batch % 2 == 1
            ? Optional.of(
                "batch_size "
                    + batch
                    + " is odd: the effective batch becomes "
                    + (batch / 2) * accumulation * 2
                    + " instead of "
                    + batch * accumulation)
            : Optional.empty();
    return retry(name, cause, next, changes, note);
  }

  /**
   * Resume from the last saved epoch when the recipe saved one with its recipe state and the run
   * does not already resume from it (then it made no progress); else more time.
   */
  private static RetryDecision afterTimeout(String name, Failure cause, int next, PlannedRun run) {
    SetupConfig config = run.config();
    SavedEpochs.Finding finding =
        SavedEpochs.last(
            run.directory().toAbsolutePath().resolve(config.outputDir()).normalize(),
            config.integer("epochs"));
    String why = finding.why();
    if (finding.resumable().isPresent()) {
      SavedEpochs.Resumable epoch = finding.resumable().get();
      Map<String, Adjustment.Change> changes = new LinkedHashMap<>();
      changed(changes, config, "resume_from_checkpoint", "true");
      changed(changes, config, "resume_adapter_checkpoint", epoch.adapter().toString());
      changed(
          changes,
          config,
          "resume_recipe_checkpoint",
          epoch.recipeCheckpoint().map(Path::toString).orElse(""));
      if (!changes.isEmpty()) {
        return retry(
            name,
            cause,
            next,
            changes,
            Optional.of("resuming from epoch_" + epoch.epoch() + " (" + epoch.adapter() + ")"));
      }
      why = "the last attempt resumed from epoch_" + epoch.epoch() + " and saved no later epoch";
    }
    Map<String, Adjustment.Change> changes = new LinkedHashMap<>();
    changes.put(
        "time",
        change(config.resources().time(), ResourceScaling.time(config.resources().time(), 3, 2)));
    return retry(name, cause, next, changes, Optional.of(why + ": more time instead"));
  }

  /** Adds the change of a setup key to {@code to} when its value differs ("" for unset). */
  private static void changed(
      Map<String, Adjustment.Change> changes, SetupConfig config, String key, String to) {
    String from = config.optional(key).orElse("");
    if (!from.equals(to)) {
      changes.put(key, change(from, to));
    }
  }

  private static RetryDecision retry(
      String name,
      Failure cause,
      int next,
      Map<String, Adjustment.Change> changes,
      Optional<String> note) {
    return new RetryDecision.Retry(name, cause, next, changes, note, false);
  }

  private static Adjustment.Change change(String from, String to) {
    return new Adjustment.Change(from, to);
  }

  private static String notFailed(RunStatus status, String name, Path experiment) {
    RunState state = status.state();
    return switch (state) {
      case NOT_SUBMITTED ->
          "not submitted yet: " + Hint.of("submit", experiment, "--runs", name) + " sends it";
      case PENDING, RUNNING -> "its job is " + state + ": nothing to retry";
      case COMPLETED -> "completed: nothing to retry";
      default ->
          "SLURM cannot say how job "
              + status.jobId().orElse("?")
              + " ended ("
              + state
              + status.note().map(note -> ": " + note).orElse("")
              + "): "
              + Hint.of("submit", experiment, "--runs", name, "--force")
              + " sends it again";
    };
  }
}
