package tunesmith.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tunesmith.evaluation.EvalCell;
import tunesmith.plan.DataJob;
import tunesmith.slurm.JobCanceller;

/** What `tunesmith cancel` prints: one line per run, or one JSON object. */
public final class CancelReport {
  private CancelReport() {}

  public static String text(List<JobCanceller.Outcome> outcomes) {
    StringBuilder out = new StringBuilder();
    long cancelled = outcomes.stream().filter(o -> o.cancelled() && o.jobId().isPresent()).count();
    for (JobCanceller.Outcome outcome : outcomes) {
      out.append(outcome.cancelled() ? "✓ " : "– ")
          .append(outcome.run())
          .append(": ")
          .append(outcome.words())
          .append('\n');
    }
    out.append(cancelled).append(cancelled == 1 ? " job cancelled\n" : " jobs cancelled\n");
    return out.toString();
  }

  /**
   * The report of cancel (docs/JSON.md): each run's outcome, then each cell's.
   *
   * @param cells each cell with its outcome, in the order they were cancelled
   */
  public static String json(
      ReportJson.Header header,
      List<JobCanceller.Outcome> runs,
      List<Map.Entry<EvalCell, JobCanceller.Outcome>> cells) {
    return json(header, runs, cells, Optional.empty(), Optional.empty());
  }

  /** As above, with the data job's outcome when it was among what was cancelled. */
  public static String json(
      ReportJson.Header header,
      List<JobCanceller.Outcome> runs,
      List<Map.Entry<EvalCell, JobCanceller.Outcome>> cells,
      Optional<DataJob> dataJob,
      Optional<JobCanceller.Outcome> data) {
    return JsonDocument.write(
        json -> {
          ReportJson.begin(json, header);
          json.writeArrayFieldStart("runs");
          for (JobCanceller.Outcome outcome : runs) {
            json.writeStartObject();
            json.writeStringField("run", outcome.run());
            outcome(json, outcome);
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeArrayFieldStart("cells");
          for (Map.Entry<EvalCell, JobCanceller.Outcome> cell : cells) {
            json.writeStartObject();
            ReportJson.cellFields(json, cell.getKey());
            outcome(json, cell.getValue());
            json.writeEndObject();
          }
          json.writeEndArray();
          DataJobReport.json(
              json,
              dataJob.flatMap(
                  job ->
                      data.map(
                          outcome ->
                              new DataJobReport.Line(
                                  job,
                                  outcome.jobId(),
                                  outcome.cancelled() ? Optional.of("CANCELLED") : Optional.empty(),
                                  List.of(),
                                  outcome.cancelled()
                                      ? Optional.empty()
                                      : Optional.of(outcome.words())))));
          json.writeEndObject();
        });
  }

  private static void outcome(JsonGenerator json, JobCanceller.Outcome outcome) throws IOException {
    JsonDocument.writeOptional(json, "job_id", outcome.jobId());
    json.writeBooleanField("cancelled", outcome.cancelled());
    json.writeStringField("message", outcome.words());
  }
}
