package tunesmith.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What `tunesmith verify` prints: a line per run and its mismatches, as Markdown or one JSON
 * object.
 */
public final class VerifyReport {
  private VerifyReport() {}

  /** ok, incomplete (files missing, e.g. after an interrupted scaffold) or mismatch. */
  public static String status(List<String> mismatches) {
    if (mismatches.isEmpty()) {
      return "ok";
    }
    return mismatches.stream().allMatch(text -> text.startsWith("incomplete"))
        ? "incomplete"
        : "mismatch";
  }

  /**
   * @param results mismatches by run name, in plan order
   */
  public static String text(Map<String, List<String>> results) {
    return text(results, List.of());
  }

  /**
   * @param staleRuns run directories whose run is no longer in the experiment (not checked, not an
   *     error)
   */
  public static String text(Map<String, List<String>> results, List<String> staleRuns) {
    StringBuilder out = new StringBuilder("## Verify\n\n");
    long matching = 0;
    for (Map.Entry<String, List<String>> run : results.entrySet()) {
      String status = status(run.getValue());
      if (status.equals("ok")) {
        matching++;
        out.append("✓ ").append(run.getKey()).append("/\n");
        continue;
      }
      out.append("✗ ")
          .append(run.getKey())
          .append("/ ")
          .append(status.equals("incomplete") ? "(incomplete)" : "(differs from the plan)")
          .append('\n');
      run.getValue().forEach(mismatch -> out.append("  - ").append(mismatch).append('\n'));
    }
    out.append('\n')
        .append(matching)
        .append(" of ")
        .append(results.size())
        .append(" runs match the plan.\n");
    if (!staleRuns.isEmpty()) {
      out.append("\nNot runs of the experiment any more (stale, left as they are): ")
          .append(String.join(", ", staleRuns))
          .append('\n');
    }
    return out.toString();
  }

  public static String json(Path experimentDirectory, Map<String, List<String>> results) {
    return json(experimentDirectory, results, List.of());
  }

  /**
   * As {@link #json(Path, Map)}, with {@code stale_runs}: names of run directories no longer in the
   * experiment.
   */
  public static String json(
      Path experimentDirectory, Map<String, List<String>> results, List<String> staleRuns) {
    return JsonDocument.write(
        json -> {
          json.useDefaultPrettyPrinter();
          json.writeStartObject();
          json.writeStringField("experiment", experimentDirectory.toString());
          json.writeArrayFieldStart("runs");
          for (Map.Entry<String, List<String>> run : results.entrySet()) {
            json.writeStartObject();
            json.writeStringField("name", run.getKey());
            json.writeStringField("status", status(run.getValue()));
            json.writeArrayFieldStart("mismatches");
            for (String mismatch : run.getValue()) {
              json.writeString(mismatch);
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
