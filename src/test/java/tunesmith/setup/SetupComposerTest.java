package tunesmith.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.catalog.ModelCatalogReader;
import tunesmith.environment.LocalSettings;
import tunesmith.experiment.ExperimentPlan;
import tunesmith.experiment.ExperimentYaml;
import tunesmith.experiment.RunSpec;
import tunesmith.keys.SetupValue;
import tunesmith.problem.InputProblems;
import tunesmith.profile.Profiles;

/** The setup values of cruijff_kit-2026.01-format runs. */
class SetupComposerTest {

  @TempDir Path dir;

  private final SetupComposer composer =
      new SetupComposer(ModelCatalogReader.builtIn(), Profiles.CRUIJFF_KIT_2026_01);

  private static LocalSettings local(
      Optional<String> partition,
      Optional<String> constraint,
      Optional<String> project,
      Optional<String> gpus,
      List<String> moduleLines) {
    return new LocalSettings(
        Optional.of(Path.of("/home/ada/claude.local.md")),
        Optional.of("cruijff"),
        Optional.of("lab"),
        partition,
        constraint,
        Optional.of("00:45:00"),
        gpus,
        project,
        Optional.empty(),
        Optional.empty(),
        Optional.of("ada"),
        Optional.empty(),
        moduleLines,
        List.of(),
        java.util.Map.of());
  }

  private static final LocalSettings NONE = LocalSettings.none(List.of());

  private ExperimentPlan plan(String controls, String runs) {
    return ExperimentYaml.read(dir, ExperimentYaml.summary(dir, controls, runs));
  }

  private static RunSpec run(ExperimentPlan plan, String name) {
    return plan.runs().stream().filter(run -> run.name().equals(name)).findFirst().orElseThrow();
  }

  private static String text(Map<String, SetupValue> values, String key) {
    SetupValue value = values.get(key);
    return value == null ? null : value.text();
  }

  private static final String ONE_RUN =
      """
              - name: r1
                type: fine-tuned
                model: Llama-3.2-1B-Instruct
                parameters: {lora_rank: 8, learning_rate: 1e-5}
            """;

  @Test
  void migRunHasEmptyPartitionAndConstraintAnd16G() {
    ExperimentPlan plan =
        plan(
            ExperimentYaml.DEFAULT_CONTROLS,
            """
                  - name: mig
                    type: fine-tuned
                    model: Llama-3.2-1B-Instruct
                    parameters: {lora_rank: 8, learning_rate: 1e-5}
                    mig: true
                  - name: mig_override
                    type: fine-tuned
                    model: Llama-3.2-1B-Instruct
                    parameters: {lora_rank: 16, learning_rate: 5e-5}
                    mig: true
                    slurm_overrides: {mem: 24G, constraint: gpu40}
                """);
    LocalSettings local =
        local(
            Optional.of("gpu"), Optional.of("a100"), Optional.empty(), Optional.empty(), List.of());

    Map<String, SetupValue> mig = composer.compose(plan, run(plan, "mig"), local);
    assertThat(text(mig, "partition")).isEmpty();
    assertThat(text(mig, "constraint")).isEmpty();
    assertThat(text(mig, "mem")).isEqualTo("16G");

    Map<String, SetupValue> overridden = composer.compose(plan, run(plan, "mig_override"), local);
    assertThat(text(overridden, "partition")).isEmpty();
    assertThat(text(overridden, "constraint")).isEqualTo("gpu40");
    assertThat(text(overridden, "mem")).isEqualTo("24G");

    // and the resolver keeps the empty partition: no partition line, not the catalog's nomig
    SetupConfig config =
        new SetupResolver(ModelCatalogReader.builtIn(), Optional.of("ada"))
            .resolve(mig, dir.resolve("mig"), new InputProblems())
            .orElseThrow();
    assertThat(config.resources().partition()).isEmpty();
    assertThat(config.resources().constraint()).isEmpty();
    assertThat(config.resources().mem()).isEqualTo("16G");
  }

