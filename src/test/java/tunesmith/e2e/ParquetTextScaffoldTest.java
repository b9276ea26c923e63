package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Fixtures;

/**
 * experiments/parquet_text: the base Llama-3.2-1B, a parquet dataset folder, dataset_type
 * text_completion, training_samples and validation. The cruijff_kit-2026.01 format's target
 * (cruijff_kit-2026.01) cannot run it: cruijff_kit 54b38e6 has no text_completion builder, its
 * chat_completion builder raises unless the source is json, and takes no max_samples. Each is an
 * input error before anything is written, naming the setting and the target.
 */
class ParquetTextScaffoldTest {
  private static final String PARQUET_PATH = "/scratch/gpfs/EXAMPLE/jdoe/data/poems/poems_parquet";

  @TempDir Path temp;

  private CliResult scaffold(Map<String, String> replacements, String... extra) throws Exception {
    Path experiment = Fixtures.experiment("parquet_text", temp, replacements);
    Path cwd = Files.createDirectories(temp.resolve("cwd"));
    String[] args = new String[extra.length + 2];
    args[0] = "scaffold";
    args[1] = experiment.toString();
    System.arraycopy(extra, 0, args, 2, extra.length);
    CliResult result = Cli.run(cwd, args);
    assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
    assertThat(Fixtures.listing(experiment))
        .as("nothing written")
        .containsExactlyInAnyOrder("claude.local.md", "experiment_summary.yaml");
    return result;
  }

  @Test
  void textCompletionIsRefusedForTheJanuaryTarget() throws Exception {
    CliResult result = scaffold(Map.of());
    assertThat(result.err())
        .contains("dataset_type 'text_completion'")
        .contains("text_rank4", "text_rank32")
        .contains("target cruijff_kit-2026.01")
        .contains("not defined at 54b38e6")
        .doesNotContain("Exception");
  }

  @Test
  void parquetWithChatCompletionIsRefusedNamingTheSourceAndTheMaxSamples() throws Exception {
    CliResult result =
        scaffold(Map.of("dataset_type: text_completion", "dataset_type: chat_completion"));
    assertThat(result.err())
        .contains("dataset.source")
        .contains("raises on parquet: it accepts only json")
        .contains("training_samples")
        .contains("dataset.max_samples")
        .contains("target cruijff_kit-2026.01");
  }

  @Test
  void jsonChatCompletionWithTrainingSamplesIsRefusedForMaxSamplesOnly() throws Exception {
    CliResult result =
        scaffold(
            Map.of(
                "dataset_type: text_completion",
                "dataset_type: chat_completion",
                "format: parquet",
                "format: json",
                PARQUET_PATH,
                PARQUET_PATH + ".json"));
    assertThat(result.err())
        .contains("training_samples '200'")
        .contains("dataset.max_samples")
        .contains("unknown key")
        .doesNotContain("dataset.source");
  }

  @Test
  void parquetIsRefusedByTheTextCompletionGuardOfCruijffKit03() throws Exception {
    CliResult result = scaffold(Map.of(), "--target", "cruijff_kit-0.3");
    assertThat(result.err())
        .contains("dataset.source")
        .contains("text_completion_dataset raises on parquet: it accepts only json")
        .contains("target cruijff_kit-0.3")
        .doesNotContain("max_samples");
  }

  @Test
  void jsonTextCompletionWithTrainingSamplesRunsOnCruijffKit03() throws Exception {
    Path experiment =
        Fixtures.experiment(
            "parquet_text",
            temp,
            Map.of("format: parquet", "format: json", PARQUET_PATH, PARQUET_PATH + ".json"));
    Path cwd = Files.createDirectories(temp.resolve("cwd"));
    CliResult result =
        Cli.run(cwd, "scaffold", experiment.toString(), "--target", "cruijff_kit-0.3", "--json");
    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.out()).contains("\"target\" : \"cruijff_kit-0.3\"");
    assertThat(Files.readString(experiment.resolve("text_rank4/finetune.yaml")))
        .contains("text_completion.text_completion_dataset")
        .contains("max_samples: 200")
        .doesNotContain("system_prompt");
  }

  @Test
  void anUnknownTargetIsAUsageErrorNamingTheKnownOnes() throws Exception {
    Path experiment = Fixtures.experiment("parquet_text", temp);
    CliResult result =
        Cli.run(
            Files.createDirectories(temp.resolve("cwd")),
            "scaffold",
            experiment.toString(),
            "--target",
            "cruijff_kit-9");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("cruijff_kit-2026.01", "cruijff_kit-0.3");
  }
}
