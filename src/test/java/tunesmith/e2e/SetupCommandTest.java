package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static tunesmith.testing.Expect.normpath;
import static tunesmith.testing.Json.at;
import static tunesmith.testing.Json.has;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;
import tunesmith.testing.PythonLoaders;
import tunesmith.testing.SlurmScript;

/**
 * {@code tunesmith setup} (README "Commands", docs/KEYS.md): what setup_finetune.py did, in the
 * current directory. Precedence: command-line flag > setup_finetune.yaml > built-in default.
 */
class SetupCommandTest {
  /** A setup file with only what has no default (plus naming), written by hand as a user would. */
  static final String MINIMAL =
      String.join(
          "\n",
          "my_wandb_project: handmade_project",
          "my_wandb_run_name: handmade",
          "input_dir_base: /data/sets/",
          "input_formatting: ''",
          "dataset_label: words",
          "dataset_ext: .json",
          "torchtune_model_name: Llama-3.2-1B-Instruct",
          "model_checkpoint: /models/Llama-3.2-1B-Instruct",
          "output_dir_base: /out/",
          "experiment_name: exp",
          "");

  @TempDir Path temp;

  @Test
  void aFlagOverridesTheSetupFileAndLeavesItUntouched() throws IOException {
    Scaffolded s = Scaffolded.scaffold("lr_sweep", temp).assertSucceeded();
    // A run directory on its own (no experiment above it), as cruijff_kit's setup works.
    Path run = temp.resolve("alone/rank8_lr1e-5");
    Files.createDirectories(run);
    for (String file : List.of("setup_finetune.yaml", "finetune.yaml", "finetune.slurm")) {
      Files.copy(s.runDir("rank8_lr1e-5").resolve(file), run.resolve(file));
    }
    byte[] setupBefore = Files.readAllBytes(run.resolve("setup_finetune.yaml"));

    Expect.succeeded(Cli.run(run, "setup", "--lora_rank", "32"));

    PythonLoaders.Loaded loaded =
        PythonLoaders.load(run.resolve("finetune.yaml")).assertBothLoaded();
    PythonLoaders.assertNumbersAreNumbers(loaded);
    for (Object c : List.of(loaded.pyyaml(), loaded.omegaconf())) {
      assertThat(at(c, "model.lora_rank")).isEqualTo(32L);
      assertThat(at(c, "model.lora_alpha")).isEqualTo(64L);
      assertThat(at(c, "optimizer.lr")).as("the file's lr is kept").isEqualTo(1e-5);
      assertThat(at(c, "my_wandb_run_name")).isEqualTo("rank8_lr1e-5");
    }
    assertThat(Files.readAllBytes(run.resolve("setup_finetune.yaml"))).isEqualTo(setupBefore);
    assertThat(SlurmScript.read(run.resolve("finetune.slurm")).bashSyntaxCheck().exitCode())
        .isZero();
  }