  @Test
  void nonMigRunTakesLocalPartition() {
    ExperimentPlan plan = plan(ExperimentYaml.DEFAULT_CONTROLS, ONE_RUN);
    Map<String, SetupValue> values =
        composer.compose(
            plan,
            run(plan, "r1"),
            local(
                Optional.of("gpu"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of()));
    assertThat(text(values, "partition")).isEqualTo("gpu");
    assertThat(values).doesNotContainKey("mem");
    assertThat(text(values, "account")).isEqualTo("lab");
    assertThat(text(values, "time")).isEqualTo("00:45:00");
    assertThat(text(values, "conda_env")).isEqualTo("cruijff");
  }

  @Test
  void slurmOverridesWinOverLocalSettings() {
    ExperimentPlan plan =
        plan(
            ExperimentYaml.DEFAULT_CONTROLS,
            """
                  - name: r1
                    type: fine-tuned
                    model: Llama-3.2-1B-Instruct
                    parameters: {lora_rank: 8, learning_rate: 1e-5}
                    slurm_overrides: {time: "02:00:00", partition: big, account: other}
                """);
    Map<String, SetupValue> values =
        composer.compose(
            plan,
            run(plan, "r1"),
            local(
                Optional.of("gpu"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of()));
    assertThat(text(values, "time")).isEqualTo("02:00:00");
    assertThat(text(values, "partition")).isEqualTo("big");
    assertThat(text(values, "account")).isEqualTo("other");
  }

  @Test
  void localWandbProjectIsPreferredOverOutputWandbProject() {
    ExperimentPlan plan = plan(ExperimentYaml.DEFAULT_CONTROLS, ONE_RUN);
    assertThat(
            text(
                composer.compose(
                    plan,
                    run(plan, "r1"),
                    local(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of("my_project"),
                        Optional.empty(),
                        List.of())),
                "my_wandb_project"))
        .isEqualTo("my_project");
    assertThat(text(composer.compose(plan, run(plan, "r1"), NONE), "my_wandb_project"))
        .isEqualTo("capitalization");
  }

  @Test
  void validationDuringTrainingGives50() {
    String controls =
        ExperimentYaml.DEFAULT_CONTROLS.replace(
            "validation_during_training: false", "validation_during_training: true");
    ExperimentPlan plan = plan(controls, ONE_RUN);
    assertThat(text(composer.compose(plan, run(plan, "r1"), NONE), "run_val_every_n_steps"))
        .isEqualTo("50");

    ExperimentPlan off = plan(ExperimentYaml.DEFAULT_CONTROLS, ONE_RUN);
    assertThat(text(composer.compose(off, run(off, "r1"), NONE), "run_val_every_n_steps"))
        .isEqualTo("0");
  }

  @Test
  void validationAskedForIsNeverZero() {
    String controls =
        ExperimentYaml.DEFAULT_CONTROLS.replace(
            "validation_during_training: false",
            "validation_during_training: true\n  run_val_every_n_steps: 0");
    ExperimentPlan plan = plan(controls, ONE_RUN);
    assertThat(text(composer.compose(plan, run(plan, "r1"), NONE), "run_val_every_n_steps"))
        .isEqualTo("50");

    String explicit =
        ExperimentYaml.DEFAULT_CONTROLS.replace(
            "validation_during_training: false",
            "validation_during_training: true\n  run_val_every_n_steps: 20");
    ExperimentPlan plan20 = plan(explicit, ONE_RUN);
    assertThat(text(composer.compose(plan20, run(plan20, "r1"), NONE), "run_val_every_n_steps"))
        .isEqualTo("20");
  }

  @Test
  void customRecipeAndGpuCountPerRun() {
    ExperimentPlan plan =
        plan(
            ExperimentYaml.DEFAULT_CONTROLS,
            """
                  - name: small
                    type: fine-tuned
                    model: Llama-3.2-1B-Instruct
                    parameters: {lora_rank: 8, learning_rate: 1e-5}
                  - name: big
                    type: fine-tuned
                    model: Llama-3.3-70B-Instruct
                    parameters: {lora_rank: 16, learning_rate: 5e-5}
                  - name: small_on_two
                    type: fine-tuned
                    model: Llama-3.2-1B-Instruct
                    parameters: {lora_rank: 8, learning_rate: 1e-5}
                    slurm_overrides: {gpus: 2}
                  - name: big_on_one
                    type: fine-tuned
                    model: Llama-3.3-70B-Instruct
                    parameters: {lora_rank: 8, learning_rate: 1e-5}
                    slurm_overrides: {gpus: 1}
                """);
    String stable = "cruijff_kit.tools.torchtune.custom_recipes.lora_finetune_single_device_stable";
    assertThat(text(composer.compose(plan, run(plan, "small"), NONE), "custom_recipe"))
        .isEqualTo(stable);
    // More than one GPU: _stable, which the SLURM script turns into _distributed_stable.
    assertThat(text(composer.compose(plan, run(plan, "big"), NONE), "custom_recipe"))
        .isEqualTo(stable);
    assertThat(text(composer.compose(plan, run(plan, "big"), NONE), "gpus")).isEqualTo("4");
    assertThat(text(composer.compose(plan, run(plan, "small_on_two"), NONE), "gpus"))
        .isEqualTo("2");
    assertThat(text(composer.compose(plan, run(plan, "big_on_one"), NONE), "gpus")).isEqualTo("1");
  }

  @Test
  void catalogGpuCountOutranksClaudeLocalMdsDefault() {
    ExperimentPlan plan =
        plan(
            ExperimentYaml.DEFAULT_CONTROLS,
            """
                  - name: big
                    type: fine-tuned
                    model: Llama-3.3-70B-Instruct
                    parameters: {lora_rank: 16, learning_rate: 5e-5}
                  - name: small
                    type: fine-tuned
                    model: Llama-3.2-1B-Instruct
                    parameters: {lora_rank: 8, learning_rate: 1e-5}
                """);
    LocalSettings oneGpu =
        local(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("1"), List.of());
    LocalSettings twoGpus =
        local(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("2"), List.of());
    assertThat(text(composer.compose(plan, run(plan, "big"), oneGpu), "gpus")).isEqualTo("4");
    assertThat(text(composer.compose(plan, run(plan, "small"), twoGpus), "gpus")).isEqualTo("1");
    assertThat(composer.compose(plan, run(plan, "big"), oneGpu).get("gpus").origin().field())
        .contains("catalog");
  }

  @Test
  void singleGpuRunsThatValidateGetTheNightlyRecipe() {
    String validating =
        ExperimentYaml.DEFAULT_CONTROLS.replace(
            "validation_during_training: false", "validation_during_training: true");
    ExperimentPlan plan =
        plan(
            validating,
            """
                  - name: small
                    type: fine-tuned
                    model: Llama-3.2-1B-Instruct
                    parameters: {lora_rank: 8, learning_rate: 1e-5}
                  - name: big
                    type: fine-tuned
                    model: Llama-3.3-70B-Instruct
                    parameters: {lora_rank: 16, learning_rate: 5e-5}
                """);
    assertThat(text(composer.compose(plan, run(plan, "small"), NONE), "custom_recipe"))
        .isEqualTo(
            "cruijff_kit.tools.torchtune.custom_recipes.lora_finetune_single_device_nightly");
    assertThat(text(composer.compose(plan, run(plan, "big"), NONE), "custom_recipe"))
        .as("no distributed _nightly exists: _stable, and the validation warning")
        .isEqualTo("cruijff_kit.tools.torchtune.custom_recipes.lora_finetune_single_device_stable");
  }

  @Test
  void learningRateParameterMapsToLrAndKeepsItsText() {
    ExperimentPlan plan = plan(ExperimentYaml.DEFAULT_CONTROLS, ONE_RUN);
    Map<String, SetupValue> values = composer.compose(plan, run(plan, "r1"), NONE);
    assertThat(values).doesNotContainKey("learning_rate");
    assertThat(text(values, "lr")).isEqualTo("1e-5");
    assertThat(values.get("lr").origin().file()).isEqualTo(plan.summaryFile());
    assertThat(values.get("lr").origin().line()).isPositive();
    assertThat(text(values, "lora_rank")).isEqualTo("8");
    assertThat(SetupFile.write(values)).contains("\nlr: 1e-5\n");
  }

  @Test
  void runParametersWinOverControls() {
    String controls = ExperimentYaml.DEFAULT_CONTROLS + "  lora_rank: 64\n  seed: 7\n";
    ExperimentPlan plan = plan(controls, ONE_RUN);
    Map<String, SetupValue> values = composer.compose(plan, run(plan, "r1"), NONE);
    assertThat(text(values, "lora_rank")).isEqualTo("8");
    assertThat(text(values, "seed")).isEqualTo("7");
    assertThat(text(values, "epochs")).isEqualTo("1");
    assertThat(text(values, "prompt")).isEqualTo("Capitalize: {input}\n");
  }

  @Test
  void derivedValuesFromTheExperiment() {
    ExperimentPlan plan = plan(ExperimentYaml.DEFAULT_CONTROLS, ONE_RUN);
    Map<String, SetupValue> values = composer.compose(plan, run(plan, "r1"), NONE);
    assertThat(text(values, "my_wandb_run_name")).isEqualTo("r1");
    assertThat(text(values, "input_dir_base")).isEqualTo("/abs/data/");
    assertThat(text(values, "input_formatting")).isEmpty();
    assertThat(text(values, "dataset_label")).isEqualTo("words_4L");
    assertThat(text(values, "dataset_ext")).isEqualTo(".json");
    assertThat(text(values, "torchtune_model_name")).isEqualTo("Llama-3.2-1B-Instruct");
    assertThat(text(values, "model_checkpoint"))
        .isEqualTo("/abs/pretrained-llms/Llama-3.2-1B-Instruct");
    assertThat(text(values, "output_dir_base")).isEqualTo("/abs/ck-outputs/");
    assertThat(text(values, "experiment_name")).isEqualTo("cap_sweep");
    assertThat(text(values, "stash_adapter_weights")).isEqualTo("true");
    assertThat(text(values, "log_every_n_steps")).isEqualTo("1");
    assertThat(values)
        .as("splits.train feeds the step guard only")
        .doesNotContainKey("training_samples");
    assertThat(values)
        .as("no claude.local.md: nothing from it")
        .doesNotContainKeys("conda_env", "account", "partition", "time");
  }

  @Test
  void parquetDataGivesSlashExtension() {
    String text =
        ExperimentYaml.summary(dir, ExperimentYaml.DEFAULT_CONTROLS, ONE_RUN)
            .replace("path: /abs/data/words_4L.json", "path: /abs/data/words_4L")
            .replace("format: json", "format: parquet");
    ExperimentPlan plan = ExperimentYaml.read(dir, text);
    Map<String, SetupValue> values = composer.compose(plan, run(plan, "r1"), NONE);
    assertThat(text(values, "dataset_ext")).isEqualTo("/");
    assertThat(text(values, "input_dir_base")).isEqualTo("/abs/data/");
  }

  @Test
  void moduleLinesBecomeModules() {
    ExperimentPlan plan = plan(ExperimentYaml.DEFAULT_CONTROLS, ONE_RUN);
    Map<String, SetupValue> values =
        composer.compose(
            plan,
            run(plan, "r1"),
            local(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of("module purge", "module load anaconda3/2025.6 cuda/12.4")));
    // Not `modules`: cruijff_kit's setup_finetune.py would drop the conda lines for it.
    assertThat(text(values, "tunesmith_modules")).isEqualTo("anaconda3/2025.6,cuda/12.4");
    assertThat(values).doesNotContainKey("modules");
  }

  @Test
  void pathSplitting() {
    assertThat(PathText.withSlash(PathText.parent("/a/ck-outputs/exp")))
        .isEqualTo("/a/ck-outputs/");
    assertThat(PathText.withSlash(PathText.parent("/a/ck-outputs/exp/")))
        .isEqualTo("/a/ck-outputs/");
    assertThat(PathText.lastComponent("/a/ck-outputs/exp")).isEqualTo("exp");
    assertThat(PathText.lastComponent("/a/ck-outputs/exp/")).isEqualTo("exp");
  }
}
