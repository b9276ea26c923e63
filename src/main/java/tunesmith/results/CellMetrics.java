package tunesmith.results;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The scores of one inspect log (docs/SUMMARIZE.md): accuracy with its Wilson 95% interval; for 0/1
 * targets balanced accuracy and F1 from the samples, as cruijff_kit's summary_binary computes them;
 * for cruijff_kit's continuous scorer mae, rmse, r_squared and parse_rate.
 *
 * @param samples the samples inspect completed
 * @param metrics in the order of {@link #NAMES}, each with its source
 * @param accuracyCi95 the interval around the accuracy, over the samples its scorer scored
 */
public record CellMetrics(
    OptionalLong samples, List<Metric> metrics, Optional<WilsonInterval> accuracyCi95) {
  /** The source named for balanced accuracy and F1: the samples' completions and targets. */
  public static final String FROM_SAMPLES = "samples";

  public static final List<String> NAMES =
      List.of("accuracy", "balanced_accuracy", "f1", "mae", "rmse", "r_squared", "parse_rate");

  public CellMetrics {
    metrics = List.copyOf(metrics);
  }

  public Optional<Metric> metric(String name) {
    return metrics.stream().filter(metric -> metric.name().equals(name)).findFirst();
  }
}
