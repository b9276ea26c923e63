package tunesmith.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import tunesmith.evaluation.EvalCell;
import tunesmith.verify.Mismatch;
import tunesmith.verify.Readiness;

/**
 * What `tunesmith verify` prints: a line per run and its mismatches, as Markdown or one JSON
 * object.
 */
public final class VerifyReport {
  private VerifyReport() {}

  /**
   * @param results each run's readiness by run name, in plan order
   */
  public static String text(Map<String, Readiness> results) {
    return text(results, List.of());
  }

  /**
   * @param staleRuns run directories whose run is no longer in the experiment (not checked, not an
   *     error)
   */
  public static String text(Map<String, Readiness> results, List<String> staleRuns) {
    return text(results, staleRuns, results.size());
  }

  /**
   * @param runCount how many of {@code results}, the first ones, are runs; the rest are evaluation
   *     cells
   */
  public static String text(Map<String, Readiness> results, List<String> staleRuns, int runCount) {
    return text(results, staleRuns, runCount, "tunesmith scaffold rewrites them");
  }

  /**
   * @param rewriteHint what to do about files edited by hand or written from other inputs
   */
  public static String text(
      Map<String, Readiness> results, List<String> staleRuns, int runCount, String rewriteHint) {
    StringBuilder out = new StringBuilder("## Verify\n\n");
    long matching = 0;
    for (Map.Entry<String, Readiness> run : results.entrySet()) {
      Readiness.Status status = run.getValue().status();
      if (status == Readiness.Status.READY) {
        matching++;
        out.append("✓ ").append(run.getKey()).append("/\n");
        continue;
      }
      out.append("✗ ")
          .append(run.getKey())
          .append("/ ")
          .append(
              status == Readiness.Status.INCOMPLETE ? "(incomplete)" : "(differs from the plan)")
          .append('\n');
      run.getValue()
          .mismatches()
          .forEach(mismatch -> out.append("  - ").append(mismatch.text()).append('\n'));
      if (run.getValue().mismatches().stream()
          .anyMatch(mismatch -> mismatch.kind() == Mismatch.Kind.EDITED)) {
        out.append("  (files edited by hand, or written from other inputs: ")
            .append(rewriteHint)
            .append(")\n");
      }
    }
    int cellCount = results.size() - runCount;
    out.append('\n')
        .append(matching)
        .append(" of ")
        .append(results.size())
        .append(
            cellCount == 0
                ? " runs match the plan.\n"
                : " match the plan (" + runCount + " runs, " + cellCount + " evaluation cells).\n");
    if (!staleRuns.isEmpty()) {
      out.append("\nNot runs of the experiment any more (stale, left as they are): ")
          .append(String.join(", ", staleRuns))
          .append('\n');
    }
    return out.toString();
  }

  /**
   * The report of verify (docs/JSON.md): each run's and each cell's status and mismatches, and
   * stale_runs, names of run directories no longer in the experiment.
   *
   * @param runs each run's readiness by run name
   * @param cells each evaluation cell's readiness, in plan order
   */
  public static String json(
      ReportJson.Header header,
      Map<String, Readiness> runs,
      List<Map.Entry<EvalCell, Readiness>> cells,
      List<String> staleRuns) {
    return JsonDocument.write(
        json -> {
          ReportJson.begin(json, header);
          json.writeArrayFieldStart("runs");
          for (Map.Entry<String, Readiness> run : runs.entrySet()) {
            json.writeStartObject();
            json.writeStringField("run", run.getKey());
            readiness(json, run.getValue());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeArrayFieldStart("cells");
          for (Map.Entry<EvalCell, Readiness> cell : cells) {
            json.writeStartObject();
            ReportJson.cellFields(json, cell.getKey());
            readiness(json, cell.getValue());
            json.writeEndObject();
          }
          json.writeEndArray();
          ReportJson.strings(json, "stale_runs", staleRuns);
          json.writeEndObject();
        });
  }

  private static void readiness(JsonGenerator json, Readiness readiness) throws IOException {
    json.writeStringField("status", readiness.status().label());
    json.writeArrayFieldStart("mismatches");
    for (Mismatch mismatch : readiness.mismatches()) {
      json.writeString(mismatch.text());
    }
    json.writeEndArray();
    // The same, typed: what kind of difference each one is.
    json.writeArrayFieldStart("mismatch_kinds");
    for (Mismatch mismatch : readiness.mismatches()) {
      json.writeString(mismatch.kind().name());
    }
    json.writeEndArray();
  }
}
