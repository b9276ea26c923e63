package tunesmith.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import tunesmith.plan.DataJob;
import tunesmith.render.ShellQuote;

/**
 * The data-preparation job as plan, submit, status and cancel show it: one text section and one
 * {@code data_job} JSON object (docs/JSON.md), {@code null} when the experiment has none.
 */
final class DataJobReport {
  /**
   * What one command knows of the job.
   *
   * @param jobId its job, when it has one
   * @param state SLURM's state of it (status), or what became of it (submit, cancel)
   * @param command the sbatch command (submit), empty otherwise
   * @param reason why it was not sent or cancelled, when it was not
   */
  record Line(
      DataJob job,
      Optional<String> jobId,
      Optional<String> state,
      List<String> command,
      Optional<String> reason) {
    Line {
      command = List.copyOf(command);
    }

    static Line of(DataJob job) {
      return new Line(job, Optional.empty(), Optional.empty(), List.of(), Optional.empty());
    }
  }

  private DataJobReport() {}

  /** {@code ### Data Job} with what it makes, for which runs, and what happened. */
  static void text(Optional<Line> line, String what, StringBuilder out) {
    if (line.isEmpty()) {
      return;
    }
    DataJob job = line.get().job();
    out.append("\n### Data Job\n\n");
    out.append(DataJob.NAME)
        .append(": ")
        .append(what)
        .append('\n')
        .append("- dataset: ")
        .append(job.dataset())
        .append(Files.exists(job.dataset()) ? " (exists)" : " (not made yet)")
        .append('\n')
        .append("- runs waiting for it: ")
        .append(String.join(", ", job.runs()))
        .append('\n')
        .append("- resources: ")
        .append(DataJob.CPUS)
        .append(" CPU, ")
        .append(DataJob.MEM)
        .append(", ")
        .append(DataJob.TIME)
        .append(", no GPU\n");
    line.get().jobId().ifPresent(id -> out.append("- job: ").append(id).append('\n'));
    line.get().state().ifPresent(state -> out.append("- state: ").append(state).append('\n'));
    line.get().reason().ifPresent(reason -> out.append("✗ ").append(reason).append('\n'));
    if (!line.get().command().isEmpty()) {
      out.append(String.join(" ", line.get().command().stream().map(ShellQuote::quote).toList()))
          .append('\n');
    }
  }

  /** The {@code data_job} field: null without a data job. */
  static void json(JsonGenerator json, Optional<Line> line) throws IOException {
    if (line.isEmpty()) {
      json.writeNullField("data_job");
      return;
    }
    DataJob job = line.get().job();
    json.writeObjectFieldStart("data_job");
    json.writeStringField("name", DataJob.NAME);
    json.writeStringField("dataset", job.dataset().toString());
    json.writeBooleanField("dataset_exists", Files.exists(job.dataset()));
    json.writeStringField("script", job.script().toString());
    json.writeArrayFieldStart("runs");
    for (String run : job.runs()) {
      json.writeString(run);
    }
    json.writeEndArray();
    JsonDocument.writeOptional(json, "job_id", line.get().jobId());
    JsonDocument.writeOptional(json, "state", line.get().state());
    json.writeArrayFieldStart("command");
    for (String arg : line.get().command()) {
      json.writeString(arg);
    }
    json.writeEndArray();
    JsonDocument.writeOptional(json, "reason", line.get().reason());
    json.writeEndObject();
  }
}
