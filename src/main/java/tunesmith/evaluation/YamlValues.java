package tunesmith.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;
import tunesmith.render.ConfigNode;
import tunesmith.yaml.ScalarText;
import tunesmith.yaml.YamlMapping;
import tunesmith.yaml.YamlNode;
import tunesmith.yaml.YamlScalar;
import tunesmith.yaml.YamlSequence;

/**
 * Copies a user's YAML value (scorer params) into the tree of a generated file with the types
 * PyYAML gives it: plain scalars become null, booleans or numbers where YAML 1.1 would read them
 * so; quoted scalars stay text.
 */
final class YamlValues {
  private YamlValues() {}

  static ConfigNode copy(YamlNode node) {
    if (node instanceof YamlMapping mapping) {
      Map<String, ConfigNode> entries = new LinkedHashMap<>();
      mapping.entries().forEach(entry -> entries.put(entry.key(), copy(entry.value())));
      return new ConfigNode.Section(entries);
    }
    if (node instanceof YamlSequence sequence) {
      return new ConfigNode.Sequence(sequence.items().stream().map(YamlValues::copy).toList());
    }
    YamlScalar scalar = (YamlScalar) node;
    if (!scalar.plain()) {
      return new ConfigNode.PlainText(scalar.text());
    }
    if (scalar.isNull()) {
      return new ConfigNode.Null();
    }
    String text = scalar.text();
    if (text.matches("[-+]?\\d+")) {
      return ScalarText.integer(text)
          .<ConfigNode>map(ConfigNode.Integer::new)
          .orElse(new ConfigNode.PlainText(text));
    }
    if (text.matches("[-+]?(\\d+\\.\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
      return new ConfigNode.Decimal(ScalarText.number(text).orElseThrow());
    }
    return switch (text) {
      case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON" ->
          new ConfigNode.Bool(true);
      case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF" ->
          new ConfigNode.Bool(false);
      default -> new ConfigNode.PlainText(text);
    };
  }
}
