package tunesmith.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tunesmith.testing.Seeds;

class ShellQuoteTest {
  /** The rule as a pattern: the table in ShellQuote must agree with it character by character. */
  private static final Pattern BARE_SAFE = Pattern.compile("[A-Za-z0-9_./=+:@%,-]+");

  private static String expected(String word) {
    return BARE_SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
  }

  @Test
  void everyCharacterIsQuotedExactlyWhenThePatternSaysSo() {
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      String word = "a" + c + "b";
      assertThat(ShellQuote.quote(word)).as("U+%04X", (int) c).isEqualTo(expected(word));
    }
  }

  @Test
  void emptyAndQuoteCarryingWordsAreQuoted() {
    assertThat(ShellQuote.quote("")).isEqualTo("''");
    assertThat(ShellQuote.quote("it's")).isEqualTo("'it'\\''s'");
    assertThat(ShellQuote.quote("/scratch/lab/x_1.json")).isEqualTo("/scratch/lab/x_1.json");
  }

  @Test
  void randomWordsAgreeWithThePattern() {
    long seed = 20261130L;
    System.out.println("ShellQuoteTest seed " + seed);
    Random random = new Random(seed);
    String alphabet = "aZ09_./=+:@%,- '\"$`\\!*?;&|<>(){}[]~#\té";
    for (int i = 0; i < 20_000; i++) {
      String word = Seeds.word(random, alphabet, 8);
      assertThat(ShellQuote.quote(word)).isEqualTo(expected(word));
    }
  }
}
