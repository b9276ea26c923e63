package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static tunesmith.testing.Expect.normpath;
import static tunesmith.testing.Json.at;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tunesmith.testing.PythonLoaders;
import tunesmith.testing.ScaffoldLog;
import tunesmith.testing.SlurmScript;

/**
 * experiments/multi_model: 1B, 8B and 70B in one experiment; learning rates written as {@code
 * 2e-5}, {@code "2e-5"} and {@code 0.0003}; a per-run batch_size for the 8B; per-run
 * slurm_overrides; validation on. Resources follow README "SLURM resources" (catalog, then
 * claude.local.md, then the run).
 */
class MultiModelScaffoldTest {
  static final String BASE = "/scratch/gpfs/EXAMPLE/jdoe/ck-outputs/multi_model_2025-11-03";
  static final String MODELS = "/scratch/gpfs/EXAMPLE/pretrained-llms/";
  static final String RUN_1B = "1B_lr2e-5";
  static final String RUN_8B = "8B_lr2e-5";
  static final String RUN_70B = "70B_lr3e-4";
  static final List<String> RUNS = List.of(RUN_1B, RUN_8B, RUN_70B);

  /** The experiment validates: on one GPU only the _nightly recipe has a validation loop. */
  static final String SINGLE_DEVICE =
      "cruijff_kit.tools.torchtune.custom_recipes.lora_finetune_single_device_nightly.__main__";

  @TempDir static Path temp;

  static Scaffolded scaffolded;

  @BeforeAll
  static void scaffoldOnce() {
    scaffolded = Scaffolded.scaffold("multi_model", temp);
  }

