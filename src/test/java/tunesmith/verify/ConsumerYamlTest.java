package tunesmith.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tunesmith.problem.InputProblems;
import tunesmith.render.PythonScalarLoaders;
import tunesmith.testing.Seeds;
import tunesmith.yaml.YamlFileReader;
import tunesmith.yaml.YamlMapping;

class ConsumerYamlTest {

  @TempDir Path dir;

  private final List<String> errors = new ArrayList<>();

  private Map<String, Object> load(String yaml) throws IOException {
    Path file = Files.createTempFile(dir, "finetune", ".yaml");
    Files.writeString(file, yaml);
    InputProblems problems = new InputProblems();
    Optional<Map<String, Object>> loaded = ConsumerYaml.load(file, problems, errors);
    assertThat(problems.list()).isEmpty();
    return loaded.orElseThrow();
  }

  @Test
  void typesScalarsLikeYaml11() throws IOException {
    Map<String, Object> config =
        load(
            """
                bare: 1e-5
                dotted: 1.0e-05
                plain_float: 0.0003
                half: .5
                whole: 12
                negative: -3
                yes_word: yes
                no_word: No
                on_word: on
                true_word: true
                quoted_yes: "yes"
                quoted_number: "12"
                tilde: ~
                null_word: null
                empty:
                text: hello
                padded: "00002"
                underscored: 1_000
                """);
    assertThat(config.get("bare")).isEqualTo("1e-5");
    assertThat(config.get("dotted")).isEqualTo(1.0e-5);
    assertThat(config.get("plain_float")).isEqualTo(0.0003);
    assertThat(config.get("half")).isEqualTo(0.5);
    assertThat(config.get("whole")).isEqualTo(12L);
    assertThat(config.get("negative")).isEqualTo(-3L);
    assertThat(config.get("yes_word")).isEqualTo(true);
    assertThat(config.get("no_word")).isEqualTo(false);
    assertThat(config.get("on_word")).isEqualTo(true);
    assertThat(config.get("true_word")).isEqualTo(true);
    assertThat(config.get("quoted_yes")).isEqualTo("yes");
    assertThat(config.get("quoted_number")).isEqualTo("12");
    assertThat(config)
        .containsEntry("tilde", null)
        .containsEntry("null_word", null)
        .containsEntry("empty", null);
    assertThat(config.get("text")).isEqualTo("hello");
    assertThat(config.get("padded")).isEqualTo("00002");
    assertThat(config.get("underscored")).isEqualTo(1000L);
    assertThat(errors).isEmpty();
  }

  @Test
  void resolvesInterpolations() throws IOException {
    Map<String, Object> config =
        load(
            """
                a:
                  b: /x
                n: 5
                f: 1.5e-05
                flag: true
                joined: "${a.b}/y"
                single: "${a.b}"
                number: "${n}"
                decimal: "${f}"
                boolean: "${flag}"
                chained: "${joined}/z"
                in_text: "n=${n}"
                nested:
                  deep: "${a.b}"
                items: ["${n}", "${a.b}"]
                """);
    assertThat(config.get("joined")).isEqualTo("/x/y");
    assertThat(config.get("single")).isEqualTo("/x");
    assertThat(config.get("number")).as("a single interpolation keeps its type").isEqualTo(5L);
    assertThat(config.get("decimal")).isEqualTo(1.5e-5);
    assertThat(config.get("boolean")).isEqualTo(true);
    assertThat(config.get("chained")).isEqualTo("/x/y/z");
    assertThat(config.get("in_text")).isEqualTo("n=5");
    assertThat(((Map<?, ?>) config.get("nested")).get("deep")).isEqualTo("/x");
    assertThat(config.get("items")).isEqualTo(List.of(5L, "/x"));
    assertThat(errors).isEmpty();
  }

  @Test
  void escapedInterpolationIsLiteral() throws IOException {
    Map<String, Object> config =
        load(
            """
                x: value
                escaped: "\\\\${x}"
                escaped_in_text: "a \\\\${x} b"
                backslash_then_interpolation: "a\\\\\\\\${x}"
                """);
    assertThat(config.get("escaped")).isEqualTo("${x}");
    assertThat(config.get("escaped_in_text")).isEqualTo("a ${x} b");
    assertThat(config.get("backslash_then_interpolation")).isEqualTo("a\\value");
    assertThat(errors).isEmpty();
  }

  @Test
  void missingTargetIsReported() throws IOException {
    load(
        """
                a: 1
                broken: "${nope}"
                broken_in_text: "x ${a.missing} y"
                """);
    assertThat(errors).hasSize(2);
    assertThat(errors.get(0)).contains("nope");
    assertThat(errors.get(1)).contains("a.missing");
  }

  @Test
  void selfReferenceIsReportedNotALoop() throws IOException {
    assertThatCode(() -> load("a: \"${b}\"\nb: \"${a}\"\n")).doesNotThrowAnyException();
    assertThat(errors).isNotEmpty();
  }

  // ----- cross-check of scalar typing with PyYAML, in one python process -----

