package tunesmith.slurm;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SLURM's elapsed times ({@code 5:07}, {@code 1:02:03}, {@code 2-03:04:05}) in one spelling:
 * [D-]HH:MM:SS.
 */
public final class SlurmDuration {
  private static final Pattern DURATION = Pattern.compile("(?:(\\d+)-)?(?:(\\d+):)?(\\d+):(\\d+)");

  private SlurmDuration() {}

  /**
   * The normalized time; text SLURM printed that is not a duration (e.g. {@code INVALID}) is kept
   * as it is.
   */
  public static String normalize(String text) {
    Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      return text.strip();
    }
    long days = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
    long hours = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
    String clock =
        String.format(
            "%02d:%02d:%02d", hours, Long.parseLong(m.group(3)), Long.parseLong(m.group(4)));
    return days > 0 ? days + "-" + clock : clock;
  }

  /** The duration in seconds; empty for text that is not one. */
  public static OptionalLong seconds(String text) {
    Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      return OptionalLong.empty();
    }
    long days = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
    long hours = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
    return OptionalLong.of(
        ((days * 24 + hours) * 60 + Long.parseLong(m.group(3))) * 60 + Long.parseLong(m.group(4)));
  }
}
