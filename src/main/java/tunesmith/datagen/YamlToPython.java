package tunesmith.datagen;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tunesmith.yaml.YamlMapping;
import tunesmith.yaml.YamlNode;
import tunesmith.yaml.YamlScalar;
import tunesmith.yaml.YamlSequence;

/**
 * Reads YAML as PyYAML's {@code safe_load} does (YAML 1.1 implicit types: {@code 1e-5} is a string,
 * {@code 1.5e+3} a float, {@code yes} a boolean). Forms whose value this port does not reproduce
 * (sexagesimal numbers, timestamps) are refused rather than guessed.
 */
final class YamlToPython {
  // PyYAML's implicit resolvers, tried in its order.
  private static final Pattern BOOL =
      Pattern.compile("yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
  private static final Pattern FLOAT =
      Pattern.compile(
          "[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?"
              + "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
              + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
              + "|[-+]?\\.(?:inf|Inf|INF)"
              + "|\\.(?:nan|NaN|NAN)");
  private static final Pattern INT =
      Pattern.compile(
          "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
              + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+");
  private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
  private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*");
  private static final Pattern TRUE = Pattern.compile("yes|Yes|YES|true|True|TRUE|on|On|ON");

  private YamlToPython() {}

  static PythonValue value(YamlNode node) {
    if (node instanceof YamlScalar scalar) {
      return scalar.plain() ? plain(scalar.text()) : new PythonValue.Str(scalar.text());
    }
    if (node instanceof YamlSequence sequence) {
      List<PythonValue> items = new ArrayList<>();
      sequence.items().forEach(item -> items.add(value(item)));
      return new PythonValue.ListValue(items);
    }
    YamlMapping mapping = (YamlMapping) node;
    Map<PythonValue, PythonValue> entries = new LinkedHashMap<>();
    for (YamlMapping.Entry entry : mapping.entries()) {
      PythonValue key = entry.keyPlain() ? plain(entry.key()) : new PythonValue.Str(entry.key());
      if (!(key instanceof PythonValue.Str) && !(key instanceof PythonValue.Int)) {
        throw new NotComputable(
            "the key '" + entry.key() + "' (Python reads it as neither a string nor an integer)");
      }
      entries.put(key, value(entry.value()));
    }
    return new PythonValue.Dict(entries);
  }

  private static PythonValue plain(String text) {
    if (BOOL.matcher(text).matches()) {
      return new PythonValue.Bool(TRUE.matcher(text).matches());
    }
    if (FLOAT.matcher(text).matches()) {
      return floatValue(text);
    }
    if (INT.matcher(text).matches()) {
      return intValue(text);
    }
    if (NULL.matcher(text).matches()) {
      return PythonValue.NONE;
    }
    if (text.equals("<<") || text.equals("=") || TIMESTAMP.matcher(text).matches()) {
      throw new NotComputable("the value '" + text + "' (a YAML 1.1 merge key, value or date)");
    }
    return new PythonValue.Str(text);
  }

  private static PythonValue floatValue(String text) {
    String value = text.replace("_", "").toLowerCase(java.util.Locale.ROOT);
    if (value.contains(":")) {
      throw new NotComputable("the sexagesimal number '" + text + "'");
    }
    double sign = value.startsWith("-") ? -1 : 1;
    String unsigned = value.startsWith("-") || value.startsWith("+") ? value.substring(1) : value;
    if (unsigned.equals(".inf")) {
      return new PythonValue.Float(sign * Double.POSITIVE_INFINITY);
    }
    if (unsigned.equals(".nan")) {
      return new PythonValue.Float(Double.NaN);
    }
    return new PythonValue.Float(sign * Double.parseDouble(unsigned));
  }

  private static PythonValue intValue(String text) {
    String value = text.replace("_", "");
    if (value.contains(":")) {
      throw new NotComputable("the sexagesimal number '" + text + "'");
    }
    boolean negative = value.startsWith("-");
    String unsigned = value.startsWith("-") || value.startsWith("+") ? value.substring(1) : value;
    BigInteger magnitude;
    try {
      magnitude = magnitude(unsigned);
    } catch (NumberFormatException e) {
      throw new NotComputable("the number '" + text + "'");
    }
    return new PythonValue.Int(negative ? magnitude.negate() : magnitude);
  }

  private static BigInteger magnitude(String unsigned) {
    BigInteger magnitude;
    if (unsigned.equals("0")) {
      magnitude = BigInteger.ZERO;
    } else if (unsigned.startsWith("0b")) {
      magnitude = new BigInteger(unsigned.substring(2), 2);
    } else if (unsigned.startsWith("0x")) {
      magnitude = new BigInteger(unsigned.substring(2), 16);
    } else if (unsigned.startsWith("0")) {
      magnitude = new BigInteger(unsigned.substring(1), 8);
    } else {
      magnitude = new BigInteger(unsigned);
    }
    return magnitude;
  }
}
