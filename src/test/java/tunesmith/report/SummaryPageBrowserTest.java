package tunesmith.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.results.CellMetrics;
import tunesmith.results.CellResult;
import tunesmith.results.GpuUse;
import tunesmith.results.LossCurve;
import tunesmith.results.LossPoint;
import tunesmith.results.Metric;
import tunesmith.results.RunResult;
import tunesmith.results.Summary;
import tunesmith.results.WilsonInterval;
import tunesmith.testing.Fixtures;
import tunesmith.testing.HeadlessChromium;

/**
 * report.html in a real headless Chromium: it loads with no console message at all (an uncaught
 * error, a blocked load and console.error would each log one), and draws every chart it holds (each
 * chart's SVG has marks); nothing in it points outside the page.
 */
class SummaryPageBrowserTest {
  private static final Pattern CHART =
      Pattern.compile("<div class=\"chart\" id=\"([^\"]+)\"[^>]*data-drawn=\"(\\d+)\"");

  @TempDir Path temp;

  /** A 2 × 2 sweep of lora_rank × lr with loss curves, two epochs of scores, a control, GPU use. */
  static Summary sweep() throws Exception {
    List<LossPoint> real =
        LossCurve.read(Fixtures.resource("summarize/torchtune/slurm_training_output.txt"));
    List<RunResult> runs = new ArrayList<>();
    List<CellResult> cells = new ArrayList<>();
    int i = 0;
    for (String rank : List.of("8", "32")) {
      for (String lr : List.of("1e-5", "1e-4")) {
        String name = "r" + rank + "_lr" + lr;
        double shift = 0.05 * i++;
        List<LossPoint> curve = new ArrayList<>();
        real.forEach(p -> curve.add(new LossPoint(p.epoch(), p.step(), p.loss() + shift)));
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("lora_rank", rank);
        parameters.put("lr", lr);
        runs.add(
            new RunResult(
                name,
                Optional.of("10" + i),
                "COMPLETED",
                1,
                Optional.of("00:1" + i + ":00"),
                1,
                OptionalDouble.of((10 + i) / 60.0),
                curve,
                Optional.of("/out/slurm-10" + i + ".out"),
                Optional.of(
                    new GpuUse(
                        20,
                        OptionalDouble.of(70 + i),
                        OptionalDouble.of(99),
                        OptionalDouble.of(30000),
                        OptionalDouble.of(35000),
                        OptionalDouble.of(40960))),
                "/data/words.json",
                parameters,
                List.of()));
        for (long epoch : List.of(0L, 1L)) {
          double accuracy = 0.5 + 0.1 * i + 0.05 * epoch;
          cells.add(cell(name, "cap_epoch" + epoch, Optional.of(epoch), accuracy));
        }
      }
    }
    cells.add(cell("base", "cap", Optional.empty(), 0.4));
    Map<String, List<String>> varying = new LinkedHashMap<>();
    varying.put("lora_rank", List.of("8", "32"));
    varying.put("lr", List.of("1e-5", "1e-4"));
    return new Summary("cap <sweep> & \"friends\"", temp(), varying, runs, cells);
  }

  private static Path temp() {
    return Path.of("/exp");
  }

  private static CellResult cell(String run, String name, Optional<Long> epoch, double accuracy) {
    return new CellResult(
        run,
        name,
        "cap",
        epoch,
        "/data/words.json",
        "COMPLETED",
        Optional.of("/x.eval"),
        Optional.of("success"),
        Optional.of(
            new CellMetrics(
                OptionalLong.of(100),
                List.of(new Metric("accuracy", accuracy, "match")),
                Optional.of(WilsonInterval.of95(accuracy, 100)))),
        Optional.empty());
  }

  private HeadlessChromium.Opened open(String html) {
    Path page = temp.resolve("report.html");
    Fixtures.write(page, html);
    return HeadlessChromium.open(page, temp);
  }

  @Test
  void everyChartIsDrawnWithoutAConsoleMessage() throws Exception {
    String html = SummaryPage.render(sweep());
    HeadlessChromium.Opened opened = open(html);
    assertThat(opened.console()).as(opened.stderr()).isEmpty();
    Matcher charts = CHART.matcher(opened.dom());
    List<String> drawn = new ArrayList<>();
    while (charts.find()) {
      assertThat(Integer.parseInt(charts.group(2)))
          .as("marks in chart " + charts.group(1))
          .isPositive();
      drawn.add(charts.group(1));
    }
    assertThat(drawn)
        .containsExactly(
            "loss", "score-epoch", "score-lora_rank", "score-lr", "heatmap", "compute");
    assertThat(opened.rootAttribute("data-charts")).isEqualTo("6");
    assertThat(opened.rootAttribute("data-charts-drawn")).isEqualTo("6");
    assertThat(opened.dom()).contains("<pre id=\"errors\"></pre>");
    // The four runs' loss lines are in the loss chart: one SVG path per series at least.
    assertThat(opened.dom()).contains("cap &lt;sweep&gt; &amp; \"friends\"");
  }

  /**
   * tunesmith's part of the page names nothing outside it; the inlined library is held to the
   * page's Content-Security-Policy, which the browser tests show blocking a load.
   */
  @Test
  void nothingInThePagePointsOutsideIt() throws Exception {
    String page = SummaryPage.render(sweep());
    String library;
    try (var in = SummaryPage.class.getResourceAsStream(SummaryPage.ECHARTS)) {
      library = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    assertThat(library.length()).as("ECharts is inlined").isGreaterThan(1_000_000);
    assertThat(page).contains(library);
    String html = page.replace(library, "");
    assertThat(html)
        .doesNotContainPattern(
            "(?i)<(script|link|img|iframe|object|embed)\\b[^>]*\\b(src|href|data)\\s*=");
    assertThat(html).doesNotContainPattern("(?i)@import|url\\(\\s*['\"]?(https?:)?//");
    assertThat(html).contains("default-src 'none'");
  }

  @Test
  void aPageWithNoResultsYetSaysSoAndStillLoadsCleanly() {
    Summary empty = new Summary("empty", Path.of("/exp"), Map.of(), List.of(), List.of());
    HeadlessChromium.Opened opened = open(SummaryPage.render(empty));
    assertThat(opened.console()).as(opened.stderr()).isEmpty();
    assertThat(opened.rootAttribute("data-charts")).isEqualTo("0");
    assertThat(opened.dom()).contains("No loss curve yet", "No scores yet", "No compute yet");
  }

  /** The checks above can fail: a script error and a blocked load are both seen. */
  @Test
  void theBrowserCheckSeesAnErrorAndABlockedLoad() throws Exception {
    String html =
        SummaryPage.render(sweep())
            .replace(
                "<main id=\"charts-area\"></main>",
                "<main id=\"charts-area\"></main><script>notDefined();</script>"
                    + "<img alt=\"\" src=\"https://example.invalid/x.png\">");
    HeadlessChromium.Opened opened = open(html);
    assertThat(opened.console())
        .anyMatch(line -> line.contains("notDefined"))
        .anyMatch(line -> line.contains("Content Security Policy"));
  }
}