  /**
   * Issue 23.6: in a run of a scaffolded experiment an override is a recorded change, not a hand
   * edit: verify and submit accept the run, and scaffold keeps the override and says so.
   */
  @Test
  void anOverrideInAnExperimentsRunIsRecordedAndSubmittable() throws IOException {
    Scaffolded s = Scaffolded.scaffold("lr_sweep", temp).assertSucceeded();
    Path experiment = s.runDir("rank8_lr1e-5").getParent();
    Path run = s.runDir("rank8_lr1e-5");

    CliResult setup = Cli.run(run, "setup", "--lora_rank", "32", "--json");

    Expect.succeeded(setup);
    assertThat(at(tunesmith.testing.Json.parseObject(setup.out()), "recorded.lora_rank.to"))
        .isEqualTo("32");
    assertThat(Fixtures.read(run.resolve(".tunesmith/adjustments.json")))
        .contains("\"cause\" : \"SETUP\"", "\"from\" : \"8\"", "\"to\" : \"32\"");
    assertThat(Fixtures.read(run.resolve("setup_finetune.yaml"))).contains("lora_rank: 32\n");
    PythonLoaders.Loaded loaded =
        PythonLoaders.load(run.resolve("finetune.yaml")).assertBothLoaded();
    for (Object c : List.of(loaded.pyyaml(), loaded.omegaconf())) {
      assertThat(at(c, "model.lora_rank")).isEqualTo(32L);
    }
    Expect.succeeded(Cli.run(experiment, "verify"));
    CliResult dryRun = Cli.run(experiment, "submit", "--dry-run", "--runs", "rank8_lr1e-5");
    Expect.succeeded(dryRun);
    assertThat(dryRun.out()).contains("/rank8_lr1e-5/finetune.slurm");

    CliResult scaffold = Cli.run(experiment, "scaffold");
    Expect.succeeded(scaffold);
    assertThat(scaffold.allOutput())
        .contains(
            "rank8_lr1e-5: has an override tunesmith setup recorded (lora_rank 8 -> 32, in"
                + " .tunesmith/adjustments.json), which scaffold keeps");
    assertThat(Fixtures.read(run.resolve("setup_finetune.yaml"))).contains("lora_rank: 32\n");
    Expect.succeeded(Cli.run(experiment, "verify"));
  }

  @Test
  void dashedAndUnderscoredFlagsAreTheSame() throws IOException {
    Scaffolded s = Scaffolded.scaffold("lr_sweep", temp).assertSucceeded();
    Path run = s.runDir("rank16_lr1e-5");

    Expect.succeeded(Cli.run(run, "setup", "--lora_rank", "32"));
    byte[] underscored = Files.readAllBytes(run.resolve("finetune.yaml"));
    Expect.succeeded(Cli.run(run, "setup", "--lora-rank", "32"));

    assertThat(Files.readAllBytes(run.resolve("finetune.yaml"))).isEqualTo(underscored);
  }

  @Test
  void setupWithoutFlagsReproducesWhatScaffoldWrote() throws IOException {
    Scaffolded s = Scaffolded.scaffold("lr_sweep", temp).assertSucceeded();
    for (String name : List.of("rank8_lr1e-5", LrSweepScaffoldTest.MIG_RUN)) {
      Path run = s.runDir(name);
      byte[] finetune = Files.readAllBytes(run.resolve("finetune.yaml"));
      SlurmScript slurm = SlurmScript.read(run.resolve("finetune.slurm"));

      Expect.succeeded(Cli.run(run, "setup"));

      assertThat(Files.readAllBytes(run.resolve("finetune.yaml")))
          .as(name + " finetune.yaml")
          .isEqualTo(finetune);
      SlurmScript again = SlurmScript.read(run.resolve("finetune.slurm"));
      for (String option : slurm.optionNames()) {
        assertThat(again.options(option))
            .as(name + " #SBATCH --" + option)
            .isEqualTo(slurm.options(option));
      }
      assertThat(again.optionNames()).containsExactlyInAnyOrderElementsOf(slurm.optionNames());
      assertThat(again.commandContaining("tune run"))
          .isEqualTo(slurm.commandContaining("tune run"));
    }
  }

  @Test
  void configFileOptionReadsAnotherFile() throws IOException {
    Scaffolded s = Scaffolded.scaffold("lr_sweep", temp).assertSucceeded();
    Path run = s.runDir("rank8_lr1e-5");
    String text = Fixtures.read(run.resolve("setup_finetune.yaml"));
    assertThat(text).containsPattern("(?m)^lora_rank: 8$");
    Fixtures.write(
        run.resolve("alt.yaml"), text.replaceFirst("(?m)^lora_rank: 8$", "lora_rank: 4"));

    Expect.succeeded(Cli.run(run, "setup", "--config_file", "alt.yaml"));

    assertThat(at(PythonLoaders.omegaconf(run.resolve("finetune.yaml")), "model.lora_rank"))
        .isEqualTo(4L);
  }

