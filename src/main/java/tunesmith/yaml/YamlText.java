package tunesmith.yaml;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

/**
 * How scalars are spelt so that both YAML 1.1 (PyYAML) and OmegaConf read back exactly the value
 * meant.
 */
public final class YamlText {
  /** Plain text from 1e-4 up to 1e15; scientific notation outside. */
  private static final BigDecimal PLAIN_FROM = new BigDecimal("1e-4");

  private static final BigDecimal PLAIN_BELOW = new BigDecimal("1e15");
  private static final Set<String> YAML11_WORDS =
      Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null", "~");

  /** Longer strings are never one of {@link #YAML11_WORDS}: no need to lower-case them. */
  private static final int LONGEST_YAML11_WORD = 5;

  private YamlText() {}

  /** A string as a YAML scalar: plain when unambiguous, else double-quoted with escapes. */
  public static String string(String value) {
    if (plainSafe(value)
        && (value.length() > LONGEST_YAML11_WORD
            || !YAML11_WORDS.contains(value.toLowerCase(Locale.ROOT)))) {
      return value;
    }
    return doubleQuoted(value);
  }

  /**
   * {@code [A-Za-z_/][A-Za-z0-9_./-]*}, spelt out: called for every string of every file written.
   */
  static boolean plainSafe(String value) {
    if (value.isEmpty()) {
      return false;
    }
    char first = value.charAt(0);
    if (!(asciiLetter(first) || first == '_' || first == '/')) {
      return false;
    }
    for (int i = 1; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(asciiLetter(c)
          || (c >= '0' && c <= '9')
          || c == '_'
          || c == '.'
          || c == '/'
          || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static boolean asciiLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  public static String doubleQuoted(String value) {
    // Printable ASCII other than " and \ is written as it is: most strings are that throughout.
    int plain = 0;
    while (plain < value.length()) {
      char c = value.charAt(plain);
      if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
        break;
      }
      plain++;
    }
    StringBuilder out = new StringBuilder(value.length() + 2).append('"').append(value, 0, plain);
    // A plain loop, not codePoints().forEach: a stream and a capturing lambda per string under C1.
    for (int i = plain; i < value.length(); ) {
      int codePoint = value.codePointAt(i);
      i += Character.charCount(codePoint);
      switch (codePoint) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        case 0x85 -> out.append("\\N");
        case 0x2028 -> out.append("\\L");
        case 0x2029 -> out.append("\\P");
        default -> {
          if (printable(codePoint)) {
            out.appendCodePoint(codePoint);
          } else if (codePoint <= 0xFF) {
            out.append(String.format("\\x%02X", codePoint));
          } else if (codePoint <= 0xFFFF) {
            out.append(String.format("\\u%04X", codePoint));
          } else {
            out.append(String.format("\\U%08X", codePoint));
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** YAML's printable set, less the byte-order mark that readers strip. */
  private static boolean printable(int codePoint) {
    return (codePoint >= 0x20 && codePoint <= 0x7E)
        || (codePoint >= 0xA0 && codePoint <= 0xD7FF)
        || (codePoint >= 0xE000 && codePoint <= 0xFFFD && codePoint != 0xFEFF)
        || (codePoint >= 0x10000 && codePoint <= 0x10FFFF);
  }

  /**
   * Escapes {@code ${} for OmegaConf, so a literal string is never taken for an interpolation:
   * {@code ${} becomes {@code \${}, and backslashes just before it are doubled.
   */
  public static String escapeInterpolations(String value) {
    if (!value.contains("${")) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length() + 8);
    int index = 0;
    while (index < value.length()) {
      int next = value.indexOf("${", index);
      if (next < 0) {
        out.append(value, index, value.length());
        break;
      }
      int backslashes = 0;
      while (next - backslashes - 1 >= index && value.charAt(next - backslashes - 1) == '\\') {
        backslashes++;
      }
      out.append(value, index, next - backslashes);
      out.append("\\".repeat(2 * backslashes)).append("\\${");
      index = next + 2;
    }
    return out.toString();
  }

  /** A float both loaders read as a float: {@code 1.0e-05}, {@code 0.0003}, {@code 2.0}. */
  public static String decimal(BigDecimal value) {
    if (value.signum() == 0) {
      return "0.0";
    }
    BigDecimal magnitude = value.abs();
    if (magnitude.compareTo(PLAIN_FROM) >= 0 && magnitude.compareTo(PLAIN_BELOW) < 0) {
      String plain = value.stripTrailingZeros().toPlainString();
      return plain.contains(".") ? plain : plain + ".0";
    }
    BigDecimal stripped = value.stripTrailingZeros();
    String digits = stripped.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - stripped.scale();
    String mantissa = digits.charAt(0) + "." + (digits.length() > 1 ? digits.substring(1) : "0");
    return (value.signum() < 0 ? "-" : "")
        + mantissa
        + "e"
        + (exponent < 0 ? "-" : "+")
        + (Math.abs(exponent) < 10 ? "0" : "")
        + Math.abs(exponent);
  }
}
