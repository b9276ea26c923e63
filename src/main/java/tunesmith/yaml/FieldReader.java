package tunesmith.yaml;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tunesmith.problem.InputProblems;

/**
 * Typed access to the fields of one YAML file. A field of the wrong kind is recorded as a problem
 * (file, field path, line:column, found, expected) and reads as empty, so reading goes on and every
 * problem of the file is reported together.
 */
public final class FieldReader {
  private final Path file;
  private final InputProblems problems;

  public FieldReader(Path file, InputProblems problems) {
    this.file = file;
    this.problems = problems;
  }

  public Path file() {
    return file;
  }

  public InputProblems problems() {
    return problems;
  }

  public void problem(String field, YamlNode at, String found, String expected) {
    problems.add(
        file, field, at == null ? 0 : at.line(), at == null ? 0 : at.column(), found, expected);
  }

  public static String path(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  /** The node as a mapping; a problem if it is something else. */
  public Optional<YamlMapping> asMapping(YamlNode node, String field) {
    if (node instanceof YamlMapping mapping) {
      return Optional.of(mapping);
    }
    problem(field, node, describe(node), "a mapping (key: value lines)");
    return Optional.empty();
  }

  /** A required or optional child mapping. */
  public Optional<YamlMapping> mapping(
      YamlMapping parent, String key, String parentPath, boolean required) {
    return child(parent, key, parentPath, required, "a mapping")
        .flatMap(
            node -> {
              if (node instanceof YamlScalar scalar && scalar.isNull() && !required) {
                return Optional.empty();
              }
              return asMapping(node, path(parentPath, key));
            });
  }

  public Optional<YamlSequence> sequence(
      YamlMapping parent, String key, String parentPath, boolean required) {
    return child(parent, key, parentPath, required, "a list")
        .flatMap(
            node -> {
              if (node instanceof YamlSequence sequence) {
                return Optional.of(sequence);
              }
              if (node instanceof YamlScalar scalar && scalar.isNull() && !required) {
                return Optional.empty();
              }
              problem(path(parentPath, key), node, describe(node), "a list");
              return Optional.empty();
            });
  }

  /** A non-empty text value (numbers and booleans are read as their text). */
  public Optional<String> text(
      YamlMapping parent, String key, String parentPath, boolean required) {
    return child(parent, key, parentPath, required, "a text value")
        .flatMap(node -> text(node, path(parentPath, key), required));
  }

  public Optional<String> text(YamlNode node, String field, boolean required) {
    if (node instanceof YamlScalar scalar && !scalar.isNull()) {
      return Optional.of(scalar.text());
    }
    if (node instanceof YamlScalar && !required) {
      return Optional.empty();
    }
    problem(field, node, describe(node), "a text value");
    return Optional.empty();
  }

  public Optional<Long> integer(
      YamlMapping parent, String key, String parentPath, boolean required, long min) {
    return child(parent, key, parentPath, required, "a whole number")
        .flatMap(
            node -> {
              String field = path(parentPath, key);
              if (node instanceof YamlScalar scalar && !scalar.isNull()) {
                Optional<Long> value = ScalarText.integer(scalar.text());
                if (value.isPresent() && value.get() >= min) {
                  return value;
                }
              } else if (node instanceof YamlScalar && !required) {
                return Optional.empty();
              }
              problem(field, node, describe(node), "a whole number of at least " + min);
              return Optional.empty();
            });
  }

  public Optional<BigDecimal> number(
      YamlMapping parent, String key, String parentPath, boolean required) {
    return child(parent, key, parentPath, required, "a number")
        .flatMap(
            node -> {
              if (node instanceof YamlScalar scalar && !scalar.isNull()) {
                Optional<BigDecimal> value = ScalarText.number(scalar.text());
                if (value.isPresent()) {
                  return value;
                }
              } else if (node instanceof YamlScalar && !required) {
                return Optional.empty();
              }
              problem(path(parentPath, key), node, describe(node), "a number");
              return Optional.empty();
            });
  }

  public Optional<Boolean> bool(YamlMapping parent, String key, String parentPath) {
    return child(parent, key, parentPath, false, "true or false")
        .flatMap(
            node -> {
              if (node instanceof YamlScalar scalar && !scalar.isNull()) {
                Optional<Boolean> value = ScalarText.bool(scalar.text());
                if (value.isPresent()) {
                  return value;
                }
              } else if (node instanceof YamlScalar) {
                return Optional.empty();
              }
              problem(path(parentPath, key), node, describe(node), "true or false");
              return Optional.empty();
            });
  }

  /** Text items of a list; each bad item is a problem. */
  public List<String> textItems(YamlSequence sequence, String field) {
    List<String> items = new ArrayList<>();
    for (int i = 0; i < sequence.items().size(); i++) {
      text(sequence.items().get(i), field + "[" + i + "]", true).ifPresent(items::add);
    }
    return items;
  }

  private Optional<YamlNode> child(
      YamlMapping parent, String key, String parentPath, boolean required, String expected) {
    Optional<YamlNode> node = parent.get(key);
    if (node.isEmpty() && required) {
      problems.add(
          file,
          path(parentPath, key),
          parent.line(),
          parent.column(),
          "no '" + key + "' key",
          expected + " under '" + (parentPath.isEmpty() ? "the top level" : parentPath) + "'");
    }
    return node;
  }

  public static String describe(YamlNode node) {
    return node == null ? "nothing" : node.describe();
  }
}
