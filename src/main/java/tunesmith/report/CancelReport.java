package tunesmith.report;

import java.nio.file.Path;
import java.util.List;
import tunesmith.slurm.JobCanceller;

/** What `tunesmith cancel` prints: one line per run, or one JSON object. */
public final class CancelReport {
  private CancelReport() {}

  public static String text(List<JobCanceller.Outcome> outcomes) {
    StringBuilder out = new StringBuilder();
    long cancelled = outcomes.stream().filter(JobCanceller.Outcome::cancelled).count();
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

  public static String json(Path experiment, List<JobCanceller.Outcome> outcomes) {
    return JsonDocument.write(
        json -> {
          json.useDefaultPrettyPrinter();
          json.writeStartObject();
          json.writeStringField("experiment", experiment.toString());
          json.writeArrayFieldStart("runs");
          for (JobCanceller.Outcome outcome : outcomes) {
            json.writeStartObject();
            json.writeStringField("run", outcome.run());
            JsonDocument.writeOptional(json, "job_id", outcome.jobId());
            json.writeBooleanField("cancelled", outcome.cancelled());
            json.writeStringField("message", outcome.words());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        });
  }
}
