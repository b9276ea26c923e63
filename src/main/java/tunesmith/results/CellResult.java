package tunesmith.results;

import java.util.Optional;

/**
 * What one evaluation cell left (docs/SUMMARIZE.md).
 *
 * @param epoch the checkpoint's epoch; empty for control and eval-only runs
 * @param dataset the evaluation dataset the cell's eval.yaml names
 * @param state status's state for the cell (its job's, checked against the log)
 * @param log the newest inspect log, when there is one
 * @param logStatus inspect's status of that log (success, error, started, unreadable)
 * @param metrics the scores, when the log succeeded and could be read
 * @param problem why there are no scores (N/A with the reason), or what was wrong with the log
 */
public record CellResult(
    String run,
    String cell,
    String task,
    Optional<Long> epoch,
    String dataset,
    String state,
    Optional<String> log,
    Optional<String> logStatus,
    Optional<CellMetrics> metrics,
    Optional<String> problem) {
  public boolean complete() {
    return metrics.isPresent();
  }
}
