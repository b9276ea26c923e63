package tunesmith.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        out.append(
            "  (files edited by hand, or written from other inputs: tunesmith scaffold rewrites"
                + " them)\n");
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

  public static String json(Path experimentDirectory, Map<String, Readiness> results) {
    return json(experimentDirectory, results, List.of());
  }

  /**
   * As {@link #json(Path, Map)}, with {@code stale_runs}: names of run directories no longer in the
   * experiment.
   */
  public static String json(
      Path experimentDirectory, Map<String, Readiness> results, List<String> staleRuns) {
    return JsonDocument.write(
        json -> {
          json.useDefaultPrettyPrinter();
          json.writeStartObject();
          json.writeStringField("experiment", experimentDirectory.toString());
          json.writeArrayFieldStart("runs");
          for (Map.Entry<String, Readiness> run : results.entrySet()) {
            json.writeStartObject();
            json.writeStringField("name", run.getKey());
            json.writeStringField("status", run.getValue().status().label());
            json.writeArrayFieldStart("mismatches");
            for (Mismatch mismatch : run.getValue().mismatches()) {
              json.writeString(mismatch.text());
            }
            json.writeEndArray();
            // The same, typed: what kind of difference each one is.
            json.writeArrayFieldStart("mismatch_kinds");
            for (Mismatch mismatch : run.getValue().mismatches()) {
              json.writeString(mismatch.kind().name());
            }
            json.writeEndArray();
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeArrayFieldStart("stale_runs");
          for (String name : staleRuns) {
            json.writeString(name);
          }
          json.writeEndArray();
          json.writeEndObject();
        });
  }
}
