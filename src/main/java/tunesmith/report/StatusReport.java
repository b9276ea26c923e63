package tunesmith.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tunesmith.evaluation.CellStatus;
import tunesmith.evaluation.EvalLogSummary;
import tunesmith.problem.Hint;
import tunesmith.slurm.CellStatuses;
import tunesmith.slurm.DataJobStatus;
import tunesmith.slurm.Failure;
import tunesmith.slurm.RunState;
import tunesmith.slurm.RunStatus;
import tunesmith.slurm.RunStatuses;
import tunesmith.slurm.TrainingProgress;
import tunesmith.verify.Readiness;

/**
 * What `tunesmith status` prints: one row per fine-tuned run, as a Markdown table or one JSON
 * object.
 */
public final class StatusReport {

  /** Runs not ready that the text names; the JSON has them all. */
  private static final int NOT_READY_SHOWN = 10;

  private StatusReport() {}

  public static String text(List<RunStatus> rows, Path experiment) {
    StringBuilder out =
        new StringBuilder(
            "## Status\n\n| run | job | attempt | state | elapsed | progress | output dir |\n"
                + "|---|---|---|---|---|---|---|\n");
    for (RunStatus row : rows) {
      String state =
          row.state().name()
              + row.slurmState()
                  .filter(slurm -> !slurm.equals(row.state().name()))
                  .map(slurm -> " (" + slurm + ")")
                  .orElse("");
      out.append("| ")
          .append(row.run())
          .append(" | ")
          .append(row.jobId().orElse("–"))
          .append(" | ")
          .append(row.attempt() == 0 ? "–" : Integer.toString(row.attempt()))
          .append(" | ")
          .append(state)
          .append(row.cancelledOnPurpose() ? " (on purpose)" : "")
          .append(" | ")
          .append(row.elapsed().orElse("–"))
          .append(" | ")
          .append(row.progress().map(TrainingProgress::describe).orElse("–"))
          .append(" | ")
          .append(row.outputDir())
          .append(" |\n");
    }
    out.append('\n')
        .append(rows.size())
        .append(rows.size() == 1 ? " run: " : " runs: ")
        .append(
            counts(rows).entrySet().stream()
                .map(count -> count.getValue() + " " + count.getKey())
                .collect(Collectors.joining(", ")))
        .append('\n');
    List<RunStatus> noted = rows.stream().filter(row -> row.note().isPresent()).toList();
    noted.forEach(
        row ->
            out.append("- ").append(row.run()).append(": ").append(row.note().get()).append('\n'));
    rows.stream()
        .filter(row -> row.failure().isPresent() && !row.cancelledOnPurpose())
        .forEach(
            row ->
                out.append("- ")
                    .append(row.run())
                    .append(" failed: ")
                    .append(row.failure().get().describe())
                    .append('\n'));
    readiness(rows, out, experiment);
    return out.toString();
  }

  /** The runs' table, then each run's evaluation cells under it. */
  public static String text(List<RunStatus> rows, List<CellStatuses.Row> cells, Path experiment) {
    return text(rows, cells, experiment, Optional.empty());
  }

  /** The runs' table, the data job, then each run's evaluation cells. */
  public static String text(
      List<RunStatus> rows,
      List<CellStatuses.Row> cells,
      Path experiment,
      Optional<DataJobStatus> data) {
    StringBuilder out = new StringBuilder(text(rows, experiment));
    DataJobReport.text(
        data.map(StatusReport::dataLine),
        data.map(
                job ->
                    job.state() == RunState.NOT_SUBMITTED && !job.job().needed()
                        ? "not needed: the dataset exists"
                        : job.state().name() + (job.cancelledOnPurpose() ? " (on purpose)" : ""))
            .orElse(""),
        out);
    if (cells.isEmpty()) {
      return out.toString();
    }
    out.append("\n### Evaluation Cells\n\n");
    Map<String, List<CellStatuses.Row>> byRun = new LinkedHashMap<>();
    cells.forEach(
        row ->
            byRun
                .computeIfAbsent(row.status().cell().run().name(), r -> new ArrayList<>())
                .add(row));
    byRun.forEach(
        (run, list) -> {
          out.append(run).append(":\n");
          list.forEach(
              row ->
                  out.append("  - ")
                      .append(row.status().render())
                      .append(row.jobId().map(job -> " (job " + job + ")").orElse(""))
                      .append('\n'));
        });
    return out.toString();
  }

  /**
   * The report of status (docs/JSON.md): each run's job and state, then each cell's state, newest
   * log, its status and scores. Every field is in every row, null when it does not apply.
   */
  public static String json(
      ReportJson.Header header, List<RunStatus> rows, List<CellStatuses.Row> cells) {
    return json(header, rows, cells, Optional.empty());
  }

