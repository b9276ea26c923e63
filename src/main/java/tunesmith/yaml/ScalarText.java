package tunesmith.yaml;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How tunesmith reads scalar text as numbers and booleans. Looser than YAML on purpose: {@code
 * 1e-5} and {@code "1e-5"} are both numbers here, since researchers write them either way.
 */
public final class ScalarText {
  private static final Pattern NUMBER =
      Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

  private ScalarText() {}

  public static Optional<BigDecimal> number(String text) {
    String trimmed = text.trim();
    if (!plainDecimal(trimmed) && !NUMBER.matcher(trimmed).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new BigDecimal(trimmed.startsWith("+") ? trimmed.substring(1) : trimmed));
    } catch (NumberFormatException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  /**
   * A whole number within long range, however written ({@code 8}, {@code "8"}, {@code 8.0}, {@code
   * 1e1}).
   */
  public static Optional<Long> integer(String text) {
    if (plainDigits(text)) {
      return Optional.of(Long.parseLong(text)); // the usual case, without a pattern or BigDecimal
    }
    return number(text)
        .flatMap(
            value -> {
              try {
                return Optional.of(value.stripTrailingZeros().longValueExact());
              } catch (ArithmeticException e) {
                return Optional.empty();
              }
            });
  }

  /**
   * Digits, optionally followed by a point and more digits: the usual spelling, which {@link
   * #NUMBER} also matches, recognised without the pattern (a number is read for many settings of
   * every run).
   */
  private static boolean plainDecimal(String text) {
    int whole = digitsFrom(text, 0);
    if (whole == 0 || whole == text.length()) {
      return whole > 0;
    }
    return text.charAt(whole) == '.' && digitsFrom(text, whole + 1) == text.length() - whole - 1;
  }

  /** How many ASCII digits {@code text} has from {@code start} on, before anything else. */
  public static int digitsFrom(String text, int start) {
    int i = start;
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    return i - start;
  }

  /** An optional minus and up to 18 digits: always a long, read alike by every reader above. */
  private static boolean plainDigits(String text) {
    int start = text.startsWith("-") ? 1 : 0;
    int length = text.length() - start;
    return length >= 1 && length <= 18 && digitsFrom(text, start) == length;
  }

  /** true/false/yes/no/1/0 in any case. */
  public static Optional<Boolean> bool(String text) {
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1":
        return Optional.of(true);
      case "false", "no", "0":
        return Optional.of(false);
      default:
        return Optional.empty();
    }
  }
}
