package tunesmith.torchtune;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.problem.InputProblems;
import tunesmith.profile.Profile;
import tunesmith.profile.Profiles;
import tunesmith.render.FinetuneLayout;
import tunesmith.render.YamlEmitter;
import tunesmith.setup.SetupConfig;
import tunesmith.setup.SetupFixtures;
import tunesmith.verify.ConsumerYaml;

/** Plants each kind of mistake in a generated finetune.yaml and shows the check names it. */
class ComponentCheckTest {
  private static final Profile JANUARY = Profiles.CRUIJFF_KIT_2026_01;
  private static final String STABLE =
      "cruijff_kit.tools.torchtune.custom_recipes.lora_finetune_single_device_stable.__main__";
  private static final String NIGHTLY =
      "cruijff_kit.tools.torchtune.custom_recipes.lora_finetune_single_device_nightly.__main__";

  @TempDir Path dir;

  /** finetune.yaml as generated for {@code config}, loaded back as its consumers load it. */
  private Map<String, Object> generated(SetupConfig config) throws IOException {
    Path file = dir.resolve("finetune-" + System.nanoTime() + ".yaml");
    Files.writeString(file, YamlEmitter.emit(FinetuneLayout.build(config)));
    List<String> errors = new ArrayList<>();
    InputProblems problems = new InputProblems();
    Map<String, Object> tree = ConsumerYaml.load(file, problems, errors).orElseThrow();
    assertThat(errors).isEmpty();
    assertThat(problems.list()).isEmpty();
    return tree;
  }

