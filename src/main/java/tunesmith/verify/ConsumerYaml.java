package tunesmith.verify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tunesmith.problem.InputProblems;
import tunesmith.yaml.ScalarText;
import tunesmith.yaml.YamlFileReader;
import tunesmith.yaml.YamlMapping;
import tunesmith.yaml.YamlNode;
import tunesmith.yaml.YamlScalar;
import tunesmith.yaml.YamlSequence;

/**
 * Reads a generated finetune.yaml the way its consumers do: scalars typed by YAML 1.1 rules as
 * PyYAML applies them (so bare {@code 1e-5} stays a string, as it does there), then OmegaConf
 * interpolations resolved. Values are Map, List, String, Long, Double, Boolean or null.
 *
 * <p>Loops rather than forEach with lambdas: every node of every finetune.yaml a scaffold writes
 * passes here, and under C1 a capturing lambda is an allocation through a method handle.
 */
public final class ConsumerYaml {
  private static final Pattern BOOL =
      Pattern.compile("yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
  // PyYAML's implicit resolvers for YAML 1.1 (sexagesimal forms left out: tunesmith never writes
  // them).
  private static final Pattern DECIMAL = Pattern.compile("[-+]?(0|[1-9][0-9_]*)");
  private static final Pattern OCTAL = Pattern.compile("([-+]?)0([0-7_]+)");
  private static final Pattern HEX = Pattern.compile("([-+]?)0x([0-9a-fA-F_]+)");
  private static final Pattern BINARY = Pattern.compile("([-+]?)0b([01_]+)");
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?([0-9][0-9_]*)\\.[0-9_]*([eE][-+][0-9]+)?|\\.[0-9_]+([eE][-+][0-9]+)?");
  private static final Pattern INFINITY = Pattern.compile("([-+]?)\\.(inf|Inf|INF)");
  private static final Pattern NAN = Pattern.compile("\\.(nan|NaN|NAN)");
  private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");

  /** The first characters of every null, bool, int and float form above. */
  private static final String MAY_RESOLVE = "~nNyYtTfFoO-+.0123456789";

  private static final int MAX_RESOLUTION_DEPTH = 32;
  private static final Pattern SINGLE = Pattern.compile("\\$\\{([^}]*)\\}");

  private ConsumerYaml() {}

  /** The resolved tree, or empty with the reason recorded in {@code problems}. */
  public static Optional<Map<String, Object>> load(
      Path file, InputProblems problems, List<String> errors) {
    return YamlFileReader.readBack(file, problems)
        .flatMap(
            root -> {
              Object tree = typed(root);
              if (!(tree instanceof Map<?, ?>)) {
                errors.add(file.getFileName() + " is not a mapping");
                return Optional.empty();
              }
              @SuppressWarnings("unchecked")
              Map<String, Object> map = (Map<String, Object>) tree;
              return Optional.of(new Resolution(map, errors).resolveTree());
            });
  }

  static Object typed(YamlNode node) {
    if (node instanceof YamlMapping mapping) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (YamlMapping.Entry entry : mapping.entries()) {
        map.put(entry.key(), typed(entry.value()));
      }
      return map;
    }
    if (node instanceof YamlSequence sequence) {
      List<Object> list = new ArrayList<>();
      for (YamlNode item : sequence.items()) {
        list.add(typed(item));
      }
      return list;
    }
    YamlScalar scalar = (YamlScalar) node;
    return scalar.plain() ? plainScalar(scalar.text()) : scalar.text();
  }

  /**
   * A plain scalar's value. The forms tunesmith writes most (a whole number, a decimal, true,
   * false, null) are recognised directly, to the same value {@link #byPatterns} gives them: the
   * patterns under C1 were a sixtieth of a large scaffold.
   */
  static Object plainScalar(String text) {
    if (text.isEmpty()) {
      return null; // as in PyYAML: an empty plain scalar is null
    }
    if (MAY_RESOLVE.indexOf(text.charAt(0)) < 0) {
      return text; // no implicit type starts with this character: skip the patterns
    }
    if (Character.isLetter(text.charAt(0))) {
      // Of the implicit types only the booleans and null start with a letter.
      switch (text) {
        case "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON":
          return Boolean.TRUE;
        case "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF":
          return Boolean.FALSE;
        case "null", "Null", "NULL":
          return null;
        default:
          return text;
      }
    }
    int digitsBefore = ScalarText.digitsFrom(text, 0);
    if (digitsBefore > 0
        && digitsBefore == text.length()
        && digitsBefore <= 18
        && (digitsBefore == 1 || text.charAt(0) != '0')) {
      return Long.parseLong(text);
    }
    if (digitsBefore > 0
        && digitsBefore < text.length()
        && text.charAt(digitsBefore) == '.'
        && ScalarText.digitsFrom(text, digitsBefore + 1) == text.length() - digitsBefore - 1) {
      return Double.parseDouble(text);
    }
    return byPatterns(text);
  }

