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
import tunesmith.experiment.CruijffKit03Yaml;
import tunesmith.experiment.ExperimentPlan;
import tunesmith.experiment.ExperimentReader;
import tunesmith.experiment.ExperimentYaml;
import tunesmith.experiment.RunSpec;
import tunesmith.profile.Profiles;

/**
 * The setup values of cruijff_kit-0.3 format runs: the keys cruijff_kit 0.3's scaffold agent
 * writes.
 */
class SetupComposerCruijffKit03Test {
  @TempDir Path root;

  private Path dir() {
    return root.resolve("capitalization").resolve("cap_sweep");
  }

  private ExperimentPlan plan(String text) {
    ExperimentYaml.write(dir(), text);
    return new ExperimentReader(ModelCatalogReader::builtIn, Optional.empty()).read(dir());
  }

  private static LocalSettings local(Optional<String> gpus) {
    return new LocalSettings(
        Optional.of(Path.of("/home/ada/claude.local.md")),
        Optional.of("cruijff"),
        Optional.of("lab"),
        Optional.empty(),
        Optional.of("gpu80"),
        Optional.of("00:45:00"),
        gpus,
        Optional.empty(),
        Optional.empty(),
        Optional.of("/shared/llms"),
        Optional.of("ada"),
        Optional.empty(),
        List.of(),
        List.of(),
        Map.of());
  }

  private Map<String, String> compose(ExperimentPlan plan, String runName, LocalSettings local) {
    SetupComposer composer =
        new SetupComposer(ModelCatalogReader.builtIn(Profiles.CRUIJFF_KIT_0_3), plan.profile());
    RunSpec run =
        plan.runs().stream().filter(r -> r.name().equals(runName)).findFirst().orElseThrow();
    Map<String, String> texts = new java.util.LinkedHashMap<>();
    composer.compose(plan, run, local).forEach((k, v) -> texts.put(k, v.text()));
    return texts;
  }

  @Test
  void theFormatChoosesThisProfilesLayering() {
    ExperimentPlan plan = plan(CruijffKit03Yaml.typical(dir()));
    assertThat(plan.profile()).isEqualTo(Profiles.CRUIJFF_KIT_0_3);
    assertThat(compose(plan, plan.fineTunedRuns().get(0).name(), local(Optional.empty())))
        .containsKeys("project_dir", "models_dir", "cpus_per_task", "save_adapter_weights_only")
        .doesNotContainKeys("output_dir_base", "stash_adapter_weights");
  }

  @Test
  void writesTheAgentsKeys() {
    Map<String, String> values =
        compose(plan(CruijffKit03Yaml.typical(dir())), "r8_lr1e-5", local(Optional.of("1")));
    assertThat(values)
        .containsEntry("project_dir", root.resolve("capitalization") + "/")
        .containsEntry("experiment_name", "cap_sweep")
        .containsEntry("torchtune_model_name", "Llama-3.2-1B-Instruct")
        .containsEntry("model_checkpoint", "/abs/pretrained-llms/Llama-3.2-1B-Instruct")
        .containsEntry("models_dir", "/abs/pretrained-llms")
        .containsEntry("input_dir_base", "/abs/data/")
        .containsEntry("input_formatting", "")
        .containsEntry("dataset_label", "words_4L")
        .containsEntry("dataset_ext", ".json")
        .containsEntry("dataset_type", "chat_completion")
        .containsEntry("lr", "1e-5")
        .containsEntry("lora_rank", "8")
        .containsEntry("my_wandb_project", "capitalization")
        .containsEntry("my_wandb_run_name", "r8_lr1e-5")
        .containsEntry("conda_env", "cruijff")
        .containsEntry("account", "lab")
        .containsEntry("constraint", "gpu80")
        .containsEntry("save_adapter_weights_only", "true")
        .containsEntry("run_val_every_n_steps", "0")
        .containsEntry("cpus_per_task", "1")
        .containsEntry(
            "custom_recipe",
            "cruijff_kit.tools.torchtune.custom_recipes.lora_finetune_single_device_nightly")
        .doesNotContainKeys(
            "stash_adapter_weights", "output_dir_base", "epochs_to_save", "partition");
  }

