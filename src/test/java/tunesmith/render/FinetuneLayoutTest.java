package tunesmith.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.problem.InputProblems;
import tunesmith.setup.SetupConfig;
import tunesmith.setup.SetupFixtures;
import tunesmith.yaml.YamlFileReader;

class FinetuneLayoutTest {

  @TempDir Path dir;

  /**
   * Every optional row switched on: qwen (merges_file), batch_size_val, validation,
   * training_samples.
   */
  /** The recipe scaffold gives a validating single-GPU run: it reads the validation keys. */
  private static SetupFixtures validating() {
    return SetupFixtures.typical()
        .with(
            "custom_recipe",
            "cruijff_kit.tools.torchtune.custom_recipes.lora_finetune_single_device_nightly");
  }

  private static SetupConfig everything() {
    return validating()
        .with("torchtune_model_name", "Qwen2.5-3B-Instruct")
        .with("model_checkpoint", "/models/Qwen2.5-3B-Instruct")
        .with("batch_size_val", "2")
        .with("run_val_every_n_steps", "25")
        .with("training_samples", "100")
        .with("lr", "1e-5")
        .with("lora_rank", "8")
        .with("max_steps_per_epoch", "7")
        .with("resume_from_checkpoint", "true")
        .with("resume_adapter_checkpoint", "/out/epoch_0/adapter_model.pt")
        .with("resume_recipe_checkpoint", "/out/recipe_state/recipe_state.pt")
        .resolve();
  }

  private static void collect(ConfigNode.Section section, String prefix, List<String> paths) {
    section
        .entries()
        .forEach(
            (key, node) -> {
              String path = prefix.isEmpty() ? key : prefix + "." + key;
              paths.add(path);
              if (node instanceof ConfigNode.Section child) {
                collect(child, path, paths);
              }
            });
  }

  private static List<String> paths(ConfigNode.Section root) {
    List<String> paths = new ArrayList<>();
    collect(root, "", paths);
    return paths;
  }

  private static Optional<ConfigNode> at(ConfigNode.Section root, String path) {
    ConfigNode current = root;
    for (String part : path.split("\\.")) {
      if (!(current instanceof ConfigNode.Section section)
          || !section.entries().containsKey(part)) {
        return Optional.empty();
      }
      current = section.entries().get(part);
    }
    return Optional.of(current);
  }

  @Test
  void rowPathsAreDistinct() {
    List<String> rowPaths = FinetuneLayout.ROWS.stream().map(FinetuneLayout.Row::path).toList();
    assertThat(rowPaths).doesNotHaveDuplicates();
    // no row may sit inside another row's value (it would be overwritten or overwrite)
    for (String path : rowPaths) {
      for (String other : rowPaths) {
        assertThat(other.startsWith(path + ".")).as("%s inside %s", other, path).isFalse();
      }
    }
  }

  @Test
  void everyRowAppearsExactlyOnceInTheTree() {
    List<String> paths = paths(FinetuneLayout.build(everything()));
    // log_level is only for torchtune's own recipes, which never read the validation keys.
    List<String> torchtuneRecipe = paths(FinetuneLayout.build(SetupFixtures.typical().resolve()));
    for (FinetuneLayout.Row row : FinetuneLayout.ROWS) {
      List<String> written = row.path().equals("log_level") ? torchtuneRecipe : paths;
      assertThat(Collections.frequency(written, row.path())).as(row.path()).isEqualTo(1);
    }
  }

  @Test
  void resumePathsAreWrittenOnlyWhileResuming() {
    ConfigNode.Section resuming = FinetuneLayout.build(everything());
    assertThat(at(resuming, "resume_from_checkpoint")).contains(new ConfigNode.Bool(true));
    assertThat(at(resuming, "checkpointer.adapter_checkpoint"))
        .contains(ConfigNode.text("/out/epoch_0/adapter_model.pt"));
    assertThat(at(resuming, "checkpointer.recipe_checkpoint"))
        .contains(ConfigNode.text("/out/recipe_state/recipe_state.pt"));
    ConfigNode.Section fresh =
        FinetuneLayout.build(
            SetupFixtures.typical()
                .with("resume_adapter_checkpoint", "/out/epoch_0/adapter_model.pt")
                .resolve());
    assertThat(at(fresh, "resume_from_checkpoint")).contains(new ConfigNode.Bool(false));
    assertThat(at(fresh, "checkpointer.adapter_checkpoint")).isEmpty();
    assertThat(at(fresh, "checkpointer.recipe_checkpoint")).contains(new ConfigNode.Null());
  }

