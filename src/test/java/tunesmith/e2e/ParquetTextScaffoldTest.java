package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static tunesmith.testing.Expect.normpath;
import static tunesmith.testing.Json.at;
import static tunesmith.testing.Json.has;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tunesmith.testing.PythonLoaders;
import tunesmith.testing.ScaffoldLog;

/**
 * experiments/parquet_text: the base Llama-3.2-1B, a parquet dataset folder, dataset_type
 * text_completion with a system_prompt (warned about and dropped), training_samples
 * (dataset.max_samples, warned about) and validation.
 */
class ParquetTextScaffoldTest {
  static final String FOLDER = "/scratch/gpfs/EXAMPLE/jdoe/data/poems/poems_parquet";
  static final String MODEL_DIR = "/scratch/gpfs/EXAMPLE/pretrained-llms/Llama-3.2-1B";
  static final List<String> RUNS = List.of("text_rank4", "text_rank32");

  @TempDir static Path temp;

  static Scaffolded scaffolded;

  @BeforeAll
  static void scaffoldOnce() {
    scaffolded = Scaffolded.scaffold("parquet_text", temp);
  }

  @Test
  void scaffoldSucceedsWithWarningsOnly() {
    scaffolded.assertSucceeded();
    assertThat(scaffolded.result.out())
        .startsWith("## Scaffold Torchtune Complete")
        .contains("Successfully created 2 fine-tuning runs in:");
  }

  @ParameterizedTest
  @ValueSource(strings = {"text_rank4", "text_rank32"})
  void datasetReadsTheParquetFolderWithTheTextCompletionComponentAndNoSystemPrompt(String run) {
    PythonLoaders.assertNumbersAreNumbers(scaffolded.finetune(run));
    PythonLoaders.assertLoadersAgree(scaffolded.finetune(run));
    for (Object c :
        List.of(scaffolded.finetune(run).pyyaml(), scaffolded.finetune(run).omegaconf())) {
      assertThat(has(c, "dataset.system_prompt"))
          .as("text_completion rejects system_prompt")
          .isFalse();
      assertThat(has(c, "dataset_val.system_prompt")).isFalse();
    }
    Map<String, Object> c = scaffolded.resolved(run);
    assertThat(at(c, "dataset._component_"))
        .isEqualTo("cruijff_kit.tools.torchtune.datasets.text_completion.text_completion_dataset");
    assertThat(at(c, "dataset.source")).isEqualTo("parquet");
    assertThat(normpath(at(c, "dataset.data_files"))).isEqualTo(FOLDER + "/train.parquet");
    assertThat(at(c, "dataset.split")).isEqualTo("train");
    assertThat(at(c, "dataset.prompt")).isEqualTo("{input}");
    assertThat(at(c, "dataset.max_samples")).as("training_samples").isEqualTo(200L);
    assertThat(normpath(at(c, "dataset.model_path"))).isEqualTo(MODEL_DIR);
    assertThat(c.get("run_val_every_n_steps")).isEqualTo(50L);
    assertThat(at(c, "dataset_val._component_")).isEqualTo(at(c, "dataset._component_"));
    assertThat(at(c, "dataset_val.source")).isEqualTo("parquet");
    assertThat(normpath(at(c, "dataset_val.data_files"))).isEqualTo(FOLDER + "/validation.parquet");
    assertThat(has(c, "dataset_val.max_samples")).as("the validation set is not sliced").isFalse();
    assertThat(normpath(c.get("input_dir"))).isEqualTo("/scratch/gpfs/EXAMPLE/jdoe/data/poems");
    assertThat(c.get("dataset_label")).isEqualTo("poems_parquet");
  }

  @Test
  void baseModelUsesTheOneBillionCatalogEntry() {
    Map<String, Object> c = scaffolded.resolved("text_rank32");
    assertThat(at(c, "model._component_")).isEqualTo("torchtune.models.llama3_2.lora_llama3_2_1b");
    assertThat(at(c, "model.lora_rank")).isEqualTo(32L);
    assertThat(at(c, "model.lora_alpha")).isEqualTo(64L);
    assertThat(at(c, "checkpointer.model_type")).isEqualTo("LLAMA3_2");
    assertThat(at(c, "checkpointer.checkpoint_files")).isEqualTo(List.of("model.safetensors"));
    assertThat(normpath(at(c, "tokenizer.path")))
        .isEqualTo(MODEL_DIR + "/original/tokenizer.model");
    assertThat(scaffolded.slurm("text_rank32").option("mem")).contains("40G");
  }

  @Test
  void setupFileDescribesTheParquetFolder() {
    Map<String, Object> s = scaffolded.setup("text_rank4");
    assertThat(s.get("input_dir_base")).isEqualTo("/scratch/gpfs/EXAMPLE/jdoe/data/poems/");
    assertThat(s.get("dataset_label")).isEqualTo("poems_parquet");
    assertThat(s.get("dataset_ext")).isEqualTo("/");
    assertThat(s.get("dataset_type")).isEqualTo("text_completion");
    assertThat(s.get("training_samples")).as("a controls key of section 4").isEqualTo(200L);
    assertThat(s.get("torchtune_model_name")).isEqualTo("Llama-3.2-1B");
  }

  @Test
  void warnsThatTheSystemPromptIsDroppedAndMaxSamplesNeedsANewerComponent() {
    ScaffoldLog log = scaffolded.log();
    for (String run : RUNS) {
      assertThat(log.warningsMentioning(run, "system_prompt"))
          .as("system_prompt dropped for %s\n%s", run, log.text())
          .isNotEmpty();
      assertThat(
              log.warningsMentioning(run, "max_samples").isEmpty()
                  && log.warningsMentioning(run, "training_samples").isEmpty())
          .as("training_samples -> max_samples warning for %s\n%s", run, log.text())
          .isFalse();
      assertThat(log.warningsMentioning(run, "warmup"))
          .as("200 samples / 16 = 13 steps < 100 warmup steps")
          .isNotEmpty();
    }
  }
}
