package tunesmith.problem;

import java.nio.file.Path;

/**
 * One mistake in a user's input file: where it is, what was found, what was expected. Line and
 * column are 1-based; 0 means "the whole file" (e.g. a missing file or empty document).
 */
public record InputProblem(
    Path file, String field, int line, int column, String found, String expected) {

  /** {@code experiment_summary.yaml:12:5: runs[0].parameters.lora_rnk: found 'x', expected y}. */
  public String render() {
    StringBuilder text = new StringBuilder();
    text.append(file == null ? "<input>" : file.toString());
    if (line > 0) {
      text.append(':').append(line).append(':').append(column);
    }
    text.append(": ");
    if (field != null && !field.isEmpty()) {
      text.append(field).append(": ");
    }
    text.append("found ").append(found).append(", expected ").append(expected);
    return text.toString();
  }
}
