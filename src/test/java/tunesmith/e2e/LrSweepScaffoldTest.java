package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static tunesmith.testing.Expect.normpath;
import static tunesmith.testing.Json.at;
import static tunesmith.testing.Json.has;

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
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;
import tunesmith.testing.PythonLoaders;
import tunesmith.testing.ScaffoldLog;
import tunesmith.testing.SlurmScript;

/**
 * {@code tunesmith scaffold} on the shipped example (experiments/lr_sweep, a copy of
 * /work/shared/examples/cap_lora_lr_sweep): 2 ranks x 2 learning rates on Llama-3.2-1B-Instruct,
 * one MIG run, one control, validation during training. Expected values come from docs/KEYS.md,
 * docs/FILES.md and the README.
 */
class LrSweepScaffoldTest {
  static final String EXPERIMENT_NAME = "cap_4L_lora_lr_sweep_2025-10-22";
  static final String OUTPUT_BASE = "/scratch/gpfs/MSALGANIK/niznik/ck-outputs/" + EXPERIMENT_NAME;
  static final String MODEL_DIR = "/scratch/gpfs/MSALGANIK/pretrained-llms/Llama-3.2-1B-Instruct";
  static final String DATA_DIR = "/scratch/gpfs/MSALGANIK/niznik/data/capitalization";
  static final String DATA_FILE = DATA_DIR + "/words_4L_80P_300.json";
  static final List<String> RUNS =
      List.of("rank8_lr1e-5", "rank8_lr5e-5", "rank16_lr1e-5", "rank16_lr5e-5");
  static final String MIG_RUN = "rank16_lr5e-5";
  static final String CONTROL = "Llama-3.2-1B-Instruct_base";

  /** The sweep validates on one GPU: the only single-device recipe with a validation loop. */
  static final String SINGLE_DEVICE_RECIPE =
      "cruijff_kit.tools.torchtune.custom_recipes.lora_finetune_single_device_nightly";

  @TempDir static Path temp;

  static Scaffolded scaffolded;

  @BeforeAll
  static void scaffoldOnce() {
    scaffolded = Scaffolded.scaffold("lr_sweep", temp);
  }

  @Test
  void exitsZeroWithTheCompletionReport() {
    scaffolded.assertSucceeded();
    Expect.noStackTrace(scaffolded.result);
    String out = scaffolded.result.out();
    assertThat(out).startsWith("## Scaffold Torchtune Complete");
    assertThat(out).contains("Successfully created 4 fine-tuning runs in:");
    assertThat(out).contains("`" + scaffolded.experiment + "/`");
    assertThat(out).contains("### Created Runs");
    for (String run : RUNS) {
      assertThat(out).containsPattern("(?m)^✓ " + Pattern.quote(run) + "/$");
    }
    assertThat(out).as("control run listed as skipped").contains(CONTROL);
    assertThat(out)
        .as("log path in the report")
        .contains(scaffolded.experiment.resolve("scaffold-torchtune.log").toString());
    assertThat(out).as("NO_COLOR is set: no ANSI escapes").doesNotContain("\u001b[");
  }