  @Test
  void emittedYamlHasNoDuplicateKeysAndReadsBack() {
    String yaml = YamlEmitter.emit(FinetuneLayout.build(everything()));
    InputProblems problems = new InputProblems();
    assertThat(YamlFileReader.parse(dir.resolve("finetune.yaml"), yaml, problems)).isPresent();
    assertThat(problems.list()).isEmpty();
  }

  @Test
  void datasetValOnlyWhenValidationRuns() {
    ConfigNode.Section with =
        FinetuneLayout.build(validating().with("run_val_every_n_steps", "10").resolve());
    assertThat(at(with, "dataset_val")).isPresent();
    assertThat(at(with, "run_val_every_n_steps")).contains(new ConfigNode.Integer(10));
    assertThat(at(with, "dataset_val.split")).contains(new ConfigNode.Text("validation"));
    assertThat(at(with, "dataset.split")).contains(new ConfigNode.Text("train"));

    for (SetupConfig config :
        List.of(
            validating().with("run_val_every_n_steps", "0").resolve(),
            SetupFixtures.typical().resolve())) {
      ConfigNode.Section without = FinetuneLayout.build(config);
      assertThat(at(without, "dataset_val")).isEmpty();
      assertThat(at(without, "run_val_every_n_steps")).isEmpty();
    }
  }

  @Test
  void systemPromptAbsentForTextCompletion() {
    ConfigNode.Section text =
        FinetuneLayout.build(
            SetupFixtures.typical()
                .with("dataset_type", "text_completion")
                .with("system_prompt", "Be brief.")
                .with("run_val_every_n_steps", "5")
                .resolve());
    assertThat(at(text, "dataset.system_prompt")).isEmpty();
    assertThat(at(text, "dataset_val.system_prompt")).isEmpty();
    assertThat(at(text, "dataset._component_"))
        .contains(
            new ConfigNode.Text(
                "cruijff_kit.tools.torchtune.datasets.text_completion.text_completion_dataset"));

    ConfigNode.Section chat =
        FinetuneLayout.build(SetupFixtures.typical().with("system_prompt", "Be brief.").resolve());
    assertThat(at(chat, "dataset.system_prompt")).contains(new ConfigNode.Text("Be brief."));
    assertThat(at(chat, "dataset._component_"))
        .contains(
            new ConfigNode.Text(
                "cruijff_kit.tools.torchtune.datasets.chat_completion.chat_completion_dataset"));
  }

  @Test
  void maxSamplesOnlyWithTrainingSamplesAndOnlyInDataset() {
    ConfigNode.Section with = FinetuneLayout.build(everything());
    assertThat(at(with, "dataset.max_samples")).contains(new ConfigNode.Integer(100));
    assertThat(at(with, "dataset_val.max_samples")).isEmpty();
    ConfigNode.Section without =
        FinetuneLayout.build(validating().with("run_val_every_n_steps", "5").resolve());
    assertThat(at(without, "dataset.max_samples")).isEmpty();
    assertThat(at(without, "dataset_val.max_samples")).isEmpty();
  }

