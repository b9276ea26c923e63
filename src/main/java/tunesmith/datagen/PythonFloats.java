package tunesmith.datagen;

import java.util.Locale;
import java.util.regex.Pattern;

/** Python's {@code float(x)} for the values a YAML file can hold. */
final class PythonFloats {
  private static final Pattern FLOAT_TEXT =
      Pattern.compile(
          "[-+]?(?:(?:[0-9](?:_?[0-9])*)?\\.?(?:[0-9](?:_?[0-9])*)?(?:[eE][-+]?[0-9]+)?)");

  private PythonFloats() {}

  static PythonValue.Float of(PythonValue value) {
    if (value instanceof PythonValue.Float number) {
      return number;
    }
    if (value instanceof PythonValue.Int integer) {
      return new PythonValue.Float(integer.value().doubleValue());
    }
    if (value instanceof PythonValue.Bool bool) {
      return new PythonValue.Float(bool.value() ? 1.0 : 0.0);
    }
    if (value instanceof PythonValue.Str text) {
      return parse(text.value().strip());
    }
    throw new NotComputable("a threshold that Python's float() does not take");
  }

  private static PythonValue.Float parse(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    String unsigned = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
    double sign = lower.startsWith("-") ? -1 : 1;
    if (unsigned.equals("inf") || unsigned.equals("infinity")) {
      return new PythonValue.Float(sign * Double.POSITIVE_INFINITY);
    }
    if (unsigned.equals("nan")) {
      return new PythonValue.Float(Double.NaN);
    }
    if (FLOAT_TEXT.matcher(text).matches() && unsigned.chars().anyMatch(Character::isDigit)) {
      try {
        return new PythonValue.Float(Double.parseDouble(text.replace("_", "")));
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new NotComputable("the threshold '" + text + "', which Python's float() refuses");
  }
}
