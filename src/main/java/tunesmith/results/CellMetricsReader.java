package tunesmith.results;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.zip.ZipFile;
import tunesmith.evaluation.EvalLogSummary;

/**
 * The scores of a successful inspect log: the headline metrics from its {@code header.json} (as
 * {@link tunesmith.evaluation.EvalLogs} read them), and what needs the samples.
 */
final class CellMetricsReader {
  /** cruijff_kit's regression scorer: accuracy means nothing there (docs/SUMMARIZE.md). */
  static final String CONTINUOUS_SCORER = "continuous_scorer";

  private static final Set<String> CONTINUOUS_METRICS =
      Set.of("mae", "rmse", "r_squared", "parse_rate");

  private CellMetricsReader() {}

  static CellMetrics read(EvalLogSummary log) throws IOException {
    List<Metric> metrics = new ArrayList<>();
    Optional<WilsonInterval> interval = Optional.empty();
    Optional<EvalLogSummary.Score> accuracy =
        log.scores().stream()
            .filter(score -> score.metric().equals("accuracy"))
            .filter(score -> !score.scorer().equals(CONTINUOUS_SCORER))
            .findFirst();
    if (accuracy.isPresent()) {
      EvalLogSummary.Score score = accuracy.get();
      metrics.add(new Metric("accuracy", score.value(), score.scorer()));
      OptionalLong n = score.scored().isPresent() ? score.scored() : log.samples();
      if (n.isPresent() && n.getAsLong() > 0 && score.value() >= 0 && score.value() <= 1) {
        interval = Optional.of(WilsonInterval.of95(score.value(), n.getAsLong()));
      }
      try (ZipFile zip = new ZipFile(log.file().toFile())) {
        metrics.addAll(BinarySamples.metrics(zip));
      }
    }
    for (EvalLogSummary.Score score : log.scores()) {
      if (score.scorer().equals(CONTINUOUS_SCORER) && CONTINUOUS_METRICS.contains(score.metric())) {
        metrics.add(new Metric(score.metric(), score.value(), score.scorer()));
      }
    }
    metrics.sort(
        java.util.Comparator.comparingInt(metric -> CellMetrics.NAMES.indexOf(metric.name())));
    return new CellMetrics(log.samples(), metrics, interval);
  }
}
