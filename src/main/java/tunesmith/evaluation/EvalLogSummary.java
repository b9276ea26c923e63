package tunesmith.evaluation;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a cell's newest inspect log says.
 *
 * @param status inspect's: {@code started} (still running or killed), {@code success}, {@code
 *     error}, {@code cancelled}; {@code unreadable} when the file cannot be read
 * @param error inspect's error message, or why the file cannot be read
 * @param scores the headline metrics of each scorer
 * @param samples the samples inspect completed ({@code results.completed_samples}), when it says
 */
public record EvalLogSummary(
    Path file, String status, Optional<String> error, List<Score> scores, OptionalLong samples) {

  public static final String SUCCESS = "success";
  public static final String UNREADABLE = "unreadable";

  public EvalLogSummary {
    scores = List.copyOf(scores);
  }

  /** A log without results: still running, failed or unreadable. */
  public EvalLogSummary(Path file, String status, Optional<String> error) {
    this(file, status, error, List.of(), OptionalLong.empty());
  }

  /**
   * One metric of one scorer, e.g. match / accuracy = 0.83.
   *
   * @param scored the samples the scorer scored ({@code scored_samples}), when the log says
   */
  public record Score(String scorer, String metric, double value, OptionalLong scored) {
    public Score(String scorer, String metric, double value) {
      this(scorer, metric, value, OptionalLong.empty());
    }

    public String render() {
      return scorer + "/" + metric + "=" + String.format(java.util.Locale.ROOT, "%.4g", value);
    }
  }

  public boolean succeeded() {
    return SUCCESS.equals(status);
  }
}
