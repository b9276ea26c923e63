package tunesmith.testing;

import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Seeds for the randomized tests: one base seed per test class, printed, and {@code
 * -Dtunesmith.seed=N} replays it; each case gets its own seed drawn from it, shown in the case's
 * name. CI sets {@code TUNESMITH_SEED} (.ci/run), so that its result depends on the commit alone;
 * elsewhere each run draws a new base seed, and so tries new cases.
 */
public final class Seeds {
  private Seeds() {}

  /** {@code -Dtunesmith.seed}, else {@code TUNESMITH_SEED}, else a new seed. */
  public static long base() {
    Long property = Long.getLong("tunesmith.seed");
    if (property != null) {
      return property;
    }
    String fixed = System.getenv("TUNESMITH_SEED");
    return fixed == null || fixed.isBlank() ? System.nanoTime() : Long.parseLong(fixed.trim());
  }

  /** {@code count} cases, each one argument: its own seed (a long). */
  public static Stream<Arguments> cases(String test, int count) {
    long base = base();
    System.out.println(test + " seed " + base + " (replay with -Dtunesmith.seed=" + base + ")");
    Random random = new Random(base);
    return LongStream.generate(random::nextLong).limit(count).mapToObj(Arguments::of);
  }

  /** A word of 0 to {@code maxLength - 1} characters, each drawn from {@code alphabet}. */
  public static String word(Random random, String alphabet, int maxLength) {
    StringBuilder word = new StringBuilder();
    int length = random.nextInt(maxLength);
    for (int i = 0; i < length; i++) {
      word.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return word.toString();
  }
}
