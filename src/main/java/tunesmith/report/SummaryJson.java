package tunesmith.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import tunesmith.results.CellMetrics;
import tunesmith.results.CellResult;
import tunesmith.results.GpuUse;
import tunesmith.results.LossPoint;
import tunesmith.results.Metric;
import tunesmith.results.RunResult;
import tunesmith.results.Summary;

/**
 * summary.json, also what {@code summarize --json} prints: every field of docs/JSON.md's summarize
 * object, null where there is no value (a loss Python reads as infinite is null too: JSON has no
 * infinity).
 */
public final class SummaryJson {
  private SummaryJson() {}

  /** Indented: summary.json, and what summarize --json prints (as every command's report). */
  public static String file(Summary summary) {
    return file(summary, Optional.empty());
  }

  /**
   * @param localMd the claude.local.md the command read, as every report names it
   */
  public static String file(Summary summary, Optional<Path> localMd) {
    return JsonDocument.writePretty(json -> write(json, summary, localMd));
  }

  private static void write(JsonGenerator json, Summary summary, Optional<Path> localMd)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("command", "summarize");
    json.writeStringField("experiment", summary.experiment());
    json.writeStringField("directory", summary.directory().toString());
    JsonDocument.writeOptional(json, "local_md", localMd.map(Path::toString));
    json.writeBooleanField("complete", summary.complete());
    JsonDocument.writeLists(json, "varying_parameters", summary.varying());
    json.writeArrayFieldStart("runs");
    for (RunResult run : summary.runs()) {
      run(json, run);
    }
    json.writeEndArray();
    json.writeArrayFieldStart("cells");
    for (CellResult cell : summary.cells()) {
      cell(json, cell);
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void run(JsonGenerator json, RunResult run) throws IOException {
    json.writeStartObject();
    json.writeStringField("run", run.run());
    JsonDocument.writeOptional(json, "job_id", run.jobId());
    json.writeStringField("state", run.state());
    json.writeNumberField("attempt", run.attempt());
    JsonDocument.writeOptional(json, "elapsed", run.elapsed());
    json.writeNumberField("gpus", run.gpus());
    number(json, "gpu_hours", run.gpuHours());
    Optional<LossPoint> last = run.finalLoss();
    if (last.isPresent()) {
      json.writeFieldName("final_loss");
      point(json, last.get());
      json.writeNumberField("steps", last.get().step());
    } else {
      json.writeNullField("final_loss");
      json.writeNullField("steps");
    }
    json.writeArrayFieldStart("loss_curve");
    for (LossPoint point : run.curve()) {
      point(json, point);
    }
    json.writeEndArray();
    if (run.gpu().isPresent()) {
      GpuUse gpu = run.gpu().get();
      json.writeObjectFieldStart("gpu");
      json.writeNumberField("samples", gpu.samples());
      number(json, "utilization_mean_pct", gpu.utilizationMean());
      number(json, "utilization_peak_pct", gpu.utilizationPeak());
      number(json, "memory_used_mean_mib", gpu.memoryUsedMeanMib());
      number(json, "memory_used_peak_mib", gpu.memoryUsedPeakMib());
      number(json, "memory_total_mib", gpu.memoryTotalMib());
      json.writeEndObject();
    } else {
      json.writeNullField("gpu");
    }
    JsonDocument.writeOptional(json, "output_file", run.outputFile());
    json.writeStringField("dataset", run.dataset());
    json.writeObjectFieldStart("parameters");
    for (Map.Entry<String, String> parameter : run.parameters().entrySet()) {
      json.writeStringField(parameter.getKey(), parameter.getValue());
    }
    json.writeEndObject();
    problems(json, run.problems());
    json.writeEndObject();
  }

  private static void cell(JsonGenerator json, CellResult cell) throws IOException {
    json.writeStartObject();
    json.writeStringField("run", cell.run());
    json.writeStringField("cell", cell.cell());
    json.writeStringField("task", cell.task());
    if (cell.epoch().isPresent()) {
      json.writeNumberField("epoch", cell.epoch().get());
    } else {
      json.writeNullField("epoch");
    }
    json.writeStringField("dataset", cell.dataset());
    json.writeStringField("state", cell.state());
    JsonDocument.writeOptional(json, "log", cell.log());
    JsonDocument.writeOptional(json, "log_status", cell.logStatus());
    if (cell.metrics().isPresent()) {
      CellMetrics metrics = cell.metrics().get();
      json.writeObjectFieldStart("metrics");
      if (metrics.samples().isPresent()) {
        json.writeNumberField("samples", metrics.samples().getAsLong());
      } else {
        json.writeNullField("samples");
      }
      for (Metric metric : metrics.metrics()) {
        number(json, metric.name(), OptionalDouble.of(metric.value()));
        if (metric.name().equals("accuracy") && metrics.accuracyCi95().isPresent()) {
          json.writeArrayFieldStart("accuracy_ci95");
          json.writeNumber(metrics.accuracyCi95().get().low());
          json.writeNumber(metrics.accuracyCi95().get().high());
          json.writeEndArray();
        }
      }
      json.writeEndObject();
      json.writeObjectFieldStart("scorers");
      for (Metric metric : metrics.metrics()) {
        json.writeStringField(metric.name(), metric.source());
      }
      json.writeEndObject();
    } else {
      json.writeNullField("metrics");
      json.writeNullField("scorers");
    }
    problems(json, cell.problem().stream().toList());
    json.writeEndObject();
  }

  private static void point(JsonGenerator json, LossPoint point) throws IOException {
    json.writeStartObject();
    json.writeNumberField("epoch", point.epoch());
    json.writeNumberField("step", point.step());
    number(json, "loss", OptionalDouble.of(point.loss()));
    json.writeEndObject();
  }

  private static void number(JsonGenerator json, String field, OptionalDouble value)
      throws IOException {
    if (value.isPresent() && Double.isFinite(value.getAsDouble())) {
      json.writeNumberField(field, value.getAsDouble());
    } else {
      json.writeNullField(field);
    }
  }

  private static void problems(JsonGenerator json, List<String> problems) throws IOException {
    json.writeArrayFieldStart("problems");
    for (String problem : problems) {
      json.writeString(problem);
    }
    json.writeEndArray();
  }
}
