package tunesmith.retry;

import java.util.Map;
import java.util.Optional;
import tunesmith.adjust.Adjustment;
import tunesmith.slurm.Failure;

/** What retry does with one run: submit it again (adjusted or not), or leave it, and why. */
public sealed interface RetryDecision {
  String run();

  /**
   * @param failure why the last attempt failed
   * @param attempt the attempt the new submission will be
   * @param changes what to change in the run's setup first (empty: the same job again)
   * @param note what to say beside the changes (e.g. the epoch resumed from, or why not)
   * @param alreadyAdjusted the changes were recorded by an earlier retry whose submission failed
   */
  record Retry(
      String run,
      Failure failure,
      int attempt,
      Map<String, Adjustment.Change> changes,
      Optional<String> note,
      boolean alreadyAdjusted)
      implements RetryDecision {
    public Retry {
      changes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(changes));
    }

    /** {@code batch_size 8 -> 4; ...} in the order of the adjustment, or "the same job again". */
    public String describeChanges(Adjustment adjustment) {
      return changes.isEmpty() ? "the same job again" : adjustment.describe();
    }
  }

  /** Why a run is left alone, as far as the exit code and the listing care. */
  enum Kind {
    /** Its last attempt did not fail (completed, running, not submitted): listed when named. */
    NOT_FAILED,
    /** Cancelled: left alone unless named with --runs; listed, not an error. */
    CANCELLED,
    /** Failed, and retry cannot help (or gave up): listed, and retry exits 1. */
    LEFT_FAILED
  }

  record Skip(String run, String reason, Kind kind) implements RetryDecision {
    public boolean leftFailed() {
      return kind == Kind.LEFT_FAILED;
    }
  }
}