  static final List<String> PLAIN_SCALARS =
      List.of(
          "1e-5",
          "1.0e-05",
          "1.0e+15",
          "0.0003",
          ".5",
          "1.",
          "8.0",
          "-0.5",
          "+1.5",
          "12",
          "-3",
          "+7",
          "0",
          "1_000",
          "yes",
          "No",
          "ON",
          "off",
          "true",
          "False",
          "y",
          "n",
          "null",
          "~",
          "NULL",
          "abc",
          "/abs/path",
          "00002",
          "bf16",
          "cuda",
          "1.2.3",
          "017",
          "0x1F",
          "0o17",
          ".inf",
          "-.inf",
          ".nan",
          "1e3",
          "1.0e5",
          "v0.6.1",
          "1.2e3.4");

  private static PythonScalarLoaders.Readings pyyaml;

  @BeforeAll
  static void loadWithPyYaml(@TempDir Path shared) throws Exception {
    StringBuilder yaml = new StringBuilder();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < PLAIN_SCALARS.size(); i++) {
      keys.add("k" + i);
      yaml.append("k").append(i).append(": ").append(PLAIN_SCALARS.get(i)).append('\n');
    }
    pyyaml = PythonScalarLoaders.load(yaml.toString(), keys, shared);
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> scalarIndexes() {
    return java.util.stream.IntStream.range(0, PLAIN_SCALARS.size())
        .mapToObj(i -> org.junit.jupiter.params.provider.Arguments.of(i, PLAIN_SCALARS.get(i)));
  }

  @ParameterizedTest(name = "plain scalar {1}")
  @MethodSource("scalarIndexes")
  void typesPlainScalarsAsPyYamlDoes(int index, String scalar) {
    YamlMapping root =
        (YamlMapping)
            YamlFileReader.parse(Path.of("t.yaml"), "k: " + scalar + "\n", new InputProblems())
                .orElseThrow();
    Object[] typed = new Object[1];
    assertThatCode(() -> typed[0] = ConsumerYaml.typed(root.get("k").orElseThrow()))
        .as("typing plain scalar %s", scalar)
        .doesNotThrowAnyException();
    PythonScalarLoaders.Loaded python = pyyaml.pyyaml().get("k" + index);
    Object value = typed[0];
    String javaType =
        value == null
            ? "NoneType"
            : value instanceof Long
                ? "int"
                : value instanceof Double
                    ? "float"
                    : value instanceof Boolean
                        ? "bool"
                        : value instanceof String ? "str" : value.getClass().getSimpleName();
    assertThat(javaType)
        .as("type of %s (PyYAML: %s %s)", scalar, python.type(), python.text())
        .isEqualTo(python.type());
    switch (javaType) {
      case "int" -> assertThat(value).isEqualTo(Long.parseLong(python.text()));
      case "float" ->
          assertThat(Double.compare((Double) value, pythonFloat(python.text()))).isZero();
      case "bool" -> assertThat(value).isEqualTo(Boolean.parseBoolean(python.text()));
      case "str" -> assertThat(value).isEqualTo(python.text());
      default -> {}
    }
  }

  /** Python spells the special floats inf, -inf and nan. */
  private static double pythonFloat(String text) {
    return switch (text) {
      case "inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      case "nan" -> Double.NaN;
      default -> Double.parseDouble(text);
    };
  }

  /**
   * The direct recognition of whole numbers, decimals, true, false and null gives what the patterns
   * give, for random plain scalars built from the characters those forms use.
   */
  @Test
  void directRecognitionAgreesWithThePatterns() {
    long seed = 20261130L;
    System.out.println("directRecognitionAgreesWithThePatterns seed " + seed);
    java.util.Random random = new java.util.Random(seed);
    String alphabet = "0123456789._-+eExXbBtrufalsnyoNOYTF~";
    List<String> samples =
        new ArrayList<>(
            List.of(
                "",
                "0",
                "00",
                "007",
                "0.",
                ".5",
                "1.",
                "1.5",
                "01.5",
                "123456789012345678",
                "1234567890123456789",
                "99999999999999999999",
                "true",
                "false",
                "null",
                "True",
                "1_000",
                "1e-5",
                "1.0e-5",
                "1.0e+5",
                "0x1F",
                "0b101",
                "-1",
                "+1",
                "~",
                "yes",
                "Yes",
                "YES",
                "yES",
                "no",
                "No",
                "NO",
                "on",
                "On",
                "ON",
                "oN",
                "off",
                "Off",
                "OFF",
                "True",
                "TRUE",
                "tRUE",
                "False",
                "FALSE",
                "Null",
                "NULL",
                "nULL",
                "nan",
                ".nan",
                ".NaN",
                ".inf",
                "-.Inf",
                "+.INF",
                "offline",
                "torchtune.models",
                "n",
                "y"));
    for (int i = 0; i < 50_000; i++) {
      samples.add(Seeds.word(random, alphabet, 22));
    }
    for (String text : samples) {
      assertThat(ConsumerYaml.plainScalar(text))
          .as("plain scalar '%s'", text)
          .isEqualTo(ConsumerYaml.byPatterns(text));
    }
  }
}
