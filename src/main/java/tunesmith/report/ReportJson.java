package tunesmith.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import tunesmith.evaluation.EvalCell;
import tunesmith.keys.SetupKeys;
import tunesmith.keys.ValueRule;
import tunesmith.setup.SlurmResources;
import tunesmith.yaml.ScalarText;

/**
 * The vocabulary every command's {@code --json} report shares (docs/JSON.md): each opens with
 * {@code command}, {@code experiment} (its name), {@code directory} and {@code local_md}; a run is
 * named by {@code run}, a cell by {@code run} and {@code cell}; unset is null; a setting that is a
 * number or a boolean is one; resources are one shape.
 */
public final class ReportJson {
  /**
   * What opens every report.
   *
   * @param localMd the claude.local.md the command read, if any
   */
  public record Header(String command, String experiment, Path directory, Optional<Path> localMd) {}

  private static final Pattern JSON_NUMBER =
      Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][-+]?\\d+)?");

  private ReportJson() {}

  /** Starts the document with the header's fields; the caller ends it. */
  static void begin(JsonGenerator json, Header header) throws IOException {
    json.useDefaultPrettyPrinter();
    json.writeStartObject();
    json.writeStringField("command", header.command());
    json.writeStringField("experiment", header.experiment());
    json.writeStringField("directory", header.directory().toString());
    JsonDocument.writeOptional(json, "local_md", header.localMd().map(Path::toString));
  }

  /** A cell's name fields: {@code run}, {@code cell}, {@code dir}. */
  static void cellFields(JsonGenerator json, EvalCell cell) throws IOException {
    json.writeStringField("run", cell.run().name());
    json.writeStringField("cell", cell.name());
    json.writeStringField("dir", cell.directory().toString());
  }

  /** A job's SLURM resources, the same fields wherever they appear. */
  static void resources(JsonGenerator json, SlurmResources resources) throws IOException {
    json.writeObjectFieldStart("resources");
    json.writeStringField("mem", resources.mem());
    json.writeStringField("time", resources.time());
    json.writeNumberField("gpus", resources.gpus());
    json.writeNumberField("cpus_per_task", resources.cpusPerTask());
    JsonDocument.writeOptional(json, "partition", resources.partition());
    JsonDocument.writeOptional(json, "constraint", resources.constraint());
    JsonDocument.writeOptional(json, "account", resources.account());
    json.writeEndObject();
  }

  /** An array of strings. */
  static void strings(JsonGenerator json, String field, List<String> values) throws IOException {
    json.writeArrayFieldStart(field);
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }

  /**
   * A setup key's value: a number as a JSON number (in the user's notation where JSON allows it), a
   * boolean as a boolean, anything else as text.
   */
  static void setting(JsonGenerator json, String key, String text) throws IOException {
    ValueRule.Style style =
        SetupKeys.find(key).map(setupKey -> setupKey.rule().style()).orElse(ValueRule.Style.STRING);
    if (style == ValueRule.Style.NUMBER && ScalarText.number(text).isPresent()) {
      String trimmed = text.trim();
      if (JSON_NUMBER.matcher(trimmed).matches()) {
        json.writeNumber(trimmed);
      } else {
        json.writeNumber(ScalarText.number(text).get());
      }
    } else if (style == ValueRule.Style.BOOLEAN && ScalarText.bool(text).isPresent()) {
      json.writeBoolean(ScalarText.bool(text).get());
    } else {
      json.writeString(text);
    }
  }
}
