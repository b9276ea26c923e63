package tunesmith.slurm;

import java.util.Optional;
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

  /** A duration's parts, as SLURM printed them. */
  private record Parts(long days, long hours, long minutes, long seconds) {}

  private static Optional<Parts> parse(String text) {
    Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new Parts(
            m.group(1) == null ? 0 : Long.parseLong(m.group(1)),
            m.group(2) == null ? 0 : Long.parseLong(m.group(2)),
            Long.parseLong(m.group(3)),
            Long.parseLong(m.group(4))));
  }

  /**
   * The normalized time; text SLURM printed that is not a duration (e.g. {@code INVALID}) is kept
   * as it is.
   */
  public static String normalize(String text) {
    return parse(text)
        .map(
            p -> {
              String clock = String.format("%02d:%02d:%02d", p.hours(), p.minutes(), p.seconds());
              return p.days() > 0 ? p.days() + "-" + clock : clock;
            })
        .orElse(text.strip());
  }

  /** The duration in seconds; empty for text that is not one. */
  public static OptionalLong seconds(String text) {
    return parse(text)
        .map(
            p ->
                OptionalLong.of(
                    ((p.days() * 24 + p.hours()) * 60 + p.minutes()) * 60 + p.seconds()))
        .orElse(OptionalLong.empty());
  }
}
