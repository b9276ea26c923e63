package tunesmith.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tunesmith.adjust.Adjustment;
import tunesmith.retry.Retrier;
import tunesmith.retry.RetryDecision;
import tunesmith.slurm.CellSubmitter;

/**
 * What `tunesmith retry` prints: per run what was (or would be) done and why, or one JSON object.
 */
public final class RetryReport {
  private RetryReport() {}

  /**
   * @param outcomes what happened to each retry (empty for a dry run)
   */
  public record Input(
      Path experiment,
      boolean dryRun,
      List<RetryDecision.Retry> retries,
      List<RetryDecision.Skip> skipped,
      List<Retrier.Outcome> outcomes,
      List<CellSubmitter.Outcome> cells) {
    public Input {
      cells = List.copyOf(cells);
    }

    /** Without evaluation cells. */
    public Input(
        Path experiment,
        boolean dryRun,
        List<RetryDecision.Retry> retries,
        List<RetryDecision.Skip> skipped,
        List<Retrier.Outcome> outcomes) {
      this(experiment, dryRun, retries, skipped, outcomes, List.of());
    }
  }

  public static String text(Input input) {
    StringBuilder out = new StringBuilder();
    if (input.dryRun()) {
      for (RetryDecision.Retry retry : input.retries()) {
        out.append("would retry ")
            .append(retry.run())
            .append(" as attempt ")
            .append(retry.attempt())
            .append(" (")
            .append(retry.failure().describe())
            .append("): ")
            .append(changes(retry.changes()))
            .append(retry.note().map(note -> "; " + note).orElse(""))
            .append('\n');
      }
    }
    for (Retrier.Outcome outcome : input.outcomes()) {
      RetryDecision.Retry retry = outcome.decision();
      out.append(outcome.jobId().isPresent() ? "✓ " : "✗ ")
          .append(retry.run())
          .append(": ")
          .append(retry.failure().describe())
          .append("; ")
          .append(retry.describeChanges(outcome.adjustment()))
          .append(retry.note().map(note -> "; " + note).orElse(""))
          .append(
              outcome
                  .jobId()
                  .map(job -> " -> attempt " + retry.attempt() + " as job " + job)
                  .orElse(" -> not submitted: " + outcome.problem().orElse("")))
          .append('\n');
    }
    for (RetryDecision.Skip skip : input.skipped()) {
      out.append(skip.leftFailed() ? "✗ " : "– ")
          .append(skip.run())
          .append(": ")
          .append(skip.reason())
          .append('\n');
    }
    // A failed cell is submitted again as it is.
    for (CellSubmitter.Outcome cell : input.cells()) {
      if (cell.refusal().isPresent()) {
        out.append("not retried cell ")
            .append(cell.name())
            .append(": ")
            .append(cell.refusal().get());
      } else if (input.dryRun()) {
        out.append("would retry cell ").append(cell.name()).append(" as it is");
      } else {
        out.append("retried cell ")
            .append(cell.name())
            .append(": job ")
            .append(cell.jobId().orElseThrow());
      }
      out.append('\n');
    }
    if (input.retries().isEmpty() && input.skipped().isEmpty() && input.cells().isEmpty()) {
      out.append("no failed run to retry\n");
    }
    return out.toString();
  }

  /** The report of retry (docs/JSON.md). */
  public static String json(ReportJson.Header header, Input input) {
    return JsonDocument.write(
        json -> {
          ReportJson.begin(json, header);
          json.writeBooleanField("dry_run", input.dryRun());
          json.writeArrayFieldStart("retried");
          for (RetryDecision.Retry retry : input.retries()) {
            Retrier.Outcome outcome =
                input.outcomes().stream()
                    .filter(one -> one.decision().run().equals(retry.run()))
                    .findFirst()
                    .orElse(null);
            json.writeStartObject();
            json.writeStringField("run", retry.run());
            json.writeNumberField("attempt", retry.attempt());
            json.writeStringField("cause", retry.failure().cause().name());
            JsonDocument.writeOptional(json, "error_line", retry.failure().line());
            json.writeObjectFieldStart("changes");
            for (Map.Entry<String, Adjustment.Change> change : retry.changes().entrySet()) {
              json.writeObjectFieldStart(change.getKey());
              json.writeStringField("from", change.getValue().from());
              json.writeStringField("to", change.getValue().to());
              json.writeEndObject();
            }
            json.writeEndObject();
            JsonDocument.writeOptional(json, "note", retry.note());
            // A dry run sends nothing: no job, no problem.
            JsonDocument.writeOptional(
                json, "job_id", outcome == null ? Optional.empty() : outcome.jobId());
            JsonDocument.writeOptional(
                json, "problem", outcome == null ? Optional.empty() : outcome.problem());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeArrayFieldStart("not_retried");
          for (RetryDecision.Skip skip : input.skipped()) {
            json.writeStartObject();
            json.writeStringField("run", skip.run());
            json.writeStringField("reason", skip.reason());
            json.writeStringField("kind", skip.kind().name());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeArrayFieldStart("cells");
          for (CellSubmitter.Outcome cell : input.cells()) {
            json.writeStartObject();
            ReportJson.cellFields(json, cell.cell());
            JsonDocument.writeOptional(json, "job_id", cell.jobId());
            JsonDocument.writeOptional(json, "reason", cell.refusal());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        });
  }

  private static String changes(Map<String, Adjustment.Change> changes) {
    if (changes.isEmpty()) {
      return "the same job again";
    }
    StringBuilder text = new StringBuilder();
    changes.forEach(
        (key, change) ->
            text.append(text.length() == 0 ? "" : "; ")
                .append(key)
                .append(' ')
                .append(change.from())
                .append(" -> ")
                .append(change.to()));
    return text.toString();
  }
}