  @Test
  void builtInDefaultsFillEverythingTheSetupFileLeavesOut() {
    Path dir = handmade(MINIMAL);

    Expect.succeeded(Cli.run(dir, "setup"));

    PythonLoaders.Loaded loaded =
        PythonLoaders.load(dir.resolve("finetune.yaml")).assertBothLoaded();
    PythonLoaders.assertNumbersAreNumbers(loaded);
    PythonLoaders.assertLoadersAgree(loaded);
    Map<String, Object> c = loaded.omegaconfMap();
    assertThat(at(c, "model.lora_rank")).isEqualTo(64L);
    assertThat(at(c, "model.lora_alpha")).isEqualTo(128L);
    assertThat(at(c, "model.lora_dropout")).isEqualTo(0.0);
    assertThat(at(c, "optimizer.lr")).isEqualTo(1e-4);
    assertThat(at(c, "optimizer.weight_decay")).isEqualTo(0.01);
    assertThat(at(c, "lr_scheduler._component_"))
        .isEqualTo("torchtune.training.lr_schedulers.get_cosine_schedule_with_warmup");
    assertThat(at(c, "lr_scheduler.num_warmup_steps")).isEqualTo(100L);
    assertThat(c.get("batch_size")).isEqualTo(4L);
    assertThat(c.get("epochs")).isEqualTo(1L);
    assertThat(c.get("gradient_accumulation_steps")).isEqualTo(1L);
    assertThat(c.get("seed")).isEqualTo(14L);
    assertThat(c.get("max_steps_per_epoch")).isNull();
    assertThat(at(c, "tokenizer.max_seq_len")).isEqualTo(2048L);
    assertThat(c.get("log_every_n_steps")).isEqualTo(1L);
    assertThat(c.getOrDefault("run_val_every_n_steps", 0L)).isEqualTo(0L);
    assertThat(c).doesNotContainKeys("dataset_val", "batch_size_val");
    assertThat(at(c, "dataset._component_"))
        .isEqualTo("cruijff_kit.tools.torchtune.datasets.chat_completion.chat_completion_dataset");
    assertThat(at(c, "dataset.prompt")).isEqualTo("{input}\n");
    assertThat(at(c, "dataset.system_prompt")).isEqualTo("");
    assertThat(at(c, "dataset.input_key")).isEqualTo("input");
    assertThat(at(c, "dataset.output_key")).isEqualTo("output");
    assertThat(at(c, "dataset.train_on_input")).isEqualTo(false);
    assertThat(at(c, "dataset.packed")).isEqualTo(false);
    assertThat(normpath(at(c, "dataset.data_files"))).isEqualTo("/data/sets/words.json");
    assertThat(c.get("output_dir")).isEqualTo("/out/exp/ck-out-handmade/");
    assertThat(normpath(at(c, "checkpointer.checkpoint_dir")))
        .isEqualTo("/models/Llama-3.2-1B-Instruct");
    assertThat(normpath(c.get("models_dir")))
        .as("parent of an absolute model_checkpoint")
        .isEqualTo("/models");
    assertThat(c.get("save_adapter_weights_only")).isEqualTo(false);
    assertThat(c.get("save_last_epoch_only")).isEqualTo(false);
    assertThat(c.get("epochs_to_save")).isEqualTo("all");
    assertThat(c.get("stash_adapter_weights")).isIn(false, "false");
    assertThat(c.get("my_wandb_project")).isEqualTo("handmade_project");

    SlurmScript slurm = SlurmScript.read(dir.resolve("finetune.slurm"));
    assertThat(slurm.bashSyntaxCheck().exitCode()).isZero();
    assertThat(slurm.option("time")).contains("00:15:00");
    assertThat(slurm.option("mem")).contains("40G");
    assertThat(slurm.option("partition")).contains("nomig");
    assertThat(slurm.option("cpus-per-task")).contains("4");
    assertThat(slurm.option("gres")).contains("gpu:1");
    assertThat(slurm.option("job-name")).contains("handmade");
    assertThat(slurm.optionNames()).doesNotContain("account", "constraint");
    assertThat(slurm.indexOfCommand("conda activate cruijff")).as(slurm.text()).isNotNegative();
    assertThat(slurm.commandContaining("tune run"))
        .contains("tune run lora_finetune_single_device --config " + dir + "/finetune.yaml");
  }

