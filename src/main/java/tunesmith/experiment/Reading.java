package tunesmith.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tunesmith.catalog.ModelCatalog;
import tunesmith.keys.SetupKey;
import tunesmith.keys.SetupKeys;
import tunesmith.keys.SetupValue;
import tunesmith.keys.SetupValueReader;
import tunesmith.keys.ValueRule;
import tunesmith.problem.NearestName;
import tunesmith.problem.Placeholder;
import tunesmith.problem.Warning;
import tunesmith.profile.Profile;
import tunesmith.profile.Profiles;
import tunesmith.sharing.SharedInstances;
import tunesmith.yaml.FieldReader;
import tunesmith.yaml.YamlMapping;
import tunesmith.yaml.YamlNode;
import tunesmith.yaml.YamlScalar;

/**
 * The state of one read of experiment_summary.yaml, shared by its section readers: the file's
 * fields (and so its problems), the warnings found so far, the format once chosen, and the checks
 * every section makes of its values.
 */
final class Reading {
  final Path directory;
  final FieldReader fields;
  final List<Warning> warnings = new ArrayList<>();
  // What runs hold alike (a model's name, a swept value, parameter names) is held once.
  final SharedInstances shared = new SharedInstances();

  /** The profiles the file may be in (its directory key chooses). */
  final List<Profile> profiles;

  Profile format = Profiles.fallback();
  ModelCatalog catalog;

  Reading(Path directory, FieldReader fields, List<Profile> profiles) {
    this.directory = directory;
    this.fields = fields;
    this.profiles = profiles;
  }

  /**
   * A key the format does not know is a warning naming the nearest known key; a key it knows but
   * does not read is a warning saying so. Neither passes silently.
   */
  void unknownKeys(
      YamlMapping mapping, String section, Set<String> known, Map<String, String> ignored) {
    for (YamlMapping.Entry entry : mapping.entries()) {
      if (known.contains(entry.key())) {
        continue;
      }
      String field = section.isEmpty() ? entry.key() : section + "." + entry.key();
      String why = ignored.get(entry.key());
      warnings.add(
          Warning.global(
              field
                  + " (line "
                  + entry.keyLine()
                  + ") "
                  + (why != null
                      ? why + "; it is not used"
                      : "is not a key tunesmith knows and is not used"
                          + NearestName.hint(entry.key(), known))));
    }
  }

  /**
   * A mapping's keys checked against what the chosen format knows and ignores in {@code section};
   * warnings name it {@code field}.
   */
  void formatKeys(YamlMapping mapping, String field, String section) {
    unknownKeys(mapping, field, format.knownKeys(section), format.ignoredKeys(section));
  }

  Optional<SetupValue> value(YamlMapping parent, String key, String parentPath, boolean required) {
    Optional<YamlNode> node = parent.get(key);
    if (node.isEmpty()) {
      if (required) {
        fields.text(parent, key, parentPath, true);
      }
      return Optional.empty();
    }
    return SetupValueReader.read(node.get(), FieldReader.path(parentPath, key), fields)
        .filter(
            value -> {
              if (value.isNull() && required) {
                fields.problem(FieldReader.path(parentPath, key), node.get(), "null", "a value");
                return false;
              }
              if (!value.isNull()) {
                // Reported here, and the value kept so that nothing else fails for want of it.
                placeholder(value, FieldReader.path(parentPath, key), node.get());
              }
              return !value.isNull();
            });
  }

  /**
   * A template's placeholder left in a value (names, paths, the wandb project) is an input error.
   */
  private void placeholder(SetupValue value, String field, YamlNode node) {
    Optional<String> placeholder = Placeholder.in(value.text());
    placeholder.ifPresent(
        found ->
            fields.problem(field, node, "'" + value.text() + "'", Placeholder.expected(found)));
  }

  /**
   * A setup value, checked against its key's rule here so that a bad value is reported together
   * with every other problem of the file (the resolver's identical report is merged).
   */
  Optional<SetupValue> settingValue(YamlNode node, String field, Optional<SetupKey> key) {
    Optional<SetupValue> value = SetupValueReader.read(node, field, fields);
    if (value.isPresent() && !value.get().isNull() && key.isPresent()) {
      key.get()
          .rule()
          .check(value.get().text())
          .ifPresent(
              expected ->
                  fields
                      .problems()
                      .add(
                          fields.file(),
                          field,
                          node.line(),
                          node.column(),
                          "'" + value.get().text() + "'",
                          expected));
    }
    return value;
  }

  /**
   * A parameter name must mean a setup key: a dropped sweep variable is the worst failure there is.
   */
  Optional<SetupKey> parameterKey(String name, String field, YamlMapping.Entry entry) {
    Optional<SetupKey> key = SetupKeys.forParameter(name);
    if (key.isEmpty()) {
      fields.problem(
          field,
          entryNode(entry),
          "parameter '"
              + name
              + "', which no setup key stands for"
              + NearestName.hint(name, SetupKeys.names()),
          "a setup_finetune.yaml key such as lora_rank, learning_rate (lr), batch_size or epochs");
    }
    return key;
  }

  /**
   * Jobs run in another directory on another machine: only an absolute path means the same there.
   */
  SetupValue absolutePath(SetupValue value) {
    if (value != null && !value.text().startsWith("/")) {
      problem(
          value,
          "a relative path '" + value.text() + "'",
          "an absolute path (jobs run in another directory)");
    }
    return value;
  }

  SetupValue checkedPath(SetupValue value) {
    if (value == null) {
      return null;
    }
    if (Placeholder.in(value.text()).isPresent()) {
      return value; // reported where it was read (value)
    }
    ValueRule.PATH
        .check(value.text())
        .ifPresent(expected -> problem(value, "'" + value.text() + "'", expected));
    return value;
  }

  /** A problem at the place a value was read from. */
  void problem(SetupValue value, String found, String expected) {
    fields
        .problems()
        .add(
            value.origin().file(),
            value.origin().field(),
            value.origin().line(),
            value.origin().column(),
            found,
            expected);
  }

  /** The key of an entry, as a node to report a problem at. */
  static YamlNode entryNode(YamlMapping.Entry entry) {
    return new YamlScalar(entry.key(), true, entry.keyLine(), entry.keyColumn());
  }
}
