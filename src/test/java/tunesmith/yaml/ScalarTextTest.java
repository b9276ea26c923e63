package tunesmith.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tunesmith.problem.InputProblems;
import tunesmith.testing.Seeds;

class ScalarTextTest {

  @ParameterizedTest
  @CsvSource({
    "1e-5, 0.00001",
    "1E-5, 0.00001",
    "5e-5, 0.00005",
    "0.0003, 0.0003",
    ".5, 0.5",
    "-.5, -0.5",
    "+5, 5",
    "8.0, 8",
    "1e3, 1000",
    "1., 1",
    "' 2 ', 2",
  })
  void readsNumbers(String text, String expected) {
    assertThat(ScalarText.number(text))
        .hasValueSatisfying(
            value -> assertThat(value).isEqualByComparingTo(new BigDecimal(expected)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "abc", "1e", "e5", "--1", "1.2.3", "0x10", "1,000", "inf", ".nan", "NaN", "1e-5x", ".",
        "+"
      })
  void rejectsNonNumbers(String text) {
    assertThat(ScalarText.number(text)).isEmpty();
  }

  @Test
  void quotedAndPlainScientificNotationAreTheSameNumber() {
    InputProblems problems = new InputProblems();
    YamlMapping root =
        (YamlMapping)
            YamlFileReader.parse(
                    Path.of("t.yaml"), "a: 1e-5\nb: \"1e-5\"\nc: '1e-5'\nd: 0.00001\n", problems)
                .orElseThrow();
    FieldReader fields = new FieldReader(Path.of("t.yaml"), problems);
    BigDecimal a = fields.number(root, "a", "", true).orElseThrow();
    for (String key : new String[] {"b", "c", "d"}) {
      assertThat(fields.number(root, key, "", true))
          .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo(a));
    }
    assertThat(a).isEqualByComparingTo("0.00001");
    assertThat(problems.isEmpty()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"8, 8", "8.0, 8", "'\"8\"', ", "1e1, 10", "-3, -3", "0, 0", "8.00, 8", "+7, 7"})
  void readsWholeNumbers(String text, Long expected) {
    if (expected == null) {
      assertThat(ScalarText.integer(text)).isEmpty();
    } else {
      assertThat(ScalarText.integer(text)).contains(expected);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"8.5", "1e-1", "0.1", "1e30", "99999999999999999999", "abc", ""})
  void rejectsNonWholeNumbers(String text) {
    assertThat(ScalarText.integer(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "true, true",
    "True, true",
    "TRUE, true",
    "yes, true",
    "Yes, true",
    "1, true",
    "false, false",
    "False, false",
    "no, false",
    "NO, false",
    "0, false",
    "' true ', true"
  })
  void readsBooleanWords(String text, boolean expected) {
    assertThat(ScalarText.bool(text)).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "maybe", "2", "truee", "y-e-s", "null", "-1"})
  void rejectsNonBooleans(String text) {
    assertThat(ScalarText.bool(text)).isEmpty();
  }

  /** Plain digits take a shortcut; it must agree with the general reading everywhere. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "0",
        "-0",
        "007",
        "8",
        "-",
        "",
        "123456789012345678",
        "-123456789012345678",
        "1234567890123456789",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775809",
        "12a",
        "1_000",
        " 8"
      })
  void plainDigitsReadAsTheGeneralRuleReadsThem(String text) {
    assertThat(ScalarText.integer(text))
        .isEqualTo(
            ScalarText.number(text)
                .flatMap(
                    value -> {
                      try {
                        return java.util.Optional.of(value.stripTrailingZeros().longValueExact());
                      } catch (ArithmeticException e) {
                        return java.util.Optional.empty();
                      }
                    }));
  }

  /** Text is a number exactly when the documented pattern matches it, however it is recognised. */
  @Test
  void numbersAreWhatThePatternSays() {
    java.util.regex.Pattern pattern =
        java.util.regex.Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    long seed = 20261130L;
    System.out.println("numbersAreWhatThePatternSays seed " + seed);
    java.util.Random random = new java.util.Random(seed);
    String alphabet = "0123456789..e-+ x";
    for (int i = 0; i < 50_000; i++) {
      String text = Seeds.word(random, alphabet, 9);
      String trimmed = text.trim();
      boolean expected = pattern.matcher(trimmed).matches();
      assertThat(ScalarText.number(text).isPresent()).as("'%s'", text).isEqualTo(expected);
      if (expected) {
        assertThat(ScalarText.number(text).orElseThrow())
            .isEqualTo(new BigDecimal(trimmed.startsWith("+") ? trimmed.substring(1) : trimmed));
      }
    }
  }
}