  @Test
  void parquetDataFilesNameTheSplitFiles() {
    ConfigNode.Section parquet =
        FinetuneLayout.build(
            validating().with("dataset_ext", "/").with("run_val_every_n_steps", "5").resolve());
    assertThat(at(parquet, "dataset.source")).contains(new ConfigNode.Text("parquet"));
    assertThat(at(parquet, "dataset.data_files"))
        .hasValueSatisfying(
            node ->
                assertThat(((ConfigNode.Interpolation) node).expression())
                    .endsWith("/train.parquet"));
    assertThat(at(parquet, "dataset_val.data_files"))
        .hasValueSatisfying(
            node ->
                assertThat(((ConfigNode.Interpolation) node).expression())
                    .endsWith("/validation.parquet"));

    ConfigNode.Section json = FinetuneLayout.build(SetupFixtures.typical().resolve());
    assertThat(at(json, "dataset.source")).contains(new ConfigNode.Text("json"));
    assertThat(at(json, "dataset.data_files"))
        .hasValueSatisfying(
            node -> assertThat(((ConfigNode.Interpolation) node).expression()).endsWith(".json"));
  }

  @Test
  void valuesFromSettingsAndCatalog() {
    SetupConfig config = everything();
    ConfigNode.Section root = FinetuneLayout.build(config);
    assertThat(at(root, "model.lora_rank")).contains(new ConfigNode.Integer(8));
    assertThat(at(root, "model.lora_alpha")).contains(new ConfigNode.Integer(16));
    assertThat(at(root, "model._component_"))
        .contains(new ConfigNode.Text("torchtune.models.qwen2_5.lora_qwen2_5_3b"));
    assertThat(at(root, "optimizer.lr"))
        .hasValueSatisfying(
            node ->
                assertThat(((ConfigNode.Decimal) node).value())
                    .isEqualByComparingTo(new BigDecimal("0.00001")));
    assertThat(at(root, "tokenizer.path"))
        .contains(new ConfigNode.Text("/models/Qwen2.5-3B-Instruct/vocab.json"));
    assertThat(at(root, "tokenizer.merges_file"))
        .contains(new ConfigNode.Text("/models/Qwen2.5-3B-Instruct/merges.txt"));
    assertThat(at(root, "checkpointer.checkpoint_files.max_filename"))
        .contains(new ConfigNode.Text("00002"));
    assertThat(at(root, "checkpointer.checkpoint_dir"))
        .contains(new ConfigNode.Text("/models/Qwen2.5-3B-Instruct"));
    assertThat(at(root, "max_steps_per_epoch")).contains(new ConfigNode.Integer(7));
    assertThat(at(root, "batch_size_val")).contains(new ConfigNode.Integer(2));
    assertThat(at(root, "lr_scheduler._component_"))
        .contains(
            new ConfigNode.Text(
                "torchtune.training.lr_schedulers.get_cosine_schedule_with_warmup"));

    ConfigNode.Section llama = FinetuneLayout.build(SetupFixtures.typical().resolve());
    assertThat(at(llama, "tokenizer.merges_file")).isEmpty();
    assertThat(at(llama, "tokenizer.path"))
        .contains(new ConfigNode.Text("/models/Llama-3.2-1B-Instruct/original/tokenizer.model"));
    assertThat(at(llama, "max_steps_per_epoch")).contains(new ConfigNode.Null());
    assertThat(at(llama, "batch_size_val")).isEmpty();
    assertThat(at(llama, "checkpointer.checkpoint_files"))
        .contains(new ConfigNode.Sequence(List.of(new ConfigNode.Text("model.safetensors"))));
    assertThat(FinetuneLayout.scheduler("my_pkg.sched.fn")).isEqualTo("my_pkg.sched.fn");
  }

