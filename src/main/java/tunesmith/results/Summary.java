package tunesmith.results;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code tunesmith summarize} read: one result per fine-tuned run and one per evaluation
 * cell, with the parameters the design varies (docs/SUMMARIZE.md).
 *
 * @param varying the setup keys whose values differ between runs, with their values in run order
 */
public record Summary(
    String experiment,
    Path directory,
    Map<String, List<String>> varying,
    List<RunResult> runs,
    List<CellResult> cells) {
  public Summary {
    varying = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(varying));
    runs = List.copyOf(runs);
    cells = List.copyOf(cells);
  }

  public long runsWithResults() {
    return runs.stream().filter(RunResult::complete).count();
  }

  public long cellsWithScores() {
    return cells.stream().filter(CellResult::complete).count();
  }

  /** Whether every run and cell has its results: summarize's exit 0. */
  public boolean complete() {
    return runs.stream().allMatch(RunResult::complete)
        && cells.stream().allMatch(CellResult::complete);
  }
}
