package tunesmith.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself: runs without the CLI, on hand-written YAML. */
class PythonLoadersTest {
  @TempDir Path temp;

  private static final String GOOD =
      String.join(
          "\n",
          "output_dir: /out/exp/ck-out-run/",
          "batch_size: 4",
          "epochs: 1",
          "seed: 14",
          "gradient_accumulation_steps: 1",
          "log_every_n_steps: 1",
          "model:",
          "  lora_rank: 8",
          "  lora_alpha: 16",
          "  lora_dropout: 0.0",
          "tokenizer:",
          "  max_seq_len: 2048",
          "optimizer:",
          "  lr: 1.0e-05",
          "  weight_decay: 0.01",
          "lr_scheduler:",
          "  num_warmup_steps: 100",
          "metric_logger:",
          "  log_dir: ${output_dir}/logs",
          "prompt: '\\${input} stays'",
          "");

  @Test
  void bothLoadersSeeTheSameNumbersAndOnlyOmegaConfResolvesInterpolations() {
    PythonLoaders.Loaded loaded = PythonLoaders.load(write("good.yaml", GOOD)).assertBothLoaded();

    assertThat(Json.at(loaded.pyyaml(), "optimizer.lr")).isEqualTo(1.0e-5);
    assertThat(Json.at(loaded.omegaconf(), "optimizer.lr")).isEqualTo(1.0e-5);
    assertThat(Json.at(loaded.pyyaml(), "model.lora_rank")).isEqualTo(8L);
    assertThat(Json.at(loaded.pyyaml(), "metric_logger.log_dir")).isEqualTo("${output_dir}/logs");
    assertThat(Json.at(loaded.omegaconf(), "metric_logger.log_dir"))
        .isEqualTo("/out/exp/ck-out-run//logs");
    assertThat(Json.at(loaded.omegaconf(), "prompt")).isEqualTo("${input} stays");
    PythonLoaders.assertNumbersAreNumbers(loaded);
    PythonLoaders.assertLoadersAgree(loaded);
  }

  @Test
  void bareScientificNotationIsAStringToPyYamlAndIsCaught() {
    PythonLoaders.Loaded loaded =
        PythonLoaders.load(write("bare.yaml", GOOD.replace("lr: 1.0e-05", "lr: 1e-5")));

    assertThat(Json.at(loaded.pyyaml(), "optimizer.lr")).isEqualTo("1e-5");
    assertThat(Json.at(loaded.omegaconf(), "optimizer.lr")).isEqualTo(1.0e-5);
    assertThatThrownBy(() -> PythonLoaders.assertNumbersAreNumbers(loaded))
        .hasMessageContaining("pyyaml: optimizer.lr is string '1e-5', expected a float");
    assertThatThrownBy(() -> PythonLoaders.assertLoadersAgree(loaded))
        .hasMessageContaining("optimizer.lr");
  }

  @Test
  void missingOrQuotedNumbersAreCaught() {
    String text = GOOD.replace("  lora_rank: 8\n", "").replace("batch_size: 4", "batch_size: '4'");
    assertThatThrownBy(() -> PythonLoaders.assertNumbersAreNumbers(write("quoted.yaml", text)))
        .hasMessageContaining("model.lora_rank is missing")
        .hasMessageContaining("batch_size is string '4', expected an integer");
  }

  @Test
  void anUnresolvableInterpolationIsAnOmegaConfError() {
    PythonLoaders.Loaded loaded =
        PythonLoaders.load(write("dangling.yaml", GOOD + "extra: ${nowhere}\n"));

    assertThat(loaded.errors()).containsKey("omegaconf").doesNotContainKey("pyyaml");
    assertThatThrownBy(loaded::assertBothLoaded).hasMessageContaining("nowhere");
    assertThat(loaded.pyyamlMap()).containsEntry("extra", "${nowhere}");
  }

  @Test
  void malformedYamlIsReportedAsDataNotACrash() {
    PythonLoaders.Loaded loaded = PythonLoaders.load(write("bad.yaml", "a: [1, 2\nb: }\n"));

    assertThat(loaded.errors()).containsKeys("pyyaml", "omegaconf");
    assertThatThrownBy(() -> PythonLoaders.pyyaml(loaded.file()))
        .hasMessageContaining("pyyaml cannot load");
  }

  @Test
  void valuesJsonCannotHoldAreTaggedNotFlattened() {
    Map<String, Object> tree =
        PythonLoaders.pyyaml(
            write("date.yaml", "date: 2025-10-22\nlist: [a, 1, 2.5, true, null]\n"));

    assertThat(tree.get("date"))
        .isEqualTo(Map.of("__python_type__", "date", "repr", "datetime.date(2025, 10, 22)"));
    assertThat(tree.get("list")).isEqualTo(java.util.Arrays.asList("a", 1L, 2.5, true, null));
  }

  @Test
  void jsonParserRejectsTrailingContentAndKeepsIntsAndFloatsApart() {
    assertThat(Json.parseObject("{\"a\": 1, \"b\": 1.0, \"c\": [\"x\"]}"))
        .containsEntry("a", 1L)
        .containsEntry("b", 1.0)
        .containsEntry("c", List.of("x"));
    assertThatThrownBy(() -> Json.parse("{} {}")).hasMessageContaining("exactly one JSON value");
    assertThatThrownBy(() -> Json.parse("")).hasMessageContaining("no JSON");
  }

  private Path write(String name, String text) {
    Path file = temp.resolve(name);
    Fixtures.write(file, text);
    return file;
  }
}
