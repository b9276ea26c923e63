package tunesmith.setup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tunesmith.keys.SetupKey;
import tunesmith.keys.SetupKeys;
import tunesmith.keys.SetupValue;
import tunesmith.keys.SetupValueReader;
import tunesmith.problem.InputProblems;
import tunesmith.problem.NearestName;
import tunesmith.problem.Warning;
import tunesmith.yaml.FieldReader;
import tunesmith.yaml.ScalarText;
import tunesmith.yaml.YamlFileReader;
import tunesmith.yaml.YamlMapping;
import tunesmith.yaml.YamlNode;
import tunesmith.yaml.YamlScalar;
import tunesmith.yaml.YamlText;

/** setup_finetune.yaml: written by scaffold, read by setup. */
public final class SetupFile {
  public static final String FILE_NAME = "setup_finetune.yaml";
  private static final String HEADER =
      "# Run settings for torchtune. `tunesmith setup` in this directory renders finetune.yaml and finetune.slurm from them.\n";

  /** The values read, and the unknown keys found (as warnings). */
  public record Contents(Map<String, SetupValue> values, List<Warning> warnings) {}

  private SetupFile() {}

  /** The file's text: known keys in table order, each value spelt as its rule says. */
  public static String write(Map<String, SetupValue> values) {
    StringBuilder out = new StringBuilder(HEADER);
    // The table's order by walking the table: no sort per run.
    int known = 0;
    for (SetupKey key : SetupKeys.all()) {
      SetupValue value = values.get(key.name());
      if (value == null) {
        continue;
      }
      known++;
      if (!value.isNull()) {
        out.append(key.name()).append(": ").append(spell(key, value.text())).append('\n');
      }
    }
    if (known < values.size()) {
      values.keySet().forEach(SetupKeys::get); // names the key that is not in the table
    }
    return out.toString();
  }

  private static String spell(SetupKey key, String text) {
    return switch (key.rule().style()) {
      case NUMBER -> text.trim();
      case BOOLEAN -> "'" + ScalarText.bool(text).orElseThrow() + "'";
      case STRING -> YamlText.string(text);
    };
  }

  public static Optional<Contents> read(Path file, InputProblems problems) {
    return YamlFileReader.read(file, problems).flatMap(root -> read(file, root, problems));
  }

  private static Optional<Contents> read(Path file, YamlNode root, InputProblems problems) {
    FieldReader fields = new FieldReader(file, problems);
    if (root instanceof YamlScalar scalar && scalar.isNull()) {
      return Optional.of(new Contents(Map.of(), List.of()));
    }
    Optional<YamlMapping> mapping = fields.asMapping(root, "");
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Map<String, SetupValue> values = new LinkedHashMap<>();
    List<Warning> warnings = new ArrayList<>();
    for (YamlMapping.Entry entry : mapping.get().entries()) {
      if (SetupKeys.find(entry.key()).isEmpty()) {
        warnings.add(
            Warning.global(
                file.getFileName()
                    + ":"
                    + entry.keyLine()
                    + ": unknown key '"
                    + entry.key()
                    + "' is ignored"
                    + NearestName.hint(entry.key(), SetupKeys.names())));
        continue;
      }
      SetupValueReader.read(entry.value(), entry.key(), fields)
          .ifPresent(value -> values.put(entry.key(), value));
    }
    return Optional.of(new Contents(values, warnings));
  }
}
