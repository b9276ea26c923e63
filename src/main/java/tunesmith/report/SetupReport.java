package tunesmith.report;

import java.nio.file.Path;
import java.util.List;

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
   */
  public record Input(
      String runName, Path runDirectory, List<WrittenFile> files, List<String> warnings) {
    public Input {
      files = List.copyOf(files);
      warnings = List.copyOf(warnings);
    }
  }

  private SetupReport() {}

  /** The line for the files written; the warnings are printed apart, on stderr. */
  public static String text(Input input) {
    StringBuilder out =
        new StringBuilder("✓ ")
            .append(input.runName())
            .append(": wrote ")
            .append(String.join(" and ", input.files().stream().map(WrittenFile::name).toList()))
            .append(" in ")
            .append(input.runDirectory())
            .append('\n');
    return out.toString();
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
          json.writeEndObject();
        });
  }
}
