package tunesmith.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.evaluation.EvalLogSummary;
import tunesmith.evaluation.EvalLogs;
import tunesmith.testing.EvalLogFiles;
import tunesmith.testing.Fixtures;

/** The scores of inspect logs: inspect-ai's own test logs, and logs written here. */
class CellMetricsReaderTest {
  @TempDir Path temp;

  private static CellMetrics read(Path file) throws Exception {
    EvalLogSummary log = EvalLogs.read(file);
    assertThat(log.succeeded()).as("%s: %s", file, log.error()).isTrue();
    return CellMetricsReader.read(log);
  }

  @Test
  void inspectsOwnLogGivesItsAccuracySamplesAndAWilsonInterval() throws Exception {
    CellMetrics metrics =
        read(
            Fixtures.resource(
                "summarize/inspect/2025-02-11T15-18-04-05-00_popularity_mj7khqpMM4GBCfVQozKgzB.eval"));
    assertThat(metrics.samples()).hasValue(10);
    assertThat(metrics.metric("accuracy")).contains(new Metric("accuracy", 0.8, "match"));
    // Wilson 95% for 8 of 10, as computed with Python's math from the formula.
    WilsonInterval ci = metrics.accuracyCi95().orElseThrow();
    assertThat(ci.low()).isCloseTo(0.4901624715366418, within(1e-12));
    assertThat(ci.high()).isCloseTo(0.9433178485456248, within(1e-12));
    // " Yes" / " No" targets: not binary 0/1, so no balanced accuracy or F1.
    assertThat(metrics.metric("balanced_accuracy")).isEmpty();
  }

  @Test
  void epochsCountAsSamplesAsInspectCountsThem() throws Exception {
    CellMetrics metrics = read(Fixtures.resource("summarize/inspect/log_streaming.eval"));
    assertThat(metrics.samples()).hasValue(4);
    assertThat(metrics.metric("accuracy").orElseThrow().value()).isEqualTo(0.75);
    assertThat(metrics.accuracyCi95().orElseThrow().low()).isLessThan(0.75);
  }

  @Test
  void aLogWithoutScoresHasSamplesAndNoMetrics() throws Exception {
    CellMetrics metrics =
        read(
            Fixtures.resource(
                "summarize/inspect/2025-02-11T15-17-00-05-00_popularity_dPiJifoWeEQBrfWsAopzWr.eval"));
    assertThat(metrics.samples()).hasValue(10);
    assertThat(metrics.metrics()).isEmpty();
    assertThat(metrics.accuracyCi95()).isEmpty();
  }

  @Test
  void binaryTargetsGetBalancedAccuracyAndF1AsSummaryBinaryComputesThem() throws Exception {
    // tp = 2, fn = 1, tn = 3, fp = 1, one answer neither 0 nor 1 (target 0).
    Path file =
        EvalLogFiles.binary(
            temp.resolve("bin.eval"),
            5 / 8.0,
            new String[][] {
              {"1", "1"},
              {"1", " 1\\n"},
              {"1", "0"},
              {"0", "0"},
              {"0", "0"},
              {"0", "0"},
              {"0", "1"},
              {"0", "maybe"}
            });
    CellMetrics metrics = read(file);
    double recall1 = 2 / 3.0;
    double recall0 = 3 / 4.0;
    double precision = 2 / 3.0;
    assertThat(metrics.metric("balanced_accuracy").orElseThrow().value())
        .isCloseTo((recall0 + recall1) / 2, within(1e-12));
    assertThat(metrics.metric("f1").orElseThrow().value())
        .isCloseTo(2 * precision * recall1 / (precision + recall1), within(1e-12));
    assertThat(metrics.metric("f1").orElseThrow().source()).isEqualTo(CellMetrics.FROM_SAMPLES);
    assertThat(metrics.metric("accuracy").orElseThrow().value()).isEqualTo(0.625);
    assertThat(metrics.metrics())
        .extracting(Metric::name)
        .containsExactly("accuracy", "balanced_accuracy", "f1");
  }

  /** As summary_binary: without a completion, the last assistant message is the prediction. */
  @Test
  void withoutACompletionTheLastAssistantMessageIsThePrediction() throws Exception {
    String header =
        "{\"status\": \"success\", \"results\": {\"completed_samples\": 2, \"scores\": ["
            + "{\"name\": \"match\", \"metrics\": {\"accuracy\": {\"value\": 1.0}}}]}}";
    Path file =
        EvalLogFiles.write(
            temp.resolve("msg.eval"),
            "header.json",
            header,
            "samples/1_epoch_1.json",
            "{\"target\": \"1\", \"output\": {\"completion\": \"\"}, \"events\": [1, 2],"
                + " \"messages\": [{\"role\": \"assistant\", \"content\": \"0\"},"
                + " {\"role\": \"user\", \"content\": \"again\"},"
                + " {\"role\": \"assistant\", \"content\": [{\"type\": \"text\", \"text\": \" 1 \"}]}]}",
            "samples/2_epoch_1.json",
            "{\"target\": \"0\", \"output\": {\"completion\": \"0\"}}");
    CellMetrics metrics = read(file);
    assertThat(metrics.metric("balanced_accuracy").orElseThrow().value()).isEqualTo(1.0);
    assertThat(metrics.metric("f1").orElseThrow().value()).isEqualTo(1.0);
  }

  @Test
  void theContinuousScorerGivesItsRegressionMetricsAndNoAccuracy() throws Exception {
    Path file =
        EvalLogFiles.write(
            temp.resolve("reg.eval"),
            "header.json",
            """
            {"status": "success", "results": {"completed_samples": 50, "scores": [
              {"name": "continuous_scorer", "scored_samples": 50, "metrics": {
                "mae": {"value": 8.42}, "rmse": {"value": 11.3}, "r_squared": {"value": -0.12},
                "parse_rate": {"value": 0.62}, "accuracy": {"value": 0.1}}}]}}
            """);
    CellMetrics metrics = read(file);
    assertThat(metrics.samples()).hasValue(50);
    assertThat(metrics.metrics())
        .containsExactly(
            new Metric("mae", 8.42, "continuous_scorer"),
            new Metric("rmse", 11.3, "continuous_scorer"),
            new Metric("r_squared", -0.12, "continuous_scorer"),
            new Metric("parse_rate", 0.62, "continuous_scorer"));
    assertThat(metrics.accuracyCi95()).isEmpty();
  }

  @Test
  void theWilsonIntervalBracketsTheProportionAndStaysInZeroToOne() {
    for (long n : List.of(1L, 2L, 7L, 100L, 10_000L)) {
      for (long k = 0; k <= n; k += Math.max(1, n / 7)) {
        double p = (double) k / n;
        WilsonInterval ci = WilsonInterval.of95(p, n);
        assertThat(ci.low()).as("%d/%d", k, n).isBetween(0.0, p);
        assertThat(ci.high()).as("%d/%d", k, n).isBetween(p, 1.0);
        assertThat(ci.high() - ci.low()).as("%d/%d", k, n).isPositive();
      }
    }
    assertThat(WilsonInterval.of95(0, 5).high()).isCloseTo(0.43448246478317476, within(1e-12));
  }
}