  /** The whole file, through the real loaders: types and resolved interpolations. */
  @Test
  void renderedConfigLoadsInPyYamlAndOmegaConfWithEveryInterpolationResolved() throws Exception {
    SetupConfig config =
        validating()
            .with("torchtune_model_name", "Llama-3.1-8B-Instruct")
            .with("model_checkpoint", "/models/Llama-3.1-8B-Instruct")
            .with("dataset_ext", "/")
            .with("run_val_every_n_steps", "25")
            .with("lr", "1e-5")
            .with("my_wandb_project", "${not_an_interpolation}")
            .with("system_prompt", "yes")
            .with("prompt", "Q: {input}\nA: ")
            .resolve();
    String yaml = YamlEmitter.emit(FinetuneLayout.build(config));
    List<String> keys =
        List.of(
            "output_dir",
            "checkpointer.output_dir",
            "metric_logger.log_dir",
            "metric_logger.project",
            "metric_logger.name",
            "dataset.data_files",
            "dataset_val.data_files",
            "optimizer.lr",
            "checkpointer.checkpoint_files.max_filename",
            "dataset.system_prompt",
            "dataset.prompt",
            "model.lora_dropout",
            "max_steps_per_epoch",
            "shuffle",
            "epochs_to_save");
    PythonScalarLoaders.Readings readings = PythonScalarLoaders.load(yaml, keys, dir);
    Map<String, PythonScalarLoaders.Loaded> omega = readings.omegaconf();
    String out = config.outputDir();
    assertThat(omega.get("output_dir")).isEqualTo(new PythonScalarLoaders.Loaded("str", out));
    assertThat(omega.get("checkpointer.output_dir"))
        .isEqualTo(new PythonScalarLoaders.Loaded("str", out));
    assertThat(omega.get("metric_logger.log_dir").text()).isIn(out + "/logs", out + "logs");
    assertThat(omega.get("metric_logger.project"))
        .isEqualTo(new PythonScalarLoaders.Loaded("str", "${not_an_interpolation}"));
    assertThat(omega.get("metric_logger.name"))
        .isEqualTo(new PythonScalarLoaders.Loaded("str", "r1"));
    assertThat(omega.get("dataset.data_files"))
        .isEqualTo(new PythonScalarLoaders.Loaded("str", "/data/words/train.parquet"));
    assertThat(omega.get("dataset_val.data_files"))
        .isEqualTo(new PythonScalarLoaders.Loaded("str", "/data/words/validation.parquet"));
    assertThat(omega.get("optimizer.lr").type()).isEqualTo("float");
    assertThat(Double.parseDouble(omega.get("optimizer.lr").text())).isEqualTo(1e-5);
    assertThat(readings.pyyaml().get("optimizer.lr").type()).isEqualTo("float");
    assertThat(readings.pyyaml().get("model.lora_dropout").type()).isEqualTo("float");
    assertThat(omega.get("checkpointer.checkpoint_files.max_filename"))
        .isEqualTo(new PythonScalarLoaders.Loaded("str", "00004"));
    assertThat(readings.pyyaml().get("checkpointer.checkpoint_files.max_filename"))
        .isEqualTo(new PythonScalarLoaders.Loaded("str", "00004"));
    assertThat(omega.get("dataset.system_prompt"))
        .isEqualTo(new PythonScalarLoaders.Loaded("str", "yes"));
    assertThat(omega.get("dataset.prompt"))
        .isEqualTo(new PythonScalarLoaders.Loaded("str", "Q: {input}\nA: "));
    assertThat(omega.get("max_steps_per_epoch").type()).isEqualTo("NoneType");
    assertThat(omega.get("shuffle")).isEqualTo(new PythonScalarLoaders.Loaded("bool", "True"));
    assertThat(omega.get("epochs_to_save")).isEqualTo(new PythonScalarLoaders.Loaded("str", "all"));
  }

  @Test
  void validationKeysAreNotWrittenForARecipeThatNeverReadsThem() {
    for (String recipe :
        List.of(
            "cruijff_kit.tools.torchtune.custom_recipes.lora_finetune_single_device_stable",
            "cruijff_kit.tools.torchtune.custom_recipes.lora_finetune_distributed_stable")) {
      ConfigNode.Section built =
          FinetuneLayout.build(
              SetupFixtures.typical()
                  .with("custom_recipe", recipe)
                  .with("run_val_every_n_steps", "10")
                  .with("batch_size_val", "2")
                  .resolve());
      assertThat(at(built, "dataset_val")).as(recipe).isEmpty();
      assertThat(at(built, "run_val_every_n_steps")).as(recipe).isEmpty();
      assertThat(at(built, "batch_size_val")).as(recipe).isEmpty();
      assertThat(at(built, "dataset")).as(recipe).isPresent();
    }
  }
}
