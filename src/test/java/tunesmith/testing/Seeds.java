package tunesmith.testing;

import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Seeds for the randomized tests: one base seed per test class, printed, and {@code
 * -Dtunesmith.seed=N} replays it; each case gets its own seed drawn from it, shown in the case's
 * name.
 */
public final class Seeds {
  private Seeds() {}

  /** {@code count} cases, each one argument: its own seed (a long). */
  public static Stream<Arguments> cases(String test, int count) {
    long base = Long.getLong("tunesmith.seed", System.nanoTime());
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
