package tunesmith.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tunesmith.results.LossPoint;
import tunesmith.results.RunResult;
import tunesmith.results.Summary;
import tunesmith.testing.Json;

/** docs/SUMMARIZE.md: at most 400 points of a loss curve are drawn, the last always among them. */
class ReportChartsTest {
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 399, 400, 401, 799, 800, 801, 1000, 12345})
  void aLongCurveIsThinnedToAtMost400PointsKeepingTheLast(int points) {
    List<LossPoint> curve = new ArrayList<>();
    for (int i = 0; i < points; i++) {
      curve.add(new LossPoint(1, i + 1, 1.0 / (i + 1)));
    }
    RunResult run =
        new RunResult(
            "r",
            Optional.empty(),
            "RUNNING",
            1,
            Optional.empty(),
            1,
            OptionalDouble.empty(),
            curve,
            Optional.empty(),
            Optional.empty(),
            "/d.json",
            Map.of(),
            List.of());
    Summary summary = new Summary("e", Path.of("/e"), Map.of(), List.of(run), List.of());
    List<?> charts = (List<?>) Json.parse(JsonDocument.write(new ReportCharts(summary)::write));
    List<?> drawn = (List<?>) Json.at(charts.get(0), "option.series.0.data");
    assertThat(ReportCharts.MAX_POINTS).isEqualTo(400);
    assertThat(drawn.size()).isBetween(Math.min(points, 200), 400);
    assertThat(((List<?>) drawn.get(drawn.size() - 1)).get(0)).isEqualTo((long) points);
    assertThat(((List<?>) drawn.get(0)).get(0)).isEqualTo(1L);
  }
}