  @Test
  void writesExactlyThreeFilesPerFineTunedRunAndNothingForTheControl() {
    scaffolded.assertSucceeded();
    for (String run : RUNS) {
      assertThat(Fixtures.listing(scaffolded.runDir(run)))
          .as(run)
          .containsExactlyElementsOf(Scaffolded.RUN_FILES);
    }
    assertThat(Fixtures.listing(scaffolded.experiment))
        .containsExactlyInAnyOrder(
            "claude.local.md",
            "experiment_summary.yaml",
            "scaffold-torchtune.log",
            ".tunesmith",
            "rank8_lr1e-5",
            "rank8_lr5e-5",
            "rank16_lr1e-5",
            "rank16_lr5e-5");
    assertThat(Fixtures.listing(scaffolded.experiment.resolve(".tunesmith")))
        .as("the experiment lock is released")
        .isEmpty();
    assertThat(Fixtures.listing(scaffolded.cwd))
        .as("nothing written to the working directory")
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"rank8_lr1e-5", "rank8_lr5e-5", "rank16_lr1e-5", "rank16_lr5e-5"})
  void finetuneYamlLoadsInPyYamlAndOmegaConfWithNumbersAsNumbers(String run) {
    PythonLoaders.Loaded loaded = scaffolded.finetune(run);
    PythonLoaders.assertNumbersAreNumbers(loaded);
    PythonLoaders.assertLoadersAgree(loaded);
  }

  @ParameterizedTest
  @CsvSource({
    "rank8_lr1e-5, 8, 1e-5",
    "rank8_lr5e-5, 8, 5e-5",
    "rank16_lr1e-5, 16, 1e-5",
    "rank16_lr5e-5, 16, 5e-5"
  })
  void finetuneYamlCarriesEachRunsSweptParameters(String run, long rank, double lr) {
    for (Object tree :
        List.of(scaffolded.finetune(run).pyyaml(), scaffolded.finetune(run).omegaconf())) {
      assertThat(at(tree, "model.lora_rank")).as(run + " model.lora_rank").isEqualTo(rank);
      assertThat(at(tree, "model.lora_alpha"))
          .as(run + " model.lora_alpha = 2 x rank")
          .isEqualTo(2 * rank);
      assertThat(at(tree, "optimizer.lr"))
          .as(run + " optimizer.lr is a float")
          .isInstanceOf(Double.class);
      assertThat((Double) at(tree, "optimizer.lr"))
          .as(run + " optimizer.lr")
          .isCloseTo(lr, within(lr * 1e-9));
      assertThat(at(tree, "batch_size")).isEqualTo(4L);
      assertThat(at(tree, "epochs")).isEqualTo(1L);
      assertThat(at(tree, "my_wandb_run_name")).isEqualTo(run);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"rank8_lr1e-5", "rank8_lr5e-5", "rank16_lr1e-5", "rank16_lr5e-5"})
  void finetuneYamlResolvesToTheSpecifiedTorchtuneConfig(String run) {
    Map<String, Object> c = scaffolded.resolved(run);
    String outputDir = Scaffolded.outputDir(OUTPUT_BASE, run);

    assertThat(c.get("my_wandb_project"))
        .as("claude.local.md's project wins over output.wandb_project")
        .isEqualTo("cruijff_kit");
    assertThat(c.get("output_dir")).isEqualTo(outputDir);
    assertThat(normpath(c.get("input_dir"))).isEqualTo(DATA_DIR);
    assertThat(normpath(c.get("models_dir"))).isEqualTo("/scratch/gpfs/MSALGANIK/pretrained-llms");
    assertThat(c.get("dataset_label")).isEqualTo("words_4L_80P_300");
    assertThat(c.get("seed")).isEqualTo(14L);
    assertThat(c.get("shuffle")).isEqualTo(true);
    assertThat(c.get("gradient_accumulation_steps")).isEqualTo(1L);
    assertThat(c).containsKey("max_steps_per_epoch");
    assertThat(c.get("max_steps_per_epoch")).isNull();
    assertThat(c).doesNotContainKey("batch_size_val");

    assertThat(at(c, "model._component_")).isEqualTo("torchtune.models.llama3_2.lora_llama3_2_1b");
    assertThat(at(c, "model.lora_attn_modules"))
        .isEqualTo(List.of("q_proj", "v_proj", "output_proj"));
    assertThat(at(c, "model.apply_lora_to_mlp")).isEqualTo(true);
    assertThat(at(c, "model.lora_dropout")).isEqualTo(0.0);

    assertThat(at(c, "tokenizer._component_"))
        .isEqualTo("torchtune.models.llama3.llama3_tokenizer");
    assertThat(normpath(at(c, "tokenizer.path")))
        .isEqualTo(MODEL_DIR + "/original/tokenizer.model");
    assertThat(at(c, "tokenizer.max_seq_len")).isEqualTo(2048L);

    assertThat(at(c, "checkpointer._component_"))
        .isEqualTo("torchtune.training.FullModelHFCheckpointer");
    assertThat(normpath(at(c, "checkpointer.checkpoint_dir"))).isEqualTo(MODEL_DIR);
    assertThat(at(c, "checkpointer.checkpoint_files")).isEqualTo(List.of("model.safetensors"));
    assertThat(at(c, "checkpointer.model_type")).isEqualTo("LLAMA3_2");
    assertThat(has(c, "checkpointer.recipe_checkpoint")).isTrue();
    assertThat(at(c, "checkpointer.recipe_checkpoint")).isNull();
    assertThat(at(c, "checkpointer.output_dir")).isEqualTo(outputDir);
    assertThat(c.get("resume_from_checkpoint")).isEqualTo(false);
    assertThat(c.get("save_adapter_weights_only")).isEqualTo(false);
    assertThat(c.get("save_last_epoch_only")).isEqualTo(false);
    assertThat(c.get("epochs_to_save")).isEqualTo("all");
    assertThat(c.get("stash_adapter_weights"))
        .as("stash_adapter_weights: 'true' in setup")
        .isIn(true, "true");

    assertThat(at(c, "optimizer._component_")).isEqualTo("torch.optim.AdamW");
    assertThat(at(c, "optimizer.fused")).isEqualTo(true);
    assertThat(at(c, "optimizer.weight_decay")).isEqualTo(0.01);
    assertThat(at(c, "lr_scheduler._component_"))
        .isEqualTo("torchtune.training.lr_schedulers.get_cosine_schedule_with_warmup");
    assertThat(at(c, "lr_scheduler.num_warmup_steps")).isEqualTo(100L);
    assertThat(at(c, "loss._component_"))
        .isEqualTo("torchtune.modules.loss.CEWithChunkedOutputLoss");

    assertThat(at(c, "metric_logger._component_"))
        .isEqualTo("torchtune.training.metric_logging.WandBLogger");
    assertThat(at(c, "metric_logger.mode")).isEqualTo("offline");
    assertThat(at(c, "metric_logger.project")).isEqualTo("cruijff_kit");
    assertThat(at(c, "metric_logger.name")).isEqualTo(run);
    assertThat(normpath(at(c, "metric_logger.log_dir"))).isEqualTo(normpath(outputDir + "/logs"));
    assertThat(c.get("log_every_n_steps")).isEqualTo(1L);
    assertThat(c.get("log_peak_memory_stats")).isEqualTo(true);
    assertThat(c.get("device")).isEqualTo("cuda");
    assertThat(c.get("dtype")).isEqualTo("bf16");
    assertThat(c.get("compile")).isEqualTo(false);
    assertThat(c.get("enable_activation_checkpointing")).isEqualTo(false);
    assertThat(c.get("enable_activation_offloading")).isEqualTo(false);
  }

  @ParameterizedTest
  @ValueSource(strings = {"rank8_lr1e-5", "rank16_lr5e-5"})
  void datasetAndValidationDatasetPointAtTheTrainingFile(String run) {
    Map<String, Object> c = scaffolded.resolved(run);

    assertThat(at(c, "dataset._component_"))
        .isEqualTo("cruijff_kit.tools.torchtune.datasets.chat_completion.chat_completion_dataset");
    assertThat(at(c, "dataset.source")).isEqualTo("json");
    assertThat(normpath(at(c, "dataset.data_files"))).isEqualTo(DATA_FILE);
    assertThat(at(c, "dataset.split")).isEqualTo("train");
    assertThat(normpath(at(c, "dataset.model_path"))).isEqualTo(MODEL_DIR);
    assertThat(at(c, "dataset.prompt")).isEqualTo("Capitalize the given word: {input}\n");
    assertThat(at(c, "dataset.system_prompt")).isEqualTo("");
    assertThat(at(c, "dataset.input_key")).isEqualTo("input");
    assertThat(at(c, "dataset.output_key")).isEqualTo("output");
    assertThat(at(c, "dataset.train_on_input")).isEqualTo(false);
    assertThat(at(c, "dataset.packed")).isEqualTo(false);
    assertThat(has(c, "dataset.max_samples")).as("no training_samples, no max_samples").isFalse();

    assertThat(c.get("run_val_every_n_steps"))
        .as("validation_during_training: true")
        .isEqualTo(50L);
    assertThat(at(c, "dataset_val._component_")).isEqualTo(at(c, "dataset._component_"));
    assertThat(at(c, "dataset_val.source")).isEqualTo("json");
    assertThat(normpath(at(c, "dataset_val.data_files"))).isEqualTo(DATA_FILE);
    assertThat(at(c, "dataset_val.split")).isEqualTo("validation");
    assertThat(has(c, "dataset_val.max_samples")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"rank8_lr1e-5", "rank8_lr5e-5", "rank16_lr1e-5", "rank16_lr5e-5"})
  void slurmScriptIsValidBashWithTheRunsResources(String run) {
    SlurmScript s = scaffolded.slurm(run);
    boolean mig = run.equals(MIG_RUN);
    String outputDir = Scaffolded.outputDir(OUTPUT_BASE, run);

    assertThat(s.bashSyntaxCheck().exitCode())
        .as("bash -n %s\n%s", s.file(), s.bashSyntaxCheck().err())
        .isZero();
    assertThat(s.text()).startsWith("#!");
    assertThat(s.option("job-name")).contains(run);
    assertThat(s.option("nodes")).contains("1");
    assertThat(s.option("ntasks")).contains("1");
    assertThat(s.option("cpus-per-task")).contains("4");
    assertThat(s.option("gres")).contains("gpu:1");
    assertThat(s.option("mem")).contains(mig ? "16G" : "40G");
    assertThat(s.option("time"))
        .as("claude.local.md's Default time 0:59:00")
        .hasValueSatisfying(t -> assertThat(t).isIn("0:59:00", "00:59:00"));
    assertThat(s.option("account")).contains("msalganik");
    assertThat(s.option("output").map(o -> normpath(o)))
        .contains(normpath(outputDir + "slurm-%j.out"));
    if (mig) {
      assertThat(s.optionNames())
          .as("MIG: no partition, no constraint")
          .doesNotContain("partition", "constraint");
    } else {
      assertThat(s.option("partition"))
          .as("claude.local.md Partition (none) -> catalog")
          .contains("nomig");
      assertThat(s.option("constraint"))
          .as("claude.local.md Constraint wins over the catalog's none")
          .contains("gpu80");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"rank8_lr1e-5", "rank16_lr5e-5"})
  void slurmScriptSetsUpTheEnvironmentAndRunsTheCustomSingleDeviceRecipe(String run) {
    SlurmScript s = scaffolded.slurm(run);
    List<String> lines = s.commandLinesUnquoted();
    String outputDir = Scaffolded.outputDir(OUTPUT_BASE, run);

    int module = s.indexOfCommand("module load anaconda3/2025.6");
    int conda = s.indexOfCommand("conda activate cruijff");
    assertThat(module).as("module line from claude.local.md\n%s", s.text()).isNotNegative();
    assertThat(conda).as("conda activate from claude.local.md\n%s", s.text()).isGreaterThan(module);

    String mkdir = s.commandContaining("mkdir -p");
    assertThat(mkdir).contains("logs/wandb");
    assertThat(s.text()).contains(outputDir);
    assertThat(lines).anyMatch(l -> l.startsWith("cp ") && l.contains("setup_finetune.yaml"));
    assertThat(lines)
        .anyMatch(
            l ->
                l.startsWith("cp ")
                    && Pattern.compile("(^|[\\s/])finetune\\.yaml").matcher(l).find());

    String tune = s.commandContaining("tune run");
    assertThat(tune)
        .contains(
            "tune run "
                + SINGLE_DEVICE_RECIPE
                + ".__main__ --config "
                + scaffolded.runDir(run).toAbsolutePath()
                + "/finetune.yaml");
    assertThat(lines.indexOf(tune)).as("training comes after the environment").isGreaterThan(conda);
  }

  @ParameterizedTest
  @CsvSource({"rank8_lr1e-5, 8, 1e-5", "rank16_lr5e-5, 16, 5e-5"})
  void setupFinetuneYamlHoldsWhatScaffoldWrites(String run, long rank, String lrText) {
    Map<String, Object> s = scaffolded.setup(run);
    boolean mig = run.equals(MIG_RUN);

    assertThat(scaffolded.setupText(run))
        .as("the learning rate keeps the user's notation")
        .containsPattern("(?m)^lr: ?['\"]?" + Pattern.quote(lrText) + "['\"]?\\s*(#.*)?$");
    assertThat(s.get("my_wandb_project")).isEqualTo("cruijff_kit");
    assertThat(s.get("my_wandb_run_name")).isEqualTo(run);
    assertThat(s.get("input_dir_base")).isEqualTo(DATA_DIR + "/");
    assertThat(s.get("input_formatting")).isEqualTo("");
    assertThat(s.get("dataset_label")).isEqualTo("words_4L_80P_300");
    assertThat(s.get("dataset_ext")).isEqualTo(".json");
    assertThat(s.get("torchtune_model_name")).isEqualTo("Llama-3.2-1B-Instruct");
    assertThat(s.get("model_checkpoint")).isEqualTo(MODEL_DIR);
    assertThat(s.get("lora_rank")).isEqualTo(rank);
    assertThat(s.get("epochs")).isEqualTo(1L);
    assertThat(s.get("batch_size")).isEqualTo(4L);
    assertThat(s.get("system_prompt")).isEqualTo("");
    assertThat(s.get("prompt")).isEqualTo("Capitalize the given word: {input}\n");
    assertThat(s.get("dataset_type")).isEqualTo("chat_completion");
    assertThat(s.get("run_val_every_n_steps")).isEqualTo(50L);
    assertThat(s.get("output_dir_base")).isEqualTo("/scratch/gpfs/MSALGANIK/niznik/ck-outputs/");
    assertThat(s.get("experiment_name")).isEqualTo(EXPERIMENT_NAME);
    assertThat(s.get("conda_env")).isEqualTo("cruijff");
    assertThat(s.get("account")).isEqualTo("msalganik");
    assertThat(String.valueOf(s.get("time"))).isIn("0:59:00", "00:59:00");
    assertThat(String.valueOf(s.get("gpus"))).isEqualTo("1");
    assertThat(s.get("stash_adapter_weights")).as("written as the string 'true'").isEqualTo("true");
    assertThat(s.get("log_every_n_steps")).isEqualTo(1L);
    assertThat(s.get("custom_recipe")).isEqualTo(SINGLE_DEVICE_RECIPE);
    assertThat(s)
        .as(
            "splits.train feeds the step guard only (cruijff_kit-2026.01 target); validation flag read aside")
        .doesNotContainKeys("training_samples", "validation_during_training", "learning_rate");
    // A setup key, written as designed; this target's script takes nothing from it (warned).
    assertThat(s.get("base_recipe")).isEqualTo("lora_finetune_single_device");
    if (mig) {
      assertThat(s.get("partition")).isEqualTo("");
      assertThat(s.get("constraint")).isEqualTo("");
      assertThat(s.get("mem")).isEqualTo("16G");
    } else {
      assertThat(s)
          .as("claude.local.md's Partition is (none): not written")
          .doesNotContainKey("partition");
      assertThat(s.get("constraint")).isEqualTo("gpu80");
    }
  }

  @Test
  void logRecordsEveryActionInTheSpecifiedFormat() {
    ScaffoldLog log = scaffolded.log();

    assertThat(log.actions()).isSubsetOf(ScaffoldLog.ACTIONS);
    assertThat(log.actions().get(0)).isEqualTo("DISCOVER_EXPERIMENT");
    assertThat(log.actions().get(log.actions().size() - 1)).isEqualTo("COMPLETE");
    assertThat(log.actions())
        .contains("PARSE_YAML", "READ_LOCAL_MD", "VERIFY")
        .doesNotContain("ERROR");
    assertThat(log.entries("CREATE_RUN_DIR")).hasSize(4);
    assertThat(log.entries("GENERATE_YAML")).hasSizeGreaterThanOrEqualTo(4);
    assertThat(log.entries("RUN_SETUP")).hasSize(4);
    for (String run : RUNS) {
      assertThat(log.entries("CREATE_RUN_DIR")).anyMatch(e -> e.text().contains(run));
      assertThat(log.entries("RUN_SETUP"))
          .as("RUN_SETUP for %s gives the tunesmith setup command", run)
          .anyMatch(
              e ->
                  e.text().contains(run)
                      && e.body().contains("Details:")
                      && e.body().contains("tunesmith setup"));
      assertThat(log.entries("VERIFY")).anyMatch(e -> e.text().contains(run));
    }
    assertThat(log.entries("SKIP_CONTROL")).anyMatch(e -> e.text().contains(CONTROL));
    assertThat(log.entries("READ_LOCAL_MD"))
        .anyMatch(
            e -> e.text().contains(scaffolded.experiment.resolve("claude.local.md").toString()));
  }

  @Test
  void stepGuardWarnsThatWarmupNeverCompletes() {
    ScaffoldLog log = scaffolded.log();
    for (String run : RUNS) {
      assertThat(log.warningsMentioning(run, "warmup"))
          .as("240 samples / batch 4 = 60 steps < 100 warmup steps, for %s\n%s", run, log.text())
          .isNotEmpty();
      assertThat(log.warningsMentioning(run, "warmup"))
          .anyMatch(e -> e.text().contains("60") && e.text().contains("100"));
    }
    assertThat(scaffolded.result.out().toLowerCase())
        .as("warnings are in the report too")
        .contains("warmup");
  }

  @Test
  void warnsAboutPathsMissingOnThisMachineAndTheDeclaredDirectory() {
    ScaffoldLog log = scaffolded.log();
    assertThat(log.warningsMentioning(MODEL_DIR))
        .as("model directory not found\n%s", log.text())
        .isNotEmpty();
    assertThat(log.warningsMentioning(DATA_FILE))
        .as("dataset not found\n%s", log.text())
        .isNotEmpty();
    assertThat(
            log.warningsMentioning(
                "/scratch/gpfs/MSALGANIK/niznik/cap_4L_lora_lr_sweep_2025-10-22"))
        .as("experiment.directory differs from the scaffolded directory\n%s", log.text())
        .isNotEmpty();
  }

  @Test
  void baseRecipeIsSaidToChangeNothingHereAndNoControlIsAnUnknownKey() {
    ScaffoldLog log = scaffolded.log();
    assertThat(log.warningsMentioning("base_recipe"))
        .isNotEmpty()
        .allSatisfy(
            warning ->
                assertThat(warning)
                    .asString()
                    .contains("target cruijff_kit-2026.01's setup_finetune.py takes no defaults")
                    .doesNotContain("not a key"));
    assertThat(log.warningsMentioning("validation_during_training")).isEmpty();
    // The evaluation section is no unknown key either; the cruijff_kit-2026.01 format only says it
    // has no
    // evaluation scaffolding (docs/FORMATS-0.3.md).
    assertThat(log.warningsMentioning("evaluation"))
        .singleElement()
        .asString()
        .contains("no evaluation scaffolding")
        .doesNotContain("not a key");
  }
}
