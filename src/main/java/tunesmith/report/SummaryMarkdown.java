package tunesmith.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;
import tunesmith.results.CellMetrics;
import tunesmith.results.CellResult;
import tunesmith.results.GpuUse;
import tunesmith.results.LossPoint;
import tunesmith.results.Metric;
import tunesmith.results.RunResult;
import tunesmith.results.Summary;

/**
 * summary.md, and what summarize prints: the tables cruijff_kit's summarize-experiment writes (run
 * status, training results, scores per run, task and epoch, datasets, compute), N/A with the reason
 * where a result is missing.
 */
public final class SummaryMarkdown {
  private static final String NA = "N/A";

  /** The evaluation columns, each shown when some cell has it. */
  private static final Map<String, String> METRIC_HEADINGS = new LinkedHashMap<>();

  static {
    METRIC_HEADINGS.put("accuracy", "accuracy");
    METRIC_HEADINGS.put("balanced_accuracy", "bal. acc");
    METRIC_HEADINGS.put("f1", "F1");
    METRIC_HEADINGS.put("mae", "MAE");
    METRIC_HEADINGS.put("rmse", "RMSE");
    METRIC_HEADINGS.put("r_squared", "R²");
    METRIC_HEADINGS.put("parse_rate", "parse rate");
  }

  private SummaryMarkdown() {}

  public static String render(Summary summary) {
    StringBuilder out = new StringBuilder();
    long runsDone = summary.runsWithResults();
    long cellsDone = summary.cellsWithScores();
    out.append("# Experiment Summary\n\n**Experiment:** `")
        .append(summary.experiment())
        .append("` | **Runs with results:** ")
        .append(runsDone)
        .append('/')
        .append(summary.runs().size())
        .append(" | **Cells with scores:** ")
        .append(cellsDone)
        .append('/')
        .append(summary.cells().size())
        .append("\n\n");
    training(summary, out);
    evaluation(summary, out);
    datasets(summary, out);
    compute(summary, out);
    out.append("Every value, with the loss curves: `summary.json`.\n");
    return out.toString();
  }

  private static void training(Summary summary, StringBuilder out) {
    out.append("## Training Results\n\n");
    if (summary.runs().isEmpty()) {
      out.append("No fine-tuned runs.\n\n");
      return;
    }
    List<String> heading = new ArrayList<>(List.of("run"));
    heading.addAll(summary.varying().keySet());
    heading.addAll(List.of("state", "attempt", "final loss", "epoch", "steps", "elapsed", "notes"));
    Table table = new Table(heading);
    for (RunResult run : summary.runs()) {
      List<String> row = new ArrayList<>(List.of(run.run()));
      summary.varying().keySet().forEach(key -> row.add(run.parameters().get(key)));
      Optional<LossPoint> last = run.finalLoss();
      row.addAll(
          List.of(
              run.state(),
              run.attempt() == 0 ? "–" : Integer.toString(run.attempt()),
              last.map(point -> Double.toString(point.loss())).orElse(NA),
              last.map(point -> Integer.toString(point.epoch())).orElse(NA),
              last.map(point -> Long.toString(point.step())).orElse(NA),
              run.elapsed().orElse("–"),
              String.join("; ", run.problems())));
      table.add(row);
    }
    out.append(table.render()).append('\n');
  }

  private static void evaluation(Summary summary, StringBuilder out) {
    out.append("## Evaluation Results\n\n");
    if (summary.cells().isEmpty()) {
      out.append("No evaluation cells.\n\n");
      return;
    }
    Set<String> shown = new LinkedHashSet<>();
    for (String name : METRIC_HEADINGS.keySet()) {
      if (summary.cells().stream()
          .anyMatch(cell -> cell.metrics().flatMap(m -> m.metric(name)).isPresent())) {
        shown.add(name);
      }
    }
    List<String> heading = new ArrayList<>(List.of("run", "task", "epoch", "state", "samples"));
    for (String name : shown) {
      heading.add(METRIC_HEADINGS.get(name));
      if (name.equals("accuracy")) {
        heading.add("95% CI (Wilson)");
      }
    }
    heading.addAll(List.of("scorer", "notes"));
    Table table = new Table(heading);
    for (CellResult cell : summary.cells()) {
      List<String> row =
          new ArrayList<>(
              List.of(
                  cell.run(),
                  cell.task(),
                  cell.epoch().map(String::valueOf).orElse("–"),
                  cell.state(),
                  cell.metrics()
                      .flatMap(
                          m ->
                              m.samples().isPresent() ? Optional.of(m.samples()) : Optional.empty())
                      .map(samples -> Long.toString(samples.getAsLong()))
                      .orElse(NA)));
      for (String name : shown) {
        row.add(
            cell.metrics().flatMap(m -> m.metric(name)).map(m -> decimal(m.value())).orElse(NA));
        if (name.equals("accuracy")) {
          row.add(
              cell.metrics()
                  .flatMap(CellMetrics::accuracyCi95)
                  .map(ci -> "[" + decimal(ci.low()) + ", " + decimal(ci.high()) + "]")
                  .orElse(NA));
        }
      }
      row.add(
          cell.metrics()
              .map(
                  m ->
                      String.join(
                          ", ", m.metrics().stream().map(Metric::source).distinct().toList()))
              .orElse("–"));
      row.add(cell.problem().orElse(""));
      table.add(row);
    }
    out.append(table.render()).append('\n');
  }