  @Test
  void scaffoldsTheThreeFineTunedRunsAndSkipsTheControl() {
    scaffolded.assertSucceeded();
    assertThat(scaffolded.result.out())
        .startsWith("## Scaffold Torchtune Complete")
        .contains("Successfully created 3 fine-tuning runs in:")
        .contains("Llama-3.1-8B-Instruct_base");
    for (String run : RUNS) {
      assertThat(scaffolded.result.out()).containsPattern("(?m)^✓ " + Pattern.quote(run) + "/$");
    }
    assertThat(scaffolded.experiment.resolve("Llama-3.1-8B-Instruct_base")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {RUN_1B, RUN_8B, RUN_70B})
  void numbersAreNumbersInBothLoadersWhateverNotationTheUserUsed(String run) {
    PythonLoaders.assertNumbersAreNumbers(scaffolded.finetune(run));
    PythonLoaders.assertLoadersAgree(scaffolded.finetune(run));
  }

  @ParameterizedTest
  @CsvSource({
    RUN_1B
        + ",  Llama-3.2-1B-Instruct,  torchtune.models.llama3_2.lora_llama3_2_1b,  LLAMA3_2, 2e-5, 8",
    RUN_8B
        + ",  Llama-3.1-8B-Instruct,  torchtune.models.llama3_1.lora_llama3_1_8b,  LLAMA3,   2e-5, 2",
    RUN_70B
        + ", Llama-3.3-70B-Instruct, torchtune.models.llama3_3.lora_llama3_3_70b, LLAMA3,   3e-4, 8"
  })
  void finetuneYamlFollowsTheCatalogForEachModel(
      String run, String model, String component, String modelType, double lr, long batchSize) {
    for (Object c :
        List.of(scaffolded.finetune(run).pyyaml(), scaffolded.finetune(run).omegaconf())) {
      assertThat(at(c, "model._component_")).isEqualTo(component);
      assertThat(at(c, "checkpointer.model_type")).isEqualTo(modelType);
      assertThat((Double) at(c, "optimizer.lr")).isCloseTo(lr, within(lr * 1e-9));
      assertThat(at(c, "batch_size")).as("run parameter over controls").isEqualTo(batchSize);
      assertThat(at(c, "epochs")).isEqualTo(2L);
      assertThat(at(c, "seed")).isEqualTo(42L);
      assertThat(at(c, "model.lora_rank")).isEqualTo(16L);
      assertThat(at(c, "model.lora_alpha")).isEqualTo(32L);
      assertThat(at(c, "model.lora_dropout")).isEqualTo(0.05);
      assertThat(at(c, "optimizer.weight_decay")).isEqualTo(0.05);
    }
    Map<String, Object> c = scaffolded.resolved(run);
    assertThat(normpath(at(c, "checkpointer.checkpoint_dir"))).isEqualTo(MODELS + model);
    assertThat(at(c, "tokenizer._component_"))
        .isEqualTo("torchtune.models.llama3.llama3_tokenizer");
    assertThat(normpath(at(c, "tokenizer.path")))
        .isEqualTo(MODELS + model + "/original/tokenizer.model");
    assertThat(c.get("my_wandb_project")).isEqualTo("size_sweeps");
    assertThat(c.get("output_dir")).isEqualTo(Scaffolded.outputDir(BASE, run));
    assertThat(normpath(at(c, "dataset.data_files")))
        .isEqualTo("/scratch/gpfs/EXAMPLE/jdoe/data/qa/qa_train_4000.json");
    assertThat(c.get("dataset_label"))
        .as("data.training.dataset_label is an alias of label")
        .isEqualTo("qa_train_4000");
    assertThat(at(c, "dataset.system_prompt")).isEqualTo("You are a careful assistant.");
    if (run.equals(RUN_70B)) {
      // Four GPUs: the distributed recipe has no validation loop and never reads these keys.
      assertThat(c).doesNotContainKeys("run_val_every_n_steps", "dataset_val", "batch_size_val");
      assertThat(scaffolded.result.out()).contains(RUN_70B + ": validation is asked for");
    } else {
      assertThat(c.get("run_val_every_n_steps"))
          .as("never 0 when validation was asked for")
          .isEqualTo(50L);
      assertThat(at(c, "dataset_val.split")).isEqualTo("validation");
    }
  }

  @Test
  void oneBillionModelListsItsSingleCheckpointFile() {
    assertThat(at(scaffolded.resolved(RUN_1B), "checkpointer.checkpoint_files"))
        .isEqualTo(List.of("model.safetensors"));
  }

  @ParameterizedTest
  @CsvSource({RUN_8B + ", 00004", RUN_70B + ", 00030"})
  void shardedModelsListCheckpointFilesAsAMappingWithAStringMaxFilename(
      String run, String maxFilename) {
    for (Object c :
        List.of(scaffolded.finetune(run).pyyaml(), scaffolded.finetune(run).omegaconf())) {
      assertThat(at(c, "checkpointer.checkpoint_files"))
          .isEqualTo(
              Map.of("filename_format", "model-{}-of-{}.safetensors", "max_filename", maxFilename));
    }
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "-",
      value = {
        RUN_1B + ",  40G,  4, gpu:1, nomig, -,     01:30:00",
        RUN_8B + ",  80G,  8, gpu:1, -,     amd,   04:00:00",
        RUN_70B + ", 400G, 8, gpu:4, -,     gpu80, 12:00:00"
      })
  void slurmResourcesComeFromTheCatalogUnlessTheRunOverridesThem(
      String run,
      String mem,
      String cpus,
      String gres,
      String partition,
      String constraint,
      String time) {
    SlurmScript s = scaffolded.slurm(run);
    assertThat(s.bashSyntaxCheck().exitCode()).isZero();
    assertThat(s.option("job-name")).contains(run);
    assertThat(s.option("mem")).contains(mem);
    assertThat(s.option("cpus-per-task")).contains(cpus);
    assertThat(s.option("gres")).contains(gres);
    assertThat(s.option("time")).as("slurm_overrides.time").contains(time);
    assertThat(s.option("account")).contains("example_lab");
    assertThat(s.option("partition")).isEqualTo(java.util.Optional.ofNullable(partition));
    assertThat(s.option("constraint")).isEqualTo(java.util.Optional.ofNullable(constraint));
    assertThat(s.option("output").map(o -> normpath(o)))
        .contains(normpath(Scaffolded.outputDir(BASE, run) + "slurm-%j.out"));
  }

  @ParameterizedTest
  @ValueSource(strings = {RUN_1B, RUN_8B})
  void singleGpuRunsUseTheCustomSingleDeviceRecipe(String run) {
    String tune = scaffolded.slurm(run).commandContaining("tune run");
    assertThat(tune)
        .contains(
            "tune run " + SINGLE_DEVICE + " --config " + scaffolded.runDir(run) + "/finetune.yaml");
  }

  @Test
  void seventyBillionRunUsesTheDistributedRecipeOnFourGpus() {
    String tune = scaffolded.slurm(RUN_70B).commandContaining("tune run");
    assertThat(tune)
        .matches(
            ".*tune run --nproc_per_node=4 "
                + "(lora_finetune_distributed|cruijff_kit\\.tools\\.torchtune\\.custom_recipes\\.lora_finetune_distributed_stable\\.__main__)"
                + " --config "
                + Pattern.quote(scaffolded.runDir(RUN_70B) + "/finetune.yaml")
                + ".*");
  }

  @Test
  void environmentLinesComeFromClaudeLocalMdInOrder() {
    SlurmScript slurm = scaffolded.slurm(RUN_8B);
    int purge = slurm.indexOfCommand("module purge");
    int load = slurm.indexOfCommand("module load anaconda3/2025.6");
    int conda = slurm.indexOfCommand("conda activate cruijff_gpu");
    assertThat(purge).isNotNegative();
    assertThat(load).isGreaterThan(purge);
    assertThat(conda).isGreaterThan(load);
  }

  @Test
  void setupFilesKeepTheLearningRateNotationAndCarryTheOverrides() {
    assertThat(scaffolded.setupText(RUN_1B)).containsPattern("(?m)^lr: ?['\"]?2e-5['\"]?\\s*$");
    assertThat(scaffolded.setupText(RUN_8B)).containsPattern("(?m)^lr: ?['\"]?2e-5['\"]?\\s*$");
    assertThat(scaffolded.setupText(RUN_70B))
        .containsPattern("(?m)^lr: ?['\"]?0\\.0003['\"]?\\s*$");
    assertThat(scaffolded.setup(RUN_8B))
        .containsEntry("batch_size", 2L)
        .containsEntry("constraint", "amd")
        .containsEntry("time", "04:00:00");
    assertThat(scaffolded.setup(RUN_70B))
        .containsEntry("mem", "400G")
        .containsEntry("time", "12:00:00");
    assertThat(scaffolded.setup(RUN_1B))
        .containsEntry("batch_size", 8L)
        .containsEntry("seed", 42L)
        .containsEntry("weight_decay", 0.05)
        .containsEntry("lora_dropout", 0.05)
        .containsEntry("gradient_accumulation_steps", 1L)
        .containsEntry("conda_env", "cruijff_gpu")
        .containsEntry("account", "example_lab")
        .containsEntry(
            "custom_recipe",
            "cruijff_kit.tools.torchtune.custom_recipes.lora_finetune_single_device_nightly");
    assertThat(scaffolded.setup(RUN_1B))
        .as("claude.local.md leaves partition and constraint unfilled")
        .doesNotContainKeys("partition", "constraint");
  }

  @Test
  void validationOnTheFourGpuRunIsWarnedAboutAndOnlyThere() {
    ScaffoldLog log = scaffolded.log();
    assertThat(log.warningsMentioning(RUN_70B, "validation")).as(log.text()).isNotEmpty();
    assertThat(log.warningsMentioning(RUN_1B, "validation")).isEmpty();
    assertThat(log.warningsMentioning(RUN_8B, "validation")).isEmpty();
  }

  @Test
  void learningRatesInAnyNotationMatchTheVariablesAndStepsAreEnough() {
    ScaffoldLog log = scaffolded.log();
    assertThat(log.warningsMatching(WarningsTest.LEARNING_RATE))
        .as("2e-5, \"2e-5\" and 0.0003 are all listed values\n%s", log.text())
        .isEmpty();
    assertThat(log.warningsMentioning("warmup"))
        .as("4000 samples: plenty of steps\n%s", log.text())
        .isEmpty();
    assertThat(log.warningsMentioning("batch_size"))
        .as("a per-run batch_size is not a variable disagreement")
        .isEmpty();
  }
}
