package tunesmith.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;
import tunesmith.results.CellMetrics;
import tunesmith.results.CellResult;
import tunesmith.results.LossPoint;
import tunesmith.results.Metric;
import tunesmith.results.RunResult;
import tunesmith.results.Summary;

/**
 * report.html's charts, each an ECharts option built as a JSON tree (docs/SUMMARIZE.md): loss
 * curves of every run, the headline score per epoch per run, the score against each varying
 * parameter (and a heatmap when exactly two vary), compute per run. A chart with nothing to show is
 * left out, and the page says so.
 */
final class ReportCharts {
  /** Points per loss curve at most: enough for the shape, light enough for 1,000 runs. */
  static final int MAX_POINTS = 400;

  private static final java.util.Set<String> PROPORTIONS =
      java.util.Set.of("accuracy", "balanced_accuracy", "f1", "parse_rate");

  private final Summary summary;
  private final Optional<String> metric;

  ReportCharts(Summary summary) {
    this.summary = summary;
    this.metric = headlineMetric(summary);
  }

  /**
   * The first of accuracy, balanced accuracy, ... that some cell has: the score the charts show.
   */
  private static Optional<String> headlineMetric(Summary summary) {
    for (String name : CellMetrics.NAMES) {
      if (summary.cells().stream().anyMatch(cell -> score(cell, name).isPresent())) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }

  private static OptionalDouble score(CellResult cell, String name) {
    return cell.metrics()
        .flatMap(metrics -> metrics.metric(name))
        .map(Metric::value)
        .filter(Double::isFinite)
        .map(OptionalDouble::of)
        .orElse(OptionalDouble.empty());
  }

  /** What the page says instead of the charts that have no data yet. */
  List<String> missing() {
    List<String> missing = new ArrayList<>();
    if (summary.runs().stream().allMatch(run -> run.curve().isEmpty())) {
      missing.add("No loss curve yet: no training output with loss lines was read.");
    }
    if (metric.isEmpty()) {
      missing.add("No scores yet: no evaluation cell has a readable, successful inspect log.");
    }
    if (summary.runs().stream().allMatch(run -> run.gpuHours().isEmpty())) {
      missing.add("No compute yet: SLURM reported no elapsed time for any run.");
    }
    return missing;
  }

  /** The charts, as the JSON list the page's script draws. */
  void write(JsonGenerator json) throws IOException {
    json.writeStartArray();
    if (summary.runs().stream().anyMatch(run -> !run.curve().isEmpty())) {
      lossCurves(json);
    }
    if (metric.isPresent()) {
      if (summary.cells().stream().anyMatch(cell -> cell.epoch().isPresent())) {
        scorePerEpoch(json, metric.get());
      }
      List<String> keys = new ArrayList<>(summary.varying().keySet());
      for (String key : keys) {
        scoreAgainst(json, metric.get(), key);
      }
      if (keys.size() == 2) {
        heatmap(json, metric.get(), keys.get(0), keys.get(1));
      }
    }
    if (summary.runs().stream().anyMatch(run -> run.gpuHours().isPresent())) {
      compute(json);
    }
    json.writeEndArray();
  }

  private static void start(JsonGenerator json, String id, String title, String note)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("id", id);
    json.writeStringField("title", title);
    json.writeStringField("note", note);
    json.writeObjectFieldStart("option");
    json.writeBooleanField("animation", false);
    json.writeObjectFieldStart("tooltip");
    json.writeStringField("trigger", "item");
    json.writeEndObject();
  }

  private static void end(JsonGenerator json) throws IOException {
    json.writeEndObject();
    json.writeEndObject();
  }

  private static void legend(JsonGenerator json) throws IOException {
    json.writeObjectFieldStart("legend");
    json.writeStringField("type", "scroll");
    json.writeStringField("top", "top");
    json.writeEndObject();
    json.writeObjectFieldStart("grid");
    json.writeNumberField("top", 60);
    json.writeBooleanField("containLabel", true);
    json.writeEndObject();
  }

  private static void axis(JsonGenerator json, String field, String type, String name)
      throws IOException {
    json.writeObjectFieldStart(field);
    json.writeStringField("type", type);
    json.writeStringField("name", name);
    if (type.equals("value")) {
      json.writeBooleanField("scale", true);
    }
    json.writeEndObject();
  }

  /** A proportion (accuracy, F1, ...) on 0 to 1; an error or R² on the range of its values. */
  private static void scoreAxis(JsonGenerator json, String name) throws IOException {
    json.writeObjectFieldStart("yAxis");
    json.writeStringField("type", "value");
    json.writeStringField("name", name);
    if (PROPORTIONS.contains(name)) {
      json.writeNumberField("min", 0);
      json.writeNumberField("max", 1);
    } else {
      json.writeBooleanField("scale", true);
    }
    json.writeEndObject();
  }