  @Test
  void flagsWinOverTheFileForSlurmResourcesAndNumbers() {
    Path dir = handmade(MINIMAL + "mem: 40G\nlr: 1e-4\n");

    Expect.succeeded(Cli.run(dir, "setup", "--mem", "24G", "--time", "02:00:00", "--lr", "3e-4"));

    SlurmScript slurm = SlurmScript.read(dir.resolve("finetune.slurm"));
    assertThat(slurm.option("mem")).contains("24G");
    assertThat(slurm.option("time")).contains("02:00:00");
    PythonLoaders.Loaded loaded = PythonLoaders.load(dir.resolve("finetune.yaml"));
    PythonLoaders.assertNumbersAreNumbers(loaded);
    assertThat(at(loaded.omegaconf(), "optimizer.lr")).isEqualTo(3e-4);
    assertThat(at(loaded.pyyaml(), "optimizer.lr")).isEqualTo(3e-4);
  }

  @Test
  void modelCheckpointMayBeANameUnderModelsDir() {
    Path dir =
        handmade(
            MINIMAL.replace(
                "model_checkpoint: /models/Llama-3.2-1B-Instruct",
                "model_checkpoint: Llama-3.2-1B-Instruct\nmodels_dir: /shared/llms"));

    Expect.succeeded(Cli.run(dir, "setup"));

    Map<String, Object> c = PythonLoaders.omegaconf(dir.resolve("finetune.yaml"));
    assertThat(normpath(at(c, "checkpointer.checkpoint_dir")))
        .isEqualTo("/shared/llms/Llama-3.2-1B-Instruct");
    assertThat(normpath(at(c, "tokenizer.path")))
        .isEqualTo("/shared/llms/Llama-3.2-1B-Instruct/original/tokenizer.model");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Llama-3.2-3B-Instruct     | torchtune.models.llama3_2.lora_llama3_2_3b | LLAMA3_2 | 00002 | torchtune.models.llama3.llama3_tokenizer   | original/tokenizer.model | 80G | 4",
        "Mistral-7B-Instruct-v0.1  | torchtune.models.mistral.lora_mistral_7b   | MISTRAL  | 00002 | torchtune.models.mistral.mistral_tokenizer | tokenizer.model          | 80G | 4",
        "Mistral-7B-v0.1           | torchtune.models.mistral.lora_mistral_7b   | MISTRAL  | 00002 | torchtune.models.mistral.mistral_tokenizer | tokenizer.model          | 80G | 4",
        "Qwen2.5-3B-Instruct       | torchtune.models.qwen2_5.lora_qwen2_5_3b   | QWEN2    | 00002 | torchtune.models.qwen2_5.qwen2_5_tokenizer | vocab.json               | 80G | 4",
        "Qwen2.5-3B                | torchtune.models.qwen2_5.lora_qwen2_5_3b   | QWEN2    | 00002 | torchtune.models.qwen2_5.qwen2_5_tokenizer | vocab.json               | 80G | 4",
        "Llama-3.2-1B              | torchtune.models.llama3_2.lora_llama3_2_1b | LLAMA3_2 |       | torchtune.models.llama3.llama3_tokenizer   | original/tokenizer.model | 40G | 4"
      })
  void everyCatalogModelGetsItsComponentTokenizerAndResources(
      String model,
      String component,
      String modelType,
      String maxFilename,
      String tokenizer,
      String tokenizerFile,
      String mem,
      String cpus) {
    String modelDir = "/models/" + model;
    Path dir = handmade(MINIMAL.replace("Llama-3.2-1B-Instruct", model));

    Expect.succeeded(Cli.run(dir, "setup"));

    PythonLoaders.Loaded loaded =
        PythonLoaders.load(dir.resolve("finetune.yaml")).assertBothLoaded();
    PythonLoaders.assertNumbersAreNumbers(loaded);
    Map<String, Object> c = loaded.omegaconfMap();
    assertThat(at(c, "model._component_")).isEqualTo(component);
    assertThat(at(c, "checkpointer.model_type")).isEqualTo(modelType);
    assertThat(at(c, "tokenizer._component_")).isEqualTo(tokenizer);
    assertThat(normpath(at(c, "tokenizer.path"))).isEqualTo(modelDir + "/" + tokenizerFile);
    if (model.startsWith("Qwen")) {
      assertThat(normpath(at(c, "tokenizer.merges_file"))).isEqualTo(modelDir + "/merges.txt");
    } else {
      assertThat(has(c, "tokenizer.merges_file")).isFalse();
    }
    if (maxFilename == null) {
      assertThat(at(c, "checkpointer.checkpoint_files")).isEqualTo(List.of("model.safetensors"));
    } else {
      for (Object tree : List.of(loaded.pyyaml(), loaded.omegaconf())) {
        assertThat(at(tree, "checkpointer.checkpoint_files"))
            .isEqualTo(
                Map.of(
                    "filename_format", "model-{}-of-{}.safetensors", "max_filename", maxFilename));
      }
    }
    SlurmScript slurm = SlurmScript.read(dir.resolve("finetune.slurm"));
    assertThat(slurm.option("mem")).contains(mem);
    assertThat(slurm.option("cpus-per-task")).contains(cpus);
    assertThat(slurm.option("gres")).contains("gpu:1");
    if (mem.equals("80G")) {
      assertThat(slurm.option("constraint")).contains("gpu80");
      assertThat(slurm.optionNames()).doesNotContain("partition");
    }
  }

  @Test
  void customRecipeIsSwappedToDistributedForSeveralGpusAndGetsTheMainSuffix() {
    Path dir =
        handmade(MINIMAL + "custom_recipe: my_pkg.recipes.lora_finetune_single_device_fast\n");

    Expect.succeeded(Cli.run(dir, "setup", "--gpus", "2"));

    SlurmScript slurm = SlurmScript.read(dir.resolve("finetune.slurm"));
    assertThat(slurm.option("gres")).contains("gpu:2");
    assertThat(slurm.commandContaining("tune run"))
        .contains(
            "tune run --nproc_per_node=2 my_pkg.recipes.lora_finetune_distributed_fast.__main__ --config "
                + dir
                + "/finetune.yaml");
  }

  @Test
  void booleansAcceptYesNoAndQuotedStrings() {
    Path dir =
        handmade(
            MINIMAL
                + "packed: yes\ntrain_on_input: 'true'\nsave_adapter_weights_only: 1\nsave_last_epoch_only: 'false'\n");

    Expect.succeeded(Cli.run(dir, "setup"));

    Map<String, Object> c = PythonLoaders.omegaconf(dir.resolve("finetune.yaml"));
    assertThat(at(c, "dataset.packed")).isEqualTo(true);
    assertThat(at(c, "dataset.train_on_input")).isEqualTo(true);
    assertThat(c.get("save_adapter_weights_only")).isEqualTo(true);
    assertThat(c.get("save_last_epoch_only")).isEqualTo(false);
  }

  @Test
  void aDottedLrSchedulerIsTakenAsGiven() {
    Path dir = handmade(MINIMAL + "lr_scheduler: my_pkg.sched.warmup_then_flat\n");

    Expect.succeeded(Cli.run(dir, "setup"));

    assertThat(
            at(PythonLoaders.omegaconf(dir.resolve("finetune.yaml")), "lr_scheduler._component_"))
        .isEqualTo("my_pkg.sched.warmup_then_flat");
  }

  @Test
  void interpolationSyntaxInAStringValueLoadsVerbatim() {
    Path dir =
        handmade(
            MINIMAL
                + "prompt: \"Echo ${HOME} and {input}\\n\"\nsystem_prompt: \"Costs $5, ${not_a_key}\"\n");

    Expect.succeeded(Cli.run(dir, "setup"));

    PythonLoaders.Loaded loaded =
        PythonLoaders.load(dir.resolve("finetune.yaml")).assertBothLoaded();
    PythonLoaders.assertLoadersAgree(loaded);
    assertThat(at(loaded.omegaconf(), "dataset.prompt")).isEqualTo("Echo ${HOME} and {input}\n");
    assertThat(at(loaded.omegaconf(), "dataset.system_prompt")).isEqualTo("Costs $5, ${not_a_key}");
  }

  @Test
  void epochsToSaveListAndBatchSizeValAndMaxStepsAreWrittenWhenSet() {
    Path dir =
        handmade(
            MINIMAL
                + "epochs: 5\nepochs_to_save: '0,2,4'\nbatch_size_val: 16\nmax_steps_per_epoch: 50\n"
                + "run_val_every_n_steps: 10\ncustom_recipe: "
                + "cruijff_kit.tools.torchtune.custom_recipes.lora_finetune_single_device_nightly\n");

    Expect.succeeded(Cli.run(dir, "setup"));

    PythonLoaders.Loaded loaded =
        PythonLoaders.load(dir.resolve("finetune.yaml")).assertBothLoaded();
    Map<String, Object> c = loaded.omegaconfMap();
    assertThat(c.get("batch_size_val")).isEqualTo(16L);
    assertThat(c.get("max_steps_per_epoch")).isEqualTo(50L);
    assertThat(String.valueOf(c.get("epochs_to_save")).replace(" ", "")).isIn("0,2,4", "[0,2,4]");
  }

  @Test
  void anUnknownKeyIsAWarningThatNamesIt() {
    Path dir = handmade(MINIMAL + "lora_rnak: 4\n");

    CliResult result = Expect.succeeded(Cli.run(dir, "setup"));

    assertThat(result.allOutput()).contains("lora_rnak");
    assertThat(dir.resolve("finetune.yaml")).exists();
  }

  @Test
  void missingModelNameIsAnInputErrorAndWritesNothing() {
    Path dir = handmade(MINIMAL.replace("torchtune_model_name: Llama-3.2-1B-Instruct\n", ""));
    Map<String, Fixtures.FileState> before = Fixtures.snapshot(dir);

    CliResult result = Expect.exitCode(Cli.run(dir, "setup"), 2);

    assertThat(result.err()).contains("torchtune_model_name").contains("setup_finetune.yaml");
    assertThat(Fixtures.snapshot(dir)).isEqualTo(before);
  }

  @Test
  void aValueThatIsNoNumberIsAnInputErrorWithItsPosition() {
    Path dir = handmade(MINIMAL + "lora_rank: eight\n");

    CliResult result = Expect.exitCode(Cli.run(dir, "setup"), 2);

    int line = MINIMAL.split("\n").length + 1;
    assertThat(result.err())
        .contains("lora_rank")
        .contains("eight")
        .containsPattern("(?<![\\d.])" + line + ":\\d+");
    assertThat(dir.resolve("finetune.yaml")).doesNotExist();
  }

  @Test
  void anUnknownBareSchedulerNameIsAnInputError() {
    Path dir = handmade(MINIMAL + "lr_scheduler: get_constant_schedule_with_warmup\n");

    CliResult result = Expect.exitCode(Cli.run(dir, "setup"), 2);

    assertThat(result.err()).contains("lr_scheduler").contains("get_constant_schedule_with_warmup");
  }

  @Test
  void aMissingSetupFileIsReportedWithoutAStackTrace() {
    CliResult result = Cli.run(temp, "setup");

    Expect.noStackTrace(result);
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.err()).contains("setup_finetune.yaml");
  }

  private Path handmade(String setupYaml) {
    Path dir = temp.resolve("handmade");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Fixtures.write(dir.resolve("setup_finetune.yaml"), setupYaml);
    return dir;
  }
}