  /** A plain scalar typed by PyYAML's implicit resolvers, pattern by pattern. */
  static Object byPatterns(String text) {
    if (NULL.matcher(text).matches()) {
      return null;
    }
    if (BOOL.matcher(text).matches()) {
      return text.equalsIgnoreCase("yes")
          || text.equalsIgnoreCase("true")
          || text.equalsIgnoreCase("on");
    }
    String digits = text.replace("_", "");
    if (DECIMAL.matcher(text).matches()) {
      return parseWhole(digits, 10, text);
    }
    for (Object[] radix : new Object[][] {{OCTAL, 8}, {HEX, 16}, {BINARY, 2}}) {
      var matcher = ((Pattern) radix[0]).matcher(text);
      if (matcher.matches()) {
        return parseWhole(
            matcher.group(1) + matcher.group(2).replace("_", ""), (Integer) radix[1], text);
      }
    }
    if (FLOAT.matcher(text).matches()) {
      try {
        return Double.parseDouble(digits);
      } catch (NumberFormatException e) {
        // "._" matches the pattern but is no number (PyYAML refuses it too): kept as text, which
        // no expected value equals.
        return text;
      }
    }
    var infinity = INFINITY.matcher(text);
    if (infinity.matches()) {
      return infinity.group(1).equals("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return NAN.matcher(text).matches() ? Double.NaN : text;
  }

  /**
   * A whole number too large for a long is kept as text: nothing tunesmith writes is that large.
   */
  private static Object parseWhole(String digits, int radix, String text) {
    try {
      return Long.parseLong(digits, radix);
    } catch (NumberFormatException e) {
      return text;
    }
  }

  /**
   * OmegaConf's ${path} interpolation and its \${ escape, for the absolute paths tunesmith writes.
   */
  private static final class Resolution {
    private final Map<String, Object> root;
    private final List<String> errors;

    Resolution(Map<String, Object> root, List<String> errors) {
      this.root = root;
      this.errors = errors;
    }

    Map<String, Object> resolveTree() {
      @SuppressWarnings("unchecked")
      Map<String, Object> resolved = (Map<String, Object>) resolveValue(root, 0);
      return resolved;
    }

    private Object resolveValue(Object value, int depth) {
      if (value instanceof Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          out.put((String) entry.getKey(), resolveValue(entry.getValue(), depth));
        }
        return out;
      }
      if (value instanceof List<?> list) {
        List<Object> out = new ArrayList<>();
        for (Object item : list) {
          out.add(resolveValue(item, depth));
        }
        return out;
      }
      if (value instanceof String text && text.contains("${")) {
        return resolveString(text, depth);
      }
      return value;
    }

    private Object resolveString(String text, int depth) {
      if (depth > MAX_RESOLUTION_DEPTH) {
        errors.add("interpolation nested too deeply in '" + text + "'");
        return text;
      }
      var single = SINGLE.matcher(text);
      if (single.matches()) {
        // A value that is one interpolation keeps the target's type, as in OmegaConf.
        Object target = lookup(single.group(1).trim());
        if (target == MISSING) {
          errors.add("interpolation " + text + " does not resolve");
          return text;
        }
        return target instanceof String s && s.contains("${")
            ? resolveString(s, depth + 1)
            : target;
      }
      StringBuilder out = new StringBuilder();
      int i = 0;
      while (i < text.length()) {
        if (text.charAt(i) == '\\') {
          int run = i;
          while (run < text.length() && text.charAt(run) == '\\') {
            run++;
          }
          int backslashes = run - i;
          if (text.startsWith("${", run)) {
            // \${ is a literal ${; \\${ is a literal backslash followed by an interpolation
            out.append("\\".repeat(backslashes / 2));
            if (backslashes % 2 == 1) {
              out.append("${");
              i = run + 2;
              continue;
            }
            i = run;
            continue;
          }
          out.append(text, i, run);
          i = run;
          continue;
        }
        if (text.startsWith("${", i)) {
          int end = text.indexOf('}', i);
          if (end < 0) {
            errors.add("unterminated interpolation in '" + text + "'");
            return text;
          }
          String path = text.substring(i + 2, end).trim();
          Object target = lookup(path);
          if (target == MISSING) {
            errors.add("interpolation ${" + path + "} does not resolve");
            return text;
          }
          Object resolved =
              target instanceof String s && s.contains("${") ? resolveString(s, depth + 1) : target;
          out.append(resolved);
          i = end + 1;
          continue;
        }
        out.append(text.charAt(i));
        i++;
      }
      return out.toString();
    }

    private static final Object MISSING = new Object();

    private Object lookup(String path) {
      if (path.isEmpty() || path.contains(":")) {
        return MISSING;
      }
      Object current = root;
      for (String part : path.split("\\.")) {
        if (!(current instanceof Map<?, ?> map) || !map.containsKey(part)) {
          return MISSING;
        }
        current = map.get(part);
      }
      return current;
    }
  }
}