  private static void categories(JsonGenerator json, String field, String name, List<String> values)
      throws IOException {
    json.writeObjectFieldStart(field);
    json.writeStringField("type", "category");
    json.writeStringField("name", name);
    json.writeArrayFieldStart("data");
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void number(JsonGenerator json, OptionalDouble value) throws IOException {
    if (value.isPresent() && Double.isFinite(value.getAsDouble())) {
      json.writeNumber(value.getAsDouble());
    } else {
      json.writeNull();
    }
  }

  private void lossCurves(JsonGenerator json) throws IOException {
    start(
        json,
        "loss",
        "Training loss",
        "Every run's {epoch}|{step}|Loss: {x} lines, against the global step (at most "
            + MAX_POINTS
            + " points per run drawn; summary.json has them all).");
    legend(json);
    axis(json, "xAxis", "value", "step");
    axis(json, "yAxis", "value", "loss");
    json.writeArrayFieldStart("series");
    for (RunResult run : summary.runs()) {
      if (run.curve().isEmpty()) {
        continue;
      }
      json.writeStartObject();
      json.writeStringField("name", run.run());
      json.writeStringField("type", "line");
      json.writeBooleanField("showSymbol", false);
      json.writeArrayFieldStart("data");
      List<LossPoint> curve = run.curve();
      // Every k-th point and the last: at most MAX_POINTS - 1 + 1.
      int every = Math.max(1, (curve.size() + MAX_POINTS - 2) / (MAX_POINTS - 1));
      for (int i = 0; i < curve.size(); i++) {
        if (i % every == 0 || i == curve.size() - 1) {
          json.writeStartArray();
          json.writeNumber(curve.get(i).step());
          number(json, OptionalDouble.of(curve.get(i).loss()));
          json.writeEndArray();
        }
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
    end(json);
  }

  /** A series name: the run, and the task when there are several. */
  private String seriesName(CellResult cell) {
    boolean severalTasks = summary.cells().stream().map(CellResult::task).distinct().count() > 1;
    return severalTasks ? cell.run() + " / " + cell.task() : cell.run();
  }

  private void scorePerEpoch(JsonGenerator json, String name) throws IOException {
    TreeSet<Long> epochs = new TreeSet<>();
    summary.cells().forEach(cell -> cell.epoch().ifPresent(epochs::add));
    List<Long> order = new ArrayList<>(epochs);
    Map<String, OptionalDouble[]> series = new LinkedHashMap<>();
    Map<String, OptionalDouble> flat = new LinkedHashMap<>();
    for (CellResult cell : summary.cells()) {
      OptionalDouble value = score(cell, name);
      if (cell.epoch().isPresent()) {
        OptionalDouble[] values =
            series.computeIfAbsent(
                seriesName(cell),
                key -> {
                  OptionalDouble[] empty = new OptionalDouble[order.size()];
                  java.util.Arrays.fill(empty, OptionalDouble.empty());
                  return empty;
                });
        values[order.indexOf(cell.epoch().get())] = value;
      } else if (value.isPresent()) {
        flat.put(seriesName(cell) + " (no epoch)", value);
      }
    }
    start(
        json,
        "score-epoch",
        name + " per epoch",
        "Each run's "
            + name
            + " per checkpoint epoch; control and eval-only runs, which have no"
            + " epoch, are the dashed lines.");
    legend(json);
    categories(json, "xAxis", "epoch", order.stream().map(String::valueOf).toList());
    scoreAxis(json, name);
    json.writeArrayFieldStart("series");
    for (Map.Entry<String, OptionalDouble[]> entry : series.entrySet()) {
      json.writeStartObject();
      json.writeStringField("name", entry.getKey());
      json.writeStringField("type", "line");
      json.writeBooleanField("connectNulls", true);
      json.writeArrayFieldStart("data");
      for (OptionalDouble value : entry.getValue()) {
        number(json, value);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    for (Map.Entry<String, OptionalDouble> entry : flat.entrySet()) {
      json.writeStartObject();
      json.writeStringField("name", entry.getKey());
      json.writeStringField("type", "line");
      json.writeBooleanField("showSymbol", false);
      json.writeObjectFieldStart("lineStyle");
      json.writeStringField("type", "dashed");
      json.writeEndObject();
      json.writeArrayFieldStart("data");
      for (int i = 0; i < order.size(); i++) {
        number(json, entry.getValue());
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
    end(json);
  }

  /** Each fine-tuned run's score per task: its cell of the latest epoch with a score. */
  private Map<String, Map<String, Double>> latestScores(String name) {
    Map<String, Map<String, Double>> byTask = new LinkedHashMap<>();
    Map<String, Long> epochOf = new LinkedHashMap<>();
    for (CellResult cell : summary.cells()) {
      OptionalDouble value = score(cell, name);
      if (value.isEmpty() || cell.epoch().isEmpty()) {
        continue;
      }
      String key = cell.task() + "\u0000" + cell.run();
      if (!epochOf.containsKey(key) || epochOf.get(key) < cell.epoch().get()) {
        epochOf.put(key, cell.epoch().get());
        byTask
            .computeIfAbsent(cell.task(), task -> new LinkedHashMap<>())
            .put(cell.run(), value.getAsDouble());
      }
    }
    return byTask;
  }

  private void scoreAgainst(JsonGenerator json, String name, String key) throws IOException {
    List<String> values = summary.varying().get(key);
    start(
        json,
        "score-" + key,
        name + " against " + key,
        "Each fine-tuned run's " + name + " at its latest evaluated epoch, by its " + key + ".");
    legend(json);
    categories(json, "xAxis", key, values);
    scoreAxis(json, name);
    json.writeArrayFieldStart("series");
    for (Map.Entry<String, Map<String, Double>> task : latestScores(name).entrySet()) {
      json.writeStartObject();
      json.writeStringField("name", task.getKey());
      json.writeStringField("type", "scatter");
      json.writeNumberField("symbolSize", 12);
      json.writeArrayFieldStart("data");
      for (RunResult run : summary.runs()) {
        Double value = task.getValue().get(run.run());
        if (value != null) {
          json.writeStartObject();
          json.writeStringField("name", run.run());
          json.writeArrayFieldStart("value");
          json.writeNumber(values.indexOf(run.parameters().get(key)));
          json.writeNumber(value);
          json.writeEndArray();
          json.writeEndObject();
        }
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
    end(json);
  }

  private void heatmap(JsonGenerator json, String name, String xKey, String yKey)
      throws IOException {
    List<String> xs = summary.varying().get(xKey);
    List<String> ys = summary.varying().get(yKey);
    double[][] sum = new double[xs.size()][ys.size()];
    int[][] count = new int[xs.size()][ys.size()];
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    Map<String, Map<String, Double>> byTask = latestScores(name);
    for (RunResult run : summary.runs()) {
      for (Map<String, Double> scores : byTask.values()) {
        Double value = scores.get(run.run());
        if (value != null) {
          int x = xs.indexOf(run.parameters().get(xKey));
          int y = ys.indexOf(run.parameters().get(yKey));
          sum[x][y] += value;
          count[x][y]++;
        }
      }
    }
    start(
        json,
        "heatmap",
        name + ": " + xKey + " × " + yKey,
        "The mean " + name + " (latest evaluated epoch, all tasks) of the runs in each cell.");
    categories(json, "xAxis", xKey, xs);
    categories(json, "yAxis", yKey, ys);
    json.writeArrayFieldStart("series");
    json.writeStartObject();
    json.writeStringField("name", name);
    json.writeStringField("type", "heatmap");
    json.writeObjectFieldStart("label");
    json.writeBooleanField("show", true);
    json.writeEndObject();
    json.writeArrayFieldStart("data");
    for (int x = 0; x < xs.size(); x++) {
      for (int y = 0; y < ys.size(); y++) {
        if (count[x][y] > 0) {
          double mean = sum[x][y] / count[x][y];
          low = Math.min(low, mean);
          high = Math.max(high, mean);
          json.writeStartArray();
          json.writeNumber(x);
          json.writeNumber(y);
          json.writeNumber(Math.round(mean * 10_000) / 10_000.0);
          json.writeEndArray();
        }
      }
    }
    json.writeEndArray();
    json.writeEndObject();
    json.writeEndArray();
    json.writeObjectFieldStart("visualMap");
    json.writeNumberField("min", Double.isFinite(low) ? low : 0);
    json.writeNumberField("max", Double.isFinite(high) && high > low ? high : low + 1e-9);
    json.writeBooleanField("calculable", true);
    json.writeStringField("orient", "horizontal");
    json.writeStringField("left", "center");
    json.writeStringField("bottom", "0");
    json.writeEndObject();
    json.writeObjectFieldStart("grid");
    json.writeNumberField("bottom", 80);
    json.writeBooleanField("containLabel", true);
    json.writeEndObject();
    end(json);
  }

  private void compute(JsonGenerator json) throws IOException {
    start(
        json,
        "compute",
        "Compute per run",
        "GPU hours (elapsed × GPUs) and, where the GPU monitor wrote its CSV, mean GPU"
            + " utilisation.");
    legend(json);
    categories(json, "xAxis", "run", summary.runs().stream().map(RunResult::run).toList());
    json.writeArrayFieldStart("yAxis");
    for (String axis : List.of("GPU hours", "GPU utilisation %")) {
      json.writeStartObject();
      json.writeStringField("type", "value");
      json.writeStringField("name", axis);
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("series");
    json.writeStartObject();
    json.writeStringField("name", "GPU hours");
    json.writeStringField("type", "bar");
    json.writeArrayFieldStart("data");
    for (RunResult run : summary.runs()) {
      number(json, run.gpuHours());
    }
    json.writeEndArray();
    json.writeEndObject();
    json.writeStartObject();
    json.writeStringField("name", "mean GPU utilisation %");
    json.writeStringField("type", "bar");
    json.writeNumberField("yAxisIndex", 1);
    json.writeArrayFieldStart("data");
    for (RunResult run : summary.runs()) {
      number(json, run.gpu().map(gpu -> gpu.utilizationMean()).orElse(OptionalDouble.empty()));
    }
    json.writeEndArray();
    json.writeEndObject();
    json.writeEndArray();
    end(json);
  }
}
