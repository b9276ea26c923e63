package tunesmith.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tunesmith.render.PythonScalarLoaders;

class YamlTextTest {

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({
    "1e-5, 1.0e-05",
    "5e-5, 5.0e-05",
    "2e-5, 2.0e-05",
    "1e-4, 0.0001",
    "0.0003, 0.0003",
    "3e-4, 0.0003",
    "3.0, 3.0",
    "3, 3.0",
    "0, 0.0",
    "0.000, 0.0",
    "0.01, 0.01",
    "1.5e-7, 1.5e-07",
    "-1e-5, -1.0e-05",
    "1e15, 1.0e+15",
    "12345.678, 12345.678",
    "0.00001, 1.0e-05",
    "0.000012, 1.2e-05",
  })
  void decimalSpelling(String value, String expected) {
    assertThat(YamlText.decimal(new BigDecimal(value))).isEqualTo(expected);
  }

  @Test
  void decimalsAreReadBackAsEqualFloatsByPyYamlAndOmegaConf() throws Exception {
    List<BigDecimal> values = new ArrayList<>();
    for (String fixed :
        new String[] {
          "1e-5",
          "5e-5",
          "2e-5",
          "1e-4",
          "3e-4",
          "0.0003",
          "3.0",
          "0",
          "1",
          "0.01",
          "0.1",
          "1e-10",
          "1.5e-7",
          "9.99e-5",
          "0.00009999",
          "1e14",
          "1e15",
          "1e20",
          "123456.789",
          "-1e-5",
          "-0.5",
          "-3",
          "2.5e-3",
          "99999999999999.9",
          "1e-300",
          "1.7976931348623157e308",
          "4.9e-324",
          "0.30000000000000004"
        }) {
      values.add(new BigDecimal(fixed));
    }
    Random random = new Random(20251022);
    for (int i = 0; i < 400; i++) {
      long unscaled = (long) (random.nextDouble() * Math.pow(10, 1 + random.nextInt(15)));
      int scale = random.nextInt(40) - 20;
      values.add(BigDecimal.valueOf(random.nextBoolean() ? unscaled : -unscaled, scale));
    }
    StringBuilder yaml = new StringBuilder();
    List<String> keys = new ArrayList<>();
    Map<String, BigDecimal> byKey = new LinkedHashMap<>();
    for (int i = 0; i < values.size(); i++) {
      String key = "v" + i;
      keys.add(key);
      byKey.put(key, values.get(i));
      yaml.append(key).append(": ").append(YamlText.decimal(values.get(i))).append('\n');
    }
    PythonScalarLoaders.Readings readings = PythonScalarLoaders.load(yaml.toString(), keys, dir);
    SoftAssertions soft = new SoftAssertions();
    byKey.forEach(
        (key, value) -> {
          String spelt = YamlText.decimal(value);
          for (var loader :
              List.of(
                  Map.entry("PyYAML", readings.pyyaml()),
                  Map.entry("OmegaConf", readings.omegaconf()))) {
            PythonScalarLoaders.Loaded loaded = loader.getValue().get(key);
            soft.assertThat(loaded.type())
                .as("%s reading %s (from %s)", loader.getKey(), spelt, value.toPlainString())
                .isEqualTo("float");
            if (loaded.isFloat()) {
              soft.assertThat(Double.parseDouble(loaded.text()))
                  .as("%s reading %s", loader.getKey(), spelt)
                  .isEqualTo(value.doubleValue());
            }
          }
        });
    soft.assertAll();
  }

  static List<String> nastyStrings() {
    return List.of(
        "yes",
        "no",
        "Yes",
        "NO",
        "on",
        "off",
        "y",
        "n",
        "true",
        "False",
        "null",
        "Null",
        "~",
        "",
        " ",
        "1e3",
        "1e-5",
        "0o17",
        "017",
        "0x1F",
        "1_000",
        "1:30",
        ".inf",
        "-.inf",
        ".nan",
        "2025-10-22",
        "00002",
        "8",
        "8.0",
        "*x",
        "&a",
        "!x",
        "!!str",
        "%x",
        "@x",
        "`x`",
        "|",
        ">",
        "-",
        "- x",
        "? x",
        "[a]",
        "{a: 1}",
        "<<",
        "=",
        "#",
        "#x",
        "${x}",
        "\\${x}",
        "\\\\${x}",
        "a\\${x}",
        "a\\\\${x}",
        "a\\\\\\${x}",
        "${",
        "${x",
        "$",
        "$x",
        "}",
        "a${b}c${d}",
        "${oc.env:HOME}",
        "\\",
        "a\\",
        "C:\\path\\n",
        "trailing space ",
        " leading space",
        "line\nbreak",
        "ends with newline\n",
        "\n",
        "tab\there",
        "cr\rhere",
        "crlf\r\n",
        "Größe",
        "大模型",
        "emoji 🙂🚀",
        "\u0085nel",
        "\u2028ls",
        "\u00a0nbsp",
        "\ufeffbom",
        "ctrl\u0001char",
        "del\u007fchar",
        "\"double\"",
        "'single'",
        "it's",
        "a: b",
        "a:b",
        "key: value # c",
        "a #b",
        "a# b",
        " #",
        ": ",
        "Capitalize: {input}\n",
        "{input}",
        "You are a helpful assistant.",
        "a ??? b",
        "??",
        "????");
  }

