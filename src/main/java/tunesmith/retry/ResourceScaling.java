package tunesmith.retry;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SLURM memory sizes and time limits scaled by a factor, rounded up, in spellings SLURM and
 * setup_finetune.yaml accept: memory in the unit it was given when the result is whole (16G x 1.5 =
 * 24G), else in megabytes; time as [D-]HH:MM:SS.
 */
final class ResourceScaling {
  private static final Pattern MEMORY = Pattern.compile("([1-9][0-9]*)([KMGT]?)");
  private static final Pattern TIME =
      Pattern.compile("(?:(\\d+)-)?(\\d+)(?::(\\d{1,2}))?(?::(\\d{1,2}))?");
  private static final String UNITS = "KMGT";

  private ResourceScaling() {}

  /** Memory times {@code numerator/denominator}, rounded up. */
  static String memory(String text, int numerator, int denominator) {
    Matcher m = MEMORY.matcher(text.strip().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("not a SLURM memory size: " + text);
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2).isEmpty() ? "M" : m.group(2); // SLURM's default unit is megabytes
    // The largest unit, from the one given down to megabytes, in which the result is whole; else
    // megabytes rounded up (kilobytes only when given in kilobytes).
    int lowest = Math.min(UNITS.indexOf(unit), UNITS.indexOf('M'));
    for (int index = UNITS.indexOf(unit); ; index--) {
      if (amount * numerator % denominator == 0 || index == lowest) {
        return ceilDiv(amount * numerator, denominator) + UNITS.substring(index, index + 1);
      }
      amount *= 1024;
    }
  }

  /**
   * A time limit times {@code numerator/denominator}, rounded up to a whole minute. SLURM reads
   * {@code D-HH} as days and hours, {@code D-HH:MM} with minutes, a bare number as minutes and
   * {@code MM:SS} as minutes and seconds.
   */
  static String time(String text, int numerator, int denominator) {
    Matcher m = TIME.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a SLURM time limit: " + text);
    }
    long seconds;
    long first = Long.parseLong(m.group(2));
    Long second = m.group(3) == null ? null : Long.parseLong(m.group(3));
    Long third = m.group(4) == null ? null : Long.parseLong(m.group(4));
    if (m.group(1) != null) {
      long days = Long.parseLong(m.group(1));
      seconds =
          days * 86_400
              + first * 3600
              + (second == null ? 0 : second * 60)
              + (third == null ? 0 : third);
    } else if (third != null) {
      seconds = first * 3600 + second * 60 + third;
    } else if (second != null) {
      seconds = first * 60 + second;
    } else {
      seconds = first * 60;
    }
    long minutes = ceilDiv(ceilDiv(seconds * numerator, denominator), 60);
    long days = minutes / 1440;
    String clock = String.format("%02d:%02d:00", minutes % 1440 / 60, minutes % 60);
    return days > 0 ? days + "-" + clock : clock;
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