  /** As {@link #json(ReportJson.Header, List, List)}, with the data job's {@code data_job}. */
  public static String json(
      ReportJson.Header header,
      List<RunStatus> rows,
      List<CellStatuses.Row> cells,
      Optional<DataJobStatus> data) {
    return JsonDocument.write(
        json -> {
          ReportJson.begin(json, header);
          json.writeBooleanField("finished", RunStatuses.allFinished(rows));
          json.writeObjectFieldStart("counts");
          for (Map.Entry<RunState, Long> count : counts(rows).entrySet()) {
            json.writeNumberField(count.getKey().name(), count.getValue());
          }
          json.writeEndObject();
          json.writeArrayFieldStart("runs");
          for (RunStatus row : rows) {
            json.writeStartObject();
            json.writeStringField("run", row.run());
            JsonDocument.writeOptional(json, "job_id", row.jobId());
            json.writeStringField("state", row.state().name());
            JsonDocument.writeOptional(json, "slurm_state", row.slurmState());
            JsonDocument.writeOptional(json, "elapsed", row.elapsed());
            json.writeStringField("output_dir", row.outputDir());
            JsonDocument.writeOptional(json, "source", row.source());
            JsonDocument.writeOptional(json, "note", row.note());
            if (row.attempt() > 0) {
              json.writeNumberField("attempt", row.attempt());
            } else {
              json.writeNullField("attempt");
            }
            json.writeBooleanField("cancelled_on_purpose", row.cancelledOnPurpose());
            if (row.progress().isPresent()) {
              TrainingProgress progress = row.progress().get();
              json.writeObjectFieldStart("progress");
              json.writeNumberField("epoch", progress.epoch());
              json.writeNumberField("step", progress.step());
              // A number where it is one; nan and inf stay text (JSON has no such numbers).
              try {
                json.writeNumberField("loss", new java.math.BigDecimal(progress.loss()));
              } catch (NumberFormatException notFinite) {
                json.writeStringField("loss", progress.loss());
              }
              json.writeEndObject();
            } else {
              json.writeNullField("progress");
            }
            if (row.failure().isPresent()) {
              Failure failure = row.failure().get();
              json.writeObjectFieldStart("failure");
              json.writeStringField("cause", failure.cause().name());
              json.writeStringField("description", failure.describe());
              JsonDocument.writeOptional(json, "line", failure.line());
              json.writeEndObject();
            } else {
              json.writeNullField("failure");
            }
            // Whether a run not submitted is ready to submit: null once it was submitted.
            if (row.readiness().isPresent()) {
              json.writeBooleanField("ready", row.readiness().get().ready());
            } else {
              json.writeNullField("ready");
            }
            ReportJson.strings(
                json, "mismatches", row.readiness().map(Readiness::texts).orElse(List.of()));
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeArrayFieldStart("cells");
          for (CellStatuses.Row row : cells) {
            writeCell(json, row);
          }
          json.writeEndArray();
          DataJobReport.json(json, data.map(StatusReport::dataLine));
          json.writeEndObject();
        });
  }

  private static DataJobReport.Line dataLine(DataJobStatus status) {
    return new DataJobReport.Line(
        status.job(),
        status.jobId(),
        Optional.of(status.state().name()),
        List.of(),
        Optional.empty());
  }

  private static void writeCell(com.fasterxml.jackson.core.JsonGenerator json, CellStatuses.Row row)
      throws java.io.IOException {
    CellStatus status = row.status();
    json.writeStartObject();
    ReportJson.cellFields(json, status.cell());
    JsonDocument.writeOptional(json, "job_id", row.jobId());
    json.writeStringField("state", status.state());
    JsonDocument.writeOptional(json, "slurm_state", status.slurmState());
    if (status.log().isPresent()) {
      EvalLogSummary log = status.log().get();
      json.writeObjectFieldStart("log");
      json.writeStringField("file", log.file().toString());
      json.writeStringField("status", log.status());
      JsonDocument.writeOptional(json, "error", log.error());
      json.writeArrayFieldStart("scores");
      for (EvalLogSummary.Score score : log.scores()) {
        json.writeStartObject();
        json.writeStringField("scorer", score.scorer());
        json.writeStringField("metric", score.metric());
        json.writeNumberField("value", score.value());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    } else {
      json.writeNullField("log");
    }
    json.writeEndObject();
  }

  /** Of the runs not submitted: how many are ready to submit, and which are not (and why). */
  private static void readiness(List<RunStatus> rows, StringBuilder out, Path experiment) {
    List<RunStatus> checked = rows.stream().filter(row -> row.readiness().isPresent()).toList();
    if (checked.isEmpty()) {
      return;
    }
    List<RunStatus> notReady =
        checked.stream().filter(row -> !row.readiness().get().ready()).toList();
    out.append("Not submitted: ")
        .append(checked.size() - notReady.size())
        .append(" ready to submit, ")
        .append(notReady.size())
        .append(" not ready")
        .append(notReady.isEmpty() ? "" : " (" + Hint.of("verify", experiment) + " says why)")
        .append('\n');
    notReady.stream()
        .limit(NOT_READY_SHOWN)
        .forEach(
            row -> {
              Readiness readiness = row.readiness().get();
              out.append("- ")
                  .append(row.run())
                  .append(": not ready (")
                  .append(readiness.status().label())
                  .append("): ")
                  .append(readiness.mismatches().get(0).text())
                  .append(
                      readiness.mismatches().size() > 1
                          ? "; " + (readiness.mismatches().size() - 1) + " more"
                          : "")
                  .append('\n');
            });
    if (notReady.size() > NOT_READY_SHOWN) {
      out.append("- and ").append(notReady.size() - NOT_READY_SHOWN).append(" more not ready\n");
    }
  }

  /** How many runs are in each state, in the states' order. */
  private static Map<RunState, Long> counts(List<RunStatus> rows) {
    Map<RunState, Long> counts = new EnumMap<>(RunState.class);
    rows.forEach(row -> counts.merge(row.state(), 1L, Long::sum));
    return counts;
  }
}
