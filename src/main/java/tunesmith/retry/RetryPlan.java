package tunesmith.retry;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import tunesmith.evaluation.EvalCell;

/**
 * What {@code tunesmith retry} does, decided once by {@link RetryPlanner} for both {@code retry}
 * and {@code retry --dry-run}, so the dry run says what the retry then does.
 *
 * @param runs each named run's decision, in plan order
 * @param cells the failed cells sent again as they are, in plan order (a cell of a run retried here
 *     waits for its new training job)
 * @param cellsLeft the failed cells not sent again, and why
 */
public record RetryPlan(List<RetryDecision> runs, List<EvalCell> cells, List<CellLeft> cellsLeft) {
  public RetryPlan {
    runs = List.copyOf(runs);
    cells = List.copyOf(cells);
    cellsLeft = List.copyOf(cellsLeft);
  }

  /** A failed cell retry leaves alone, and why (its training failed and is not retried). */
  public record CellLeft(EvalCell cell, String reason) {}

  public List<RetryDecision.Retry> retries() {
    return runs.stream()
        .filter(RetryDecision.Retry.class::isInstance)
        .map(RetryDecision.Retry.class::cast)
        .toList();
  }

  /**
   * The runs left alone that are worth listing: every one when runs were named, else those whose
   * last attempt did not succeed.
   */
  public List<RetryDecision.Skip> skipped(boolean named) {
    return runs.stream()
        .filter(RetryDecision.Skip.class::isInstance)
        .map(RetryDecision.Skip.class::cast)
        .filter(skip -> skip.kind() != RetryDecision.Kind.NOT_FAILED || named)
        .toList();
  }

  /** The runs whose training goes again: their cells wait for the new job. */
  public Set<String> retriedRuns() {
    return retries().stream().map(RetryDecision.Retry::run).collect(Collectors.toSet());
  }
}
