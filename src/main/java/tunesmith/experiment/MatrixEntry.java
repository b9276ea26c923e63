package tunesmith.experiment;

import java.util.List;
import java.util.Optional;

/**
 * One {@code evaluation.matrix[]} entry: a run evaluated on some tasks at some epochs.
 *
 * @param epochs empty when the YAML has {@code epochs: null}
 */
public record MatrixEntry(
    String run,
    Optional<String> visLabel,
    List<String> tasks,
    Optional<List<Long>> epochs,
    String field,
    int line,
    int column,
    int epochsLine,
    int epochsColumn) {
  public MatrixEntry {
    tasks = List.copyOf(tasks);
    epochs = epochs.map(List::copyOf);
  }
}
