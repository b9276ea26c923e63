package tunesmith.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tunesmith.adjust.Adjustment;

/**
 * What `tunesmith setup` prints: the files it wrote in the run directory, as a line or one JSON
 * object.
 */
public final class SetupReport {
  /** One file setup renders, and whether its bytes changed (false: left as it was). */
  public record WrittenFile(String name, boolean changed) {}

  /**
   * @param runName the run's name (setup_finetune.yaml's {@code my_wandb_run_name})
   * @param runDirectory where the files are
   * @param files the files rendered, in the order written
   * @param warnings what the user should know, one line each
   * @param recorded the overrides recorded in the run's .tunesmith/adjustments.json (a run of a
   *     scaffolded experiment), by key
   */
  public record Input(
      String runName,
      Path runDirectory,
      List<WrittenFile> files,
      List<String> warnings,
      Map<String, Adjustment.Change> recorded) {
    public Input {
      files = List.copyOf(files);
      warnings = List.copyOf(warnings);
      recorded = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(recorded));
    }
  }

  private SetupReport() {}

  /** The line for the files written; the warnings are printed apart, on stderr. */
  public static String text(Input input) {
    StringBuilder out =
        new StringBuilder("✓ ")
            .append(input.runName())
            .append(": wrote ")
            .append(names(input.files().stream().map(WrittenFile::name).toList()))
            .append(" in ")
            .append(input.runDirectory())
            .append('\n');
    if (!input.recorded().isEmpty()) {
      out.append("  recorded in .tunesmith/adjustments.json: ")
          .append(new Adjustment(1, Adjustment.SETUP, "", input.recorded()).describe())
          .append(" (verify and submit accept it; scaffold keeps it)\n");
    }
    return out.toString();
  }

  /** "a and b", "a, b and c". */
  private static String names(List<String> names) {
    return names.size() < 2
        ? String.join("", names)
        : String.join(", ", names.subList(0, names.size() - 1))
            + " and "
            + names.get(names.size() - 1);
  }

  /**
   * The report of setup (docs/JSON.md). It works in one run directory and reads no claude.local.md:
   * no experiment, and local_md is null.
   */
  public static String json(Input input) {
    return JsonDocument.write(
        json -> {
          json.useDefaultPrettyPrinter();
          json.writeStartObject();
          json.writeStringField("command", "setup");
          json.writeNullField("local_md");
          json.writeStringField("run", input.runName());
          json.writeStringField("dir", input.runDirectory().toString());
          json.writeArrayFieldStart("files");
          for (WrittenFile file : input.files()) {
            json.writeStartObject();
            json.writeStringField("file", file.name());
            json.writeStringField("path", input.runDirectory().resolve(file.name()).toString());
            json.writeBooleanField("changed", file.changed());
            json.writeEndObject();
          }
          json.writeEndArray();
          ReportJson.strings(json, "warnings", input.warnings());
          json.writeObjectFieldStart("recorded");
          for (Map.Entry<String, Adjustment.Change> change : input.recorded().entrySet()) {
            json.writeObjectFieldStart(change.getKey());
            json.writeStringField("from", change.getValue().from());
            json.writeStringField("to", change.getValue().to());
            json.writeEndObject();
          }
          json.writeEndObject();
          json.writeEndObject();
        });
  }
}