  @Test
  void stringsRoundTripThroughPyYamlAndOmegaConf() throws Exception {
    List<String> strings = nastyStrings();
    StringBuilder yaml = new StringBuilder();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < strings.size(); i++) {
      keys.add("s" + i);
      yaml.append("s")
          .append(i)
          .append(": ")
          .append(YamlText.string(YamlText.escapeInterpolations(strings.get(i))))
          .append('\n');
    }
    PythonScalarLoaders.Readings readings = PythonScalarLoaders.load(yaml.toString(), keys, dir);
    SoftAssertions soft = new SoftAssertions();
    for (int i = 0; i < strings.size(); i++) {
      String original = strings.get(i);
      String spelt = YamlText.string(YamlText.escapeInterpolations(original));
      PythonScalarLoaders.Loaded pyyaml = readings.pyyaml().get("s" + i);
      PythonScalarLoaders.Loaded omega = readings.omegaconf().get("s" + i);
      // PyYAML does not interpret ${...}: it sees the escaped text
      soft.assertThat(pyyaml)
          .as("PyYAML reading [%s] written as %s", escapeForMessage(original), spelt)
          .isEqualTo(
              new PythonScalarLoaders.Loaded("str", YamlText.escapeInterpolations(original)));
      soft.assertThat(omega)
          .as("OmegaConf reading [%s] written as %s", escapeForMessage(original), spelt)
          .isEqualTo(new PythonScalarLoaders.Loaded("str", original));
    }
    soft.assertAll();
  }

  /**
   * "???" is OmegaConf's marker for a missing mandatory value, and no spelling of it loads
   * verbatim: torchtune would fail with MissingMandatoryValue. So it never reaches the emitter: the
   * setup rule for free text refuses it, and an unescaped one really is read as missing.
   */
  @Test
  void omegaConfMissingMarkerIsRefusedBeforeItCanBeWritten() throws Exception {
    assertThat(tunesmith.keys.ValueRule.TEXT.check("???")).isPresent();
    assertThat(tunesmith.keys.ValueRule.TEXT.check("??? maybe")).isEmpty();
    String yaml = "s: " + YamlText.string(YamlText.escapeInterpolations("???")) + "\n";
    PythonScalarLoaders.Readings readings = PythonScalarLoaders.load(yaml, List.of("s"), dir);
    assertThat(readings.pyyaml().get("s")).isEqualTo(new PythonScalarLoaders.Loaded("str", "???"));
    assertThat(readings.omegaconf().get("s"))
        .as("OmegaConf reads ??? as missing")
        .isNotEqualTo(new PythonScalarLoaders.Loaded("str", "???"));
  }

  /** Without ${ PyYAML must read exactly the original too (escaping changes nothing). */
  @Test
  void stringsWithoutInterpolationsAreUnchangedByEscaping() {
    for (String value : nastyStrings()) {
      if (!value.contains("${")) {
        assertThat(YamlText.escapeInterpolations(value)).isEqualTo(value);
      }
    }
    assertThat(YamlText.escapeInterpolations("${x}")).isEqualTo("\\${x}");
    assertThat(YamlText.escapeInterpolations("a\\${x}")).isEqualTo("a\\\\\\${x}");
  }

  @Test
  void safePlainWordsStayUnquoted() {
    assertThat(YamlText.string("torchtune.models.llama3_2.lora_llama3_2_1b"))
        .isEqualTo("torchtune.models.llama3_2.lora_llama3_2_1b");
    assertThat(YamlText.string("/abs/path/to-model")).isEqualTo("/abs/path/to-model");
    assertThat(YamlText.string("yes")).isEqualTo("\"yes\"");
    assertThat(YamlText.string("00002")).startsWith("\"");
  }

  private static String escapeForMessage(String value) {
    StringBuilder out = new StringBuilder();
    value
        .codePoints()
        .forEach(
            cp -> {
              if (cp < 0x20 || cp == 0x7f || cp == 0x85 || cp == 0x2028 || cp == 0xfeff) {
                out.append(String.format("\\u%04x", cp));
              } else {
                out.appendCodePoint(cp);
              }
            });
    return out.toString();
  }

  @org.junit.jupiter.api.Test
  void thePlainSafeCheckAgreesWithItsPatternOnEveryString() {
    java.util.regex.Pattern pattern = java.util.regex.Pattern.compile("[A-Za-z_/][A-Za-z0-9_./-]*");
    String alphabet = "aZ_/09.-: #'\"${}é\n";
    java.util.Random random = new java.util.Random(14);
    java.util.List<String> samples =
        new java.util.ArrayList<>(
            java.util.List.of("", "a", "/abs/path-1.0", "1e-5", "-x", ".x", "a b", "é"));
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int length = random.nextInt(6); length > 0; length--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      samples.add(text.toString());
    }
    for (String sample : samples) {
      org.assertj.core.api.Assertions.assertThat(YamlText.plainSafe(sample))
          .as("'%s'", sample)
          .isEqualTo(pattern.matcher(sample).matches());
    }
  }
}
