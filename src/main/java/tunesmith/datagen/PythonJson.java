package tunesmith.datagen;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code json.dumps(value, sort_keys=True, separators=(",", ":"))} exactly as Python writes it:
 * ASCII only, floats in Python's shortest round-trip form ({@code 1e-05}, {@code 0.1}, {@code
 * 50000.0}).
 */
final class PythonJson {
  private PythonJson() {}

  static String dumps(PythonValue value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(PythonValue value, StringBuilder out) {
    if (value instanceof PythonValue.None) {
      out.append("null");
    } else if (value instanceof PythonValue.Bool bool) {
      out.append(bool.value() ? "true" : "false");
    } else if (value instanceof PythonValue.Int integer) {
      out.append(integer.value());
    } else if (value instanceof PythonValue.Float number) {
      out.append(floatText(number.value()));
    } else if (value instanceof PythonValue.Str text) {
      string(text.value(), out);
    } else if (value instanceof PythonValue.ListValue list) {
      out.append('[');
      for (int i = 0; i < list.items().size(); i++) {
        out.append(i == 0 ? "" : ",");
        write(list.items().get(i), out);
      }
      out.append(']');
    } else {
      dict((PythonValue.Dict) value, out);
    }
  }

  private static void dict(PythonValue.Dict dict, StringBuilder out) {
    List<Map.Entry<PythonValue, PythonValue>> entries = new ArrayList<>(dict.entries().entrySet());
    boolean allText = entries.stream().allMatch(e -> e.getKey() instanceof PythonValue.Str);
    boolean allInts = entries.stream().allMatch(e -> e.getKey() instanceof PythonValue.Int);
    if (allText) {
      entries.sort(
          Comparator.comparing(
              e -> ((PythonValue.Str) e.getKey()).value(), PythonJson::compareCodePoints));
    } else if (allInts) {
      entries.sort(Comparator.comparing(e -> ((PythonValue.Int) e.getKey()).value()));
    } else {
      // Python cannot sort string and integer keys together: json.dumps raises TypeError.
      throw new NotComputable("a mapping with both text and number keys");
    }
    out.append('{');
    for (int i = 0; i < entries.size(); i++) {
      out.append(i == 0 ? "" : ",");
      PythonValue key = entries.get(i).getKey();
      string(
          key instanceof PythonValue.Str text
              ? text.value()
              : ((PythonValue.Int) key).value().toString(),
          out);
      out.append(':');
      write(entries.get(i).getValue(), out);
    }
    out.append('}');
  }

  private static int compareCodePoints(String a, String b) {
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    return java.util.Arrays.compare(x, y);
  }

  private static void string(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c >= ' ' && c <= '~') {
            out.append(c);
          } else {
            out.append(String.format("\\u%04x", (int) c));
          }
        }
      }
    }
    out.append('"');
  }

  /** Python's {@code repr(float)}, as json writes it. */
  static String floatText(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    if (value == 0.0) {
      return 1 / value < 0 ? "-0.0" : "0.0";
    }
    BigDecimal shortest = shortest(value);
    String digits = shortest.unscaledValue().abs().toString();
    int decimalPoint = digits.length() - shortest.scale();
    String sign = value < 0 ? "-" : "";
    if (decimalPoint <= -4 || decimalPoint > 16) {
      int exponent = decimalPoint - 1;
      String mantissa =
          digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String exponentText = String.format("%02d", Math.abs(exponent));
      return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exponentText;
    }
    if (decimalPoint <= 0) {
      return sign + "0." + "0".repeat(-decimalPoint) + digits;
    }
    if (decimalPoint < digits.length()) {
      return sign + digits.substring(0, decimalPoint) + "." + digits.substring(decimalPoint);
    }
    return sign + digits + "0".repeat(decimalPoint - digits.length()) + ".0";
  }

  /**
   * The fewest significant digits that read back as the same double, rounded from the exact value
   * (what Python's repr gives; Java 17's Double.toString is not always shortest).
   */
  private static BigDecimal shortest(double value) {
    BigDecimal exact = new BigDecimal(value);
    for (int precision = 1; precision <= 17; precision++) {
      BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
      if (rounded.doubleValue() == value) {
        return rounded.stripTrailingZeros();
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }
}