  private static void datasets(Summary summary, StringBuilder out) {
    out.append("## Datasets Used\n\n");
    Map<String, Set<String>> evalSets = new LinkedHashMap<>();
    summary
        .cells()
        .forEach(
            cell ->
                evalSets
                    .computeIfAbsent(cell.run(), run -> new LinkedHashSet<>())
                    .add(cell.dataset()));
    Table table = new Table(List.of("run", "training dataset", "evaluation dataset(s)"));
    Set<String> listed = new LinkedHashSet<>();
    for (RunResult run : summary.runs()) {
      listed.add(run.run());
      table.add(
          List.of(
              run.run(),
              "`" + run.dataset() + "`",
              code(evalSets.getOrDefault(run.run(), Set.of()))));
    }
    evalSets.forEach(
        (run, sets) -> {
          if (!listed.contains(run)) {
            table.add(List.of(run, "– (not fine-tuned)", code(sets)));
          }
        });
    out.append(table.render()).append('\n');
  }

  private static void compute(Summary summary, StringBuilder out) {
    out.append("## Compute\n\n");
    Table table =
        new Table(
            List.of(
                "run",
                "gpus",
                "elapsed",
                "GPU hours",
                "GPU util mean / peak",
                "GPU memory mean / peak / total (MiB)"));
    double total = 0;
    for (RunResult run : summary.runs()) {
      total += run.gpuHours().orElse(0);
      table.add(
          List.of(
              run.run(),
              Integer.toString(run.gpus()),
              run.elapsed().orElse(NA),
              number(run.gpuHours(), "%.3f"),
              run.gpu()
                  .map(
                      gpu ->
                          number(gpu.utilizationMean(), "%.1f%%")
                              + " / "
                              + number(gpu.utilizationPeak(), "%.1f%%"))
                  .orElse(NA + " (no gpu_metrics.csv)"),
              run.gpu().map(SummaryMarkdown::memory).orElse(NA)));
    }
    out.append(table.render())
        .append("\nTotal: ")
        .append(String.format(Locale.ROOT, "%.3f", total))
        .append(" GPU hours (elapsed × GPUs of the runs SLURM reported on).\n\n");
  }

  private static String memory(GpuUse gpu) {
    return number(gpu.memoryUsedMeanMib(), "%.0f")
        + " / "
        + number(gpu.memoryUsedPeakMib(), "%.0f")
        + " / "
        + number(gpu.memoryTotalMib(), "%.0f");
  }

  private static String code(Set<String> paths) {
    return paths.isEmpty()
        ? "–"
        : String.join(", ", paths.stream().map(path -> "`" + path + "`").toList());
  }

  private static String decimal(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }

  private static String number(OptionalDouble value, String format) {
    return value.isPresent() ? String.format(Locale.ROOT, format, value.getAsDouble()) : NA;
  }

  /** A Markdown table; a cell's {@code |} is escaped and a line break becomes a space. */
  private static final class Table {
    private final List<String> heading;
    private final List<List<String>> rows = new ArrayList<>();

    Table(List<String> heading) {
      this.heading = List.copyOf(heading);
    }

    void add(List<String> row) {
      rows.add(row);
    }

    String render() {
      StringBuilder out = new StringBuilder();
      line(out, heading, Function.identity());
      line(out, heading, column -> "---");
      rows.forEach(row -> line(out, row, Function.identity()));
      return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, Function<String, String> map) {
      out.append('|');
      for (String cell : cells) {
        String text = map.apply(cell == null ? "" : cell);
        out.append(' ')
            .append(text.replace("|", "\\|").replace('\n', ' ').replace('\r', ' '))
            .append(" |");
      }
      out.append('\n');
    }
  }
}