  @Test
  void computeIsBelowSlurmOverridesAndAboveEverythingElse() {
    String text =
        CruijffKit03Yaml.typical(dir())
            .replace(
                "compute: {time: \"01:30:00\", gpus: 1, mem: 60G, cpus_per_task: 2}",
                "compute: {time: \"01:30:00\", gpus: 1, mem: 60G, cpus_per_task: 2}\n"
                    + "    slurm_overrides: {mem: 70G}");
    Map<String, String> values = compose(plan(text), "r16_lr5e-5", local(Optional.of("1")));
    assertThat(values)
        .containsEntry("time", "01:30:00")
        .containsEntry("gpus", "1")
        .containsEntry("mem", "70G")
        .containsEntry("cpus_per_task", "2");
  }

  @Test
  void seventyBIsNotLoweredByTheLocalDefaultAndGetsOneCpuPerGpu() {
    String text =
        CruijffKit03Yaml.typical(dir())
            .replace(
                "      size_gb: 2.5\n",
                "      size_gb: 2.5\n    - name: Llama-3.3-70B-Instruct\n      path: /abs/llms/Llama-3.3-70B-Instruct\n")
            .replace(
                "runs:\n",
                "runs:\n  - name: big\n    type: fine-tuned\n    model: Llama-3.3-70B-Instruct\n    parameters: {lora_rank: 8, lr: 1e-5}\n");
    Map<String, String> values = compose(plan(text), "big", local(Optional.of("1")));
    assertThat(values)
        .containsEntry("gpus", "4")
        .containsEntry("cpus_per_task", "4")
        .containsEntry(
            "custom_recipe",
            "cruijff_kit.tools.torchtune.custom_recipes.lora_finetune_distributed_stable");
  }

  @Test
  void perRunPromptWinsOverControls() {
    String text =
        CruijffKit03Yaml.typical(dir())
            .replace(
                "parameters: {lora_rank: 8, lr: 1e-5}",
                "parameters: {lora_rank: 8, lr: 1e-5, prompt: \"Up: {input}\\n\"}");
    ExperimentPlan plan = plan(text);
    assertThat(compose(plan, "r8_lr1e-5", local(Optional.empty())))
        .containsEntry("prompt", "Up: {input}\n");
    assertThat(compose(plan, "r16_lr5e-5", local(Optional.empty())))
        .containsEntry("prompt", "Capitalize: {input}\n");
  }

  @Test
  void textCompletionDropsTheSystemPrompt() {
    String text =
        CruijffKit03Yaml.summary(
            dir(),
            CruijffKit03Yaml.CONTROLS.replace("chat_completion", "text_completion"),
            CruijffKit03Yaml.RUNS);
    assertThat(compose(plan(text), "r8_lr1e-5", local(Optional.empty())))
        .containsEntry("dataset_type", "text_completion")
        .doesNotContainKey("system_prompt");
  }

  @Test
  void theRunsOwnDatasetIsUsed() {
    String text =
        CruijffKit03Yaml.typical(dir())
            .replace(
                "parameters: {lora_rank: 8, lr: 1e-5}",
                "parameters: {lora_rank: 8, lr: 1e-5, dataset_path: /abs/gen/cond_train_1234abcd.json}");
    assertThat(compose(plan(text), "r8_lr1e-5", local(Optional.empty())))
        .containsEntry("input_dir_base", "/abs/gen/")
        .containsEntry("dataset_label", "cond_train_1234abcd")
        .containsEntry("dataset_ext", ".json");
  }

  @Test
  void validationAskedForGetsAnInterval() {
    String text =
        CruijffKit03Yaml.summary(
            dir(),
            CruijffKit03Yaml.CONTROLS.replace(
                "validation_during_training: false", "validation_during_training: true"),
            CruijffKit03Yaml.RUNS);
    assertThat(compose(plan(text), "r8_lr1e-5", local(Optional.empty())))
        .containsEntry("run_val_every_n_steps", "50");
  }
}
