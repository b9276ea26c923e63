package tunesmith.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tunesmith.problem.InputProblems;
import tunesmith.yaml.YamlFileReader;
import tunesmith.yaml.YamlMapping;
import tunesmith.yaml.YamlNode;
import tunesmith.yaml.YamlScalar;
import tunesmith.yaml.YamlSequence;

/**
 * The names match what cruijff_kit's own config_hash.resolve_dataset_path gave for the same blocks
 * (src/test/resources/config_hash/expected.yaml, written by scripts/config-hash-expected).
 */
class GeneratedDatasetNameTest {

  private static Path fixtures() {
    try {
      return Path.of(GeneratedDatasetNameTest.class.getResource("/config_hash/cases.yaml").toURI())
          .getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static YamlMapping yaml(Path file, String text) {
    InputProblems problems = new InputProblems();
    YamlNode root = YamlFileReader.parse(file, text, problems).orElseThrow();
    assertThat(problems.list()).isEmpty();
    return (YamlMapping) root;
  }

  static Stream<Arguments> cases() throws IOException {
    Path dir = fixtures();
    String text = Files.readString(dir.resolve("cases.yaml")).replace("@DIR@", dir.toString());
    InputProblems problems = new InputProblems();
    YamlSequence cases =
        (YamlSequence)
            YamlFileReader.parse(dir.resolve("cases.yaml"), text, problems).orElseThrow();
    YamlMapping expected =
        yaml(dir.resolve("expected.yaml"), Files.readString(dir.resolve("expected.yaml")));
    List<Arguments> arguments = new ArrayList<>();
    for (YamlNode node : cases.items()) {
      YamlMapping one = (YamlMapping) node;
      String condition = ((YamlScalar) one.get("condition").orElseThrow()).text();
      YamlMapping want = (YamlMapping) expected.get(condition).orElseThrow();
      arguments.add(
          Arguments.of(
              condition,
              one.get("data_generation").orElseThrow(),
              ((YamlScalar) want.get("path").orElseThrow()).text(),
              ((YamlScalar) want.get("payload").orElseThrow()).text()));
    }
    assertThat(arguments).hasSize(expected.entries().size()).isNotEmpty();
    return arguments.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void sameNameAsCruijffKit(String condition, YamlMapping block, String path, String payload)
      throws Exception {
    // The name's hash is the payload's: what cruijff_kit hashed is what tunesmith hashes.
    String hash =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(payload.getBytes(StandardCharsets.UTF_8)));
    assertThat(Path.of(path).getFileName().toString()).contains("_" + hash.substring(0, 8) + ".");
    assertThat(GeneratedDatasetName.train(block, condition))
        .isEqualTo(new GeneratedDatasetName.Name(Path.of(path).getFileName().toString()));
  }

  @Test
  void unknownConditionIsRefused() throws IOException {
    YamlMapping block = firstBlock();
    assertThat(GeneratedDatasetName.train(block, "dict_basci"))
        .isInstanceOfSatisfying(
            GeneratedDatasetName.Refused.class,
            refused -> assertThat(refused.reason()).contains("no condition 'dict_basci'"));
  }

  @Test
  void unreadableSourceIsRefused(@org.junit.jupiter.api.io.TempDir Path temp) throws IOException {
    String text =
        "source: "
            + temp.resolve("absent.csv")
            + "\nschema: "
            + temp.resolve("absent.yaml")
            + "\nconditions: {c: {features: [A]}}\n";
    assertThat(GeneratedDatasetName.train(yaml(temp.resolve("x.yaml"), text), "c"))
        .isInstanceOfSatisfying(
            GeneratedDatasetName.Refused.class,
            refused ->
                assertThat(refused.reason()).contains("absent.csv").contains("cannot be read"));
  }

  @Test
  void relativeSourceIsRefused(@org.junit.jupiter.api.io.TempDir Path temp) {
    String text = "source: data/x.csv\nschema: /s.yaml\nconditions: {c: {}}\n";
    assertThat(GeneratedDatasetName.train(yaml(temp.resolve("x.yaml"), text), "c"))
        .isInstanceOf(GeneratedDatasetName.Refused.class);
  }

  private static YamlMapping firstBlock() throws IOException {
    Path dir = fixtures();
    String text = Files.readString(dir.resolve("cases.yaml")).replace("@DIR@", dir.toString());
    YamlSequence cases =
        (YamlSequence)
            YamlFileReader.parse(dir.resolve("cases.yaml"), text, new InputProblems())
                .orElseThrow();
    return (YamlMapping) ((YamlMapping) cases.items().get(0)).get("data_generation").orElseThrow();
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "0.1, 0.1",
    "1e-05, 1e-05",
    "0.0001, 0.0001",
    "1e16, 1e+16",
    "1e15, 1000000000000000.0",
    "50000, 50000.0",
    "0.12345678901234568, 0.12345678901234568",
    "-2.5e-7, -2.5e-07",
    "123456789e100, 1.23456789e+108"
  })
  void floatsAsPythonWritesThem(double value, String python) {
    assertThat(PythonJson.floatText(value)).isEqualTo(python);
  }
}
