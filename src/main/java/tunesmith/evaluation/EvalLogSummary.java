package tunesmith.evaluation;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a cell's newest inspect log says.
 *
 * @param status inspect's: {@code started} (still running or killed), {@code success}, {@code
 *     error}, {@code cancelled}; {@code unreadable} when the file cannot be read
 * @param error inspect's error message, or why the file cannot be read
 * @param scores the headline metrics of each scorer
 */
public record EvalLogSummary(Path file, String status, Optional<String> error, List<Score> scores) {

  public static final String SUCCESS = "success";
  public static final String UNREADABLE = "unreadable";

  public EvalLogSummary {
    scores = List.copyOf(scores);
  }

  /** One metric of one scorer, e.g. match / accuracy = 0.83. */
  public record Score(String scorer, String metric, double value) {
    public String render() {
      return scorer + "/" + metric + "=" + String.format(java.util.Locale.ROOT, "%.4g", value);
    }
  }

  public boolean succeeded() {
    return SUCCESS.equals(status);
  }
}