  private Map<String, Object> typical() throws IOException {
    return generated(SetupFixtures.typical().resolve());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> planted(
      Map<String, Object> tree, String section, Consumer<Map<String, Object>> change) {
    Map<String, Object> copy = new LinkedHashMap<>(tree);
    Map<String, Object> node = new LinkedHashMap<>((Map<String, Object>) copy.get(section));
    change.accept(node);
    copy.put(section, node);
    return copy;
  }

  @Test
  void aTypicalGeneratedConfigPassesForTheStableRecipe() throws IOException {
    assertThat(ComponentCheck.check(JANUARY, STABLE, typical())).isEmpty();
  }

  @Test
  void aValidatingQwenConfigPassesForTheNightlyRecipe() throws IOException {
    SetupConfig config =
        SetupFixtures.typical()
            .with("torchtune_model_name", "Qwen2.5-3B-Instruct")
            .with("model_checkpoint", "/models/Qwen2.5-3B-Instruct")
            .with("batch_size_val", "2")
            .with("run_val_every_n_steps", "25")
            .resolve();
    assertThat(ComponentCheck.check(JANUARY, NIGHTLY, generated(config))).isEmpty();
  }

  @Test
  void unknownComponentIsNamedWithItsNodeAndTheTarget() throws IOException {
    Map<String, Object> tree =
        planted(
            typical(),
            "dataset",
            node ->
                node.put(
                    "_component_",
                    "cruijff_kit.tools.torchtune.datasets.text_completion.text_completion_dataset"));
    List<ComponentProblem> problems = ComponentCheck.check(JANUARY, STABLE, tree);
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).describe("rank8"))
        .contains("rank8", "dataset._component_", "unknown component", "cruijff_kit-2026.01")
        .contains("not defined at 54b38e6");
  }

  @Test
  void unknownKeyIsCaughtUnlessTheFunctionTakesKwargs() throws IOException {
    Map<String, Object> tree = planted(typical(), "model", node -> node.put("lora_rnak", 8L));
    assertThat(ComponentCheck.check(JANUARY, STABLE, tree))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.node()).isEqualTo("model");
              assertThat(p.key()).isEqualTo("lora_rnak");
              assertThat(p.reason()).startsWith("unknown key");
            });
    Map<String, Object> logger =
        planted(typical(), "metric_logger", node -> node.put("entity_extra", "x"));
    assertThat(ComponentCheck.check(JANUARY, STABLE, logger))
        .as("WandBLogger passes **kwargs on to wandb")
        .isEmpty();
  }

  @Test
  void maxSamplesIsAnUnknownKeyForTheJanuaryChatBuilderButNotFor03() throws IOException {
    Map<String, Object> tree =
        generated(SetupFixtures.typical().with("training_samples", "100").resolve());
    assertThat(ComponentCheck.check(JANUARY, STABLE, tree))
        .extracting(ComponentProblem::key)
        .containsExactly("max_samples");
    assertThat(ComponentCheck.check(Profiles.CRUIJFF_KIT_0_3, STABLE, tree)).isEmpty();
  }

  @Test
  void missingRequiredArgumentThatNobodySuppliesIsCaught() throws IOException {
    Map<String, Object> tree =
        planted(typical(), "checkpointer", node -> node.remove("model_type"));
    assertThat(ComponentCheck.check(JANUARY, STABLE, tree))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.node()).isEqualTo("checkpointer");
              assertThat(p.key()).isEqualTo("model_type");
              assertThat(p.reason()).startsWith("missing");
            });
  }

  @Test
  void argumentsTheRecipePassesAreNotMissingButMayNotBeGivenTwice() throws IOException {
    // num_training_steps and the optimizer come from the recipe; the tokenizer too.
    assertThat(ComponentCheck.check(JANUARY, STABLE, typical())).isEmpty();
    Map<String, Object> tree =
        planted(typical(), "lr_scheduler", node -> node.put("num_training_steps", 10L));
    assertThat(ComponentCheck.check(JANUARY, STABLE, tree))
        .singleElement()
        .satisfies(p -> assertThat(p.reason()).contains("given twice"));
    Map<String, Object> withoutRecipe =
        planted(typical(), "lr_scheduler", node -> node.remove("num_warmup_steps"));
    assertThat(ComponentCheck.check(JANUARY, STABLE, withoutRecipe))
        .extracting(ComponentProblem::key)
        .containsExactly("num_warmup_steps");
  }

  @Test
  void aValueAGuardRejectsIsCaught() throws IOException {
    Map<String, Object> tree = planted(typical(), "dataset", node -> node.put("source", "parquet"));
    assertThat(ComponentCheck.check(JANUARY, STABLE, tree))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.node()).isEqualTo("dataset");
              assertThat(p.key()).isEqualTo("source");
              assertThat(p.reason()).contains("raises on parquet", "only json");
            });
  }

  @Test
  void aRequiredTopLevelKeyTheRecipeReadsIsCaught() throws IOException {
    Map<String, Object> tree = new LinkedHashMap<>(typical());
    tree.remove("shuffle");
    assertThat(ComponentCheck.check(JANUARY, STABLE, tree))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.node()).isEmpty();
              assertThat(p.key()).isEqualTo("shuffle");
              assertThat(p.describe("r1"))
                  .isEqualTo(
                      "r1: shuffle: missing: recipe "
                          + "cruijff_kit.tools.torchtune.custom_recipes.lora_finetune_single_device_stable"
                          + " reads it without a default (target cruijff_kit-2026.01)");
            });
  }

  @Test
  void torchtunesOwnRecipesNeedLogLevelOnNightly() throws IOException {
    Map<String, Object> tree = new LinkedHashMap<>(typical());
    tree.remove("log_level");
    assertThat(ComponentCheck.check(JANUARY, "lora_finetune_distributed", tree))
        .extracting(ComponentProblem::key)
        .contains("log_level");
  }

  @Test
  void aRecipeTheTargetLacksIsCaught() throws IOException {
    assertThat(
            ComponentCheck.check(
                JANUARY,
                "cruijff_kit.tools.torchtune.custom_recipes.lora_finetune_distributed_nightly.__main__",
                typical()))
        .extracting(ComponentProblem::key)
        .containsExactly("recipe");
  }

  @Test
  void aUsersOwnModulesAreTheirsToAnswerFor() throws IOException {
    Map<String, Object> tree =
        planted(
            typical(), "lr_scheduler", node -> node.put("_component_", "my_pkg.sched.warmup_flat"));
    assertThat(ComponentCheck.check(JANUARY, "my_pkg.recipes.lora_fast.__main__", tree)).isEmpty();
    Map<String, Object> wrongKey = planted(typical(), "model", node -> node.put("lora_rnak", 8L));
    assertThat(ComponentCheck.check(JANUARY, "my_pkg.recipes.lora_fast.__main__", wrongKey))
        .as("the torchtune builder is still checked")
        .extracting(ComponentProblem::key)
        .containsExactly("lora_rnak");
  }

  @Test
  void torchtunesBuildersPassTheirKwargsToLoadDatasetWhichRejectsCruijffKitsKeys()
      throws IOException {
    Map<String, Object> tree =
        generated(SetupFixtures.typical().with("dataset_type", "instruct_dataset").resolve());
    assertThat(ComponentCheck.check(JANUARY, STABLE, tree))
        .filteredOn(p -> p.node().equals("dataset"))
        .extracting(ComponentProblem::key)
        .contains("model_path", "prompt", "input_key", "output_key")
        .doesNotContain("data_files", "split", "source");
  }
}
