package tunesmith.evaluation;

import java.math.BigDecimal;
import tunesmith.render.ShellQuote;
import tunesmith.yaml.YamlText;

/**
 * A {@code key=value} argument of {@code inspect eval} (-T, -M, --metadata). inspect reads the
 * value as YAML, so it is spelt as YAML (strings double-quoted: never a number, boolean or null by
 * accident), and the whole word is quoted for the shell. Commas are refused when cells are planned:
 * inspect would split the string into a list.
 */
final class InspectValue {
  private InspectValue() {}

  static String text(String key, String value) {
    return word(key, YamlText.doubleQuoted(value));
  }

  static String bool(String key, boolean value) {
    return word(key, Boolean.toString(value));
  }

  static String integer(String key, long value) {
    return word(key, Long.toString(value));
  }

  static String decimal(String key, BigDecimal value) {
    return word(key, YamlText.decimal(value));
  }

  private static String word(String key, String yaml) {
    return ShellQuote.quote(key + "=" + yaml);
  }
}
