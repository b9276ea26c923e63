package tunesmith.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tunesmith.results.Summary;

/**
 * report.html: one self-contained page (docs/SUMMARIZE.md). Apache ECharts (the WebJar's
 * echarts.min.js) and the script that draws the charts are inlined, the charts' options are a JSON
 * block built by {@link ReportCharts}, and a Content-Security-Policy of {@code default-src 'none'}
 * keeps the page from loading anything at all: it opens offline.
 */
public final class SummaryPage {
  /** The ECharts release inlined; the pom's org.webjars.npm:echarts version. */
  static final String ECHARTS_VERSION = "5.3.1";

  static final String ECHARTS =
      "/META-INF/resources/webjars/echarts/" + ECHARTS_VERSION + "/dist/echarts.min.js";

  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

  private SummaryPage() {}

  public static String render(Summary summary) {
    ReportCharts charts = new ReportCharts(summary);
    String chartJson = JsonDocument.write(charts::write);
    long runsDone = summary.runsWithResults();
    long cellsDone = summary.cellsWithScores();
    StringBuilder page = new StringBuilder(1 << 20);
    page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        .append(CONTENT_SECURITY_POLICY)
        .append("\">\n<title>")
        .append(escape(summary.experiment()))
        .append(" — tunesmith summary</title>\n<style>\n")
        .append(resource("/tunesmith/report/summary-page.css"))
        .append("</style>\n</head>\n<body>\n<h1>")
        .append(escape(summary.experiment()))
        .append("</h1>\n<p>Runs with results: ")
        .append(runsDone)
        .append(" of ")
        .append(summary.runs().size())
        .append(". Evaluation cells with scores: ")
        .append(cellsDone)
        .append(" of ")
        .append(summary.cells().size())
        .append(". Every value, and why any is missing: summary.md and summary.json.</p>\n");
    for (String missing : charts.missing()) {
      page.append("<p class=\"missing\">").append(escape(missing)).append("</p>\n");
    }
    page.append("<pre id=\"errors\"></pre>\n<main id=\"charts-area\"></main>\n")
        .append("<script type=\"application/json\" id=\"charts\">")
        // Inside <script>, "</" could end the element: JSON spells '<' as \u003c.
        .append(chartJson.strip().replace("<", "\\u003c"))
        .append("</script>\n<script>\n")
        .append(resource(ECHARTS))
        .append("\n</script>\n<script>\n")
        .append(resource("/tunesmith/report/summary-page.js"))
        .append("</script>\n</body>\n</html>\n");
    return page.toString();
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String resource(String name) {
    try (InputStream in = SummaryPage.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from tunesmith's jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
