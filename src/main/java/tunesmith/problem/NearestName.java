package tunesmith.problem;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...?": the known name closest to a misspelt one, by edit distance. */
public final class NearestName {
  private NearestName() {}

  public static Optional<String> among(String name, Collection<String> known) {
    String wanted = name.toLowerCase(Locale.ROOT);
    int tolerance = Math.max(2, wanted.length() / 3);
    return known.stream()
        .map(
            candidate ->
                new Scored(candidate, distance(candidate.toLowerCase(Locale.ROOT), wanted)))
        .filter(scored -> scored.distance <= tolerance)
        .min(Comparator.comparingInt(Scored::distance))
        .map(Scored::name);
  }

  /** ", did you mean 'x'?" or nothing. */
  public static String hint(String name, Collection<String> known) {
    return among(name, known).map(candidate -> " (did you mean '" + candidate + "'?)").orElse("");
  }

  private record Scored(String name, int distance) {}

  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
