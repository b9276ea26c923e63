package tunesmith.keys;

import java.util.Optional;
import tunesmith.yaml.FieldReader;
import tunesmith.yaml.YamlNode;
import tunesmith.yaml.YamlScalar;
import tunesmith.yaml.YamlSequence;

/**
 * Reads one setup value from a YAML node, wherever it stands (controls, run parameters,
 * setup_finetune.yaml).
 */
public final class SetupValueReader {
  private SetupValueReader() {}

  /**
   * A scalar as its text (a YAML null as an explicit null); a list of scalars as the comma list it
   * stands for ({@code epochs_to_save: [0, 2]}, {@code modules: [a, b]}). Anything else is a
   * problem.
   */
  public static Optional<SetupValue> read(YamlNode node, String field, FieldReader fields) {
    SetupValue.Origin origin =
        new SetupValue.Origin(fields.file(), field, node.line(), node.column());
    if (node instanceof YamlScalar scalar) {
      return Optional.of(new SetupValue(scalar.isNull() ? null : scalar.text(), origin));
    }
    if (node instanceof YamlSequence sequence
        && sequence.items().stream().allMatch(YamlScalar.class::isInstance)) {
      return Optional.of(
          new SetupValue(String.join(",", fields.textItems(sequence, field)), origin));
    }
    fields.problem(field, node, FieldReader.describe(node), "a single value");
    return Optional.empty();
  }
}
