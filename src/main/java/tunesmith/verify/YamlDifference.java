package tunesmith.verify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tunesmith.problem.InputProblems;
import tunesmith.yaml.YamlFileReader;
import tunesmith.yaml.YamlMapping;
import tunesmith.yaml.YamlNode;
import tunesmith.yaml.YamlScalar;
import tunesmith.yaml.YamlSequence;

/**
 * Explains how two YAML texts differ, key by key: which dotted keys are missing, extra, or hold
 * another value (found vs expected). Values are compared as written (a quoted 8 is not a plain 8),
 * so every edit that changes what a loader reads is named.
 */
final class YamlDifference {
  private YamlDifference() {}

  /**
   * One line per differing key, in the order of the expected file, then extra keys; empty when
   * every key holds the same text.
   */
  static List<String> explain(Path file, String found, String expected) {
    InputProblems problems = new InputProblems();
    Optional<YamlNode> foundTree = YamlFileReader.parse(file, found, problems);
    if (foundTree.isEmpty()) {
      return problems.list().stream().map(problem -> "does not load: " + problem.render()).toList();
    }
    Optional<YamlNode> expectedTree = YamlFileReader.parse(file, expected, new InputProblems());
    if (expectedTree.isEmpty()) {
      return List.of("the expected text does not load (a tunesmith bug)");
    }
    Map<String, String> have = flatten(foundTree.get());
    Map<String, String> want = flatten(expectedTree.get());
    List<String> lines = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>(want.keySet());
    keys.addAll(have.keySet());
    for (String key : keys) {
      String haveValue = have.get(key);
      String wantValue = want.get(key);
      if (haveValue == null) {
        lines.add(key + ": missing, expected " + wantValue);
      } else if (wantValue == null) {
        lines.add(key + ": " + haveValue + ", which tunesmith does not write");
      } else if (!haveValue.equals(wantValue)) {
        lines.add(key + ": found " + haveValue + ", expected " + wantValue);
      }
    }
    return lines;
  }

  /** Dotted key -> the value as written; sequences and empty mappings are one value each. */
  static Map<String, String> flatten(YamlNode root) {
    Map<String, String> out = new LinkedHashMap<>();
    flatten("", root, out);
    return out;
  }

  private static void flatten(String path, YamlNode node, Map<String, String> out) {
    if (node instanceof YamlMapping mapping && !mapping.entries().isEmpty()) {
      for (YamlMapping.Entry entry : mapping.entries()) {
        flatten(path.isEmpty() ? entry.key() : path + "." + entry.key(), entry.value(), out);
      }
      return;
    }
    out.put(path.isEmpty() ? "(document)" : path, show(node));
  }

  private static String show(YamlNode node) {
    if (node instanceof YamlScalar scalar) {
      return scalar.plain() ? scalar.text() : "'" + scalar.text().replace("'", "''") + "'";
    }
    if (node instanceof YamlSequence sequence) {
      return sequence.items().stream()
          .map(YamlDifference::show)
          .collect(Collectors.joining(", ", "[", "]"));
    }
    YamlMapping mapping = (YamlMapping) node;
    return mapping.entries().stream()
        .map(entry -> entry.key() + ": " + show(entry.value()))
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
