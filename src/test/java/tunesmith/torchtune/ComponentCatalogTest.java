package tunesmith.torchtune;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tunesmith.profile.Profile;
import tunesmith.profile.Profiles;

/**
 * Pins the facts of the generated catalogs that the finetune.yaml tunesmith writes depends on. When
 * scripts/component-catalog is rerun on newer sources and one of these changes, the generated
 * configs must be looked at again.
 */
class ComponentCatalogTest {
  private static final String LORA_PARAMETERS_PREFIX = "lora_attn_modules";
  private static final String CK_DATASETS = "cruijff_kit.tools.torchtune.datasets.";
  private static final String CK_RECIPES = "cruijff_kit.tools.torchtune.custom_recipes.";

  static java.util.List<Profile> profiles() {
    return Profiles.all();
  }

  @ParameterizedTest
  @MethodSource("profiles")
  void statesTheCommitsItWasReadFrom(Profile target) {
    ComponentCatalog catalog = ComponentCatalog.of(target);
    assertThat(catalog.target()).isEqualTo(target);
    assertThat(catalog.sources())
        .hasSize(3)
        .allMatch(line -> line.matches(".* = [0-9a-f]{40}"))
        .anyMatch(line -> line.startsWith("pytorch/torchtune v0.6.1 = "))
        .anyMatch(line -> line.startsWith("niznik-dev/cruijff_kit "));
    assertThat(ComponentCatalog.of(target)).as("built once").isSameAs(catalog);
  }

  @Test
  void januaryTargetReadsCruijffKitAtTheSeedCommit() {
    assertThat(ComponentCatalog.of(Profiles.CRUIJFF_KIT_2026_01).sources())
        .contains("niznik-dev/cruijff_kit 54b38e6 = 54b38e64a47e2d47cb40e9889f4e7531563423d6");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "torchtune.models.llama3_2.lora_llama3_2_1b",
        "torchtune.models.llama3_2.lora_llama3_2_3b",
        "torchtune.models.llama3_1.lora_llama3_1_8b",
        "torchtune.models.llama3_3.lora_llama3_3_70b",
        "torchtune.models.mistral.lora_mistral_7b",
        "torchtune.models.qwen2_5.lora_qwen2_5_3b"
      })
  void everyCatalogModelBuilderTakesTheLoraKeysTunesmithWrites(String builder) {
    for (Profile target : Profiles.all()) {
      ComponentSpec spec = ComponentCatalog.of(target).component(builder).orElseThrow();
      assertThat(spec.parameters())
          .as("%s in %s", builder, target)
          .startsWith(LORA_PARAMETERS_PREFIX)
          .contains("apply_lora_to_mlp", "lora_rank", "lora_alpha", "lora_dropout");
      assertThat(spec.required()).containsExactly("lora_attn_modules");
      assertThat(spec.kwargs()).isFalse();
    }
  }

  @Test
  void tokenizersTakePathAndMaxSeqLenAndQwenNeedsItsMergesFile() {
    for (Profile target : Profiles.all()) {
      ComponentCatalog catalog = ComponentCatalog.of(target);
      assertThat(catalog.component("torchtune.models.llama3.llama3_tokenizer").orElseThrow())
          .satisfies(
              t -> {
                assertThat(t.parameters()).contains("path", "max_seq_len");
                assertThat(t.required()).containsExactly("path");
              });
      assertThat(catalog.component("torchtune.models.qwen2_5.qwen2_5_tokenizer").orElseThrow())
          .satisfies(t -> assertThat(t.required()).containsExactly("path", "merges_file"));
    }
  }

  @ParameterizedTest
  @MethodSource("profiles")
  void chatCompletionBuilderRaisesUnlessTheSourceIsJson(Profile target) {
    ComponentSpec chat =
        ComponentCatalog.of(target)
            .component(CK_DATASETS + "chat_completion.chat_completion_dataset")
            .orElseThrow();
    assertThat(chat.guards()).containsExactly(new ComponentSpec.Guard("source", List.of("json")));
    assertThat(chat.required()).containsExactly("tokenizer", "source", "data_files", "model_path");
    assertThat(chat.parameters()).contains("system_prompt", "packed", "split", "train_on_input");
    assertThat(chat.kwargs()).isFalse();
  }

  @Test
  void maxSamplesAndTextCompletionCameAfterTheJanuaryFormat() {
    ComponentCatalog january = ComponentCatalog.of(Profiles.CRUIJFF_KIT_2026_01);
    ComponentCatalog v03 = ComponentCatalog.of(Profiles.CRUIJFF_KIT_0_3);
    String chat = CK_DATASETS + "chat_completion.chat_completion_dataset";
    String text = CK_DATASETS + "text_completion.text_completion_dataset";
    assertThat(january.component(chat).orElseThrow().parameters()).doesNotContain("max_samples");
    assertThat(v03.component(chat).orElseThrow().parameters()).contains("max_samples");
    assertThat(january.component(text)).isEmpty();
    assertThat(january.absent()).containsKey(text);
    assertThat(v03.component(text).orElseThrow().parameters())
        .contains("max_samples")
        .doesNotContain("system_prompt");
    assertThat(v03.component(text).orElseThrow().guards())
        .containsExactly(new ComponentSpec.Guard("source", List.of("json")));
  }

  @ParameterizedTest
  @MethodSource("profiles")
  void fixedComponentsTakeWhatTunesmithWrites(Profile target) {
    ComponentCatalog catalog = ComponentCatalog.of(target);
    assertThat(catalog.component("torch.optim.AdamW").orElseThrow().parameters())
        .contains("params", "lr", "weight_decay", "fused");
    assertThat(
            catalog
                .component("torchtune.training.FullModelHFCheckpointer")
                .orElseThrow()
                .required())
        .containsExactlyInAnyOrder(
            "checkpoint_dir", "checkpoint_files", "model_type", "output_dir");
    assertThat(
            catalog
                .component("torchtune.training.lr_schedulers.get_cosine_schedule_with_warmup")
                .orElseThrow()
                .required())
        .containsExactly("optimizer", "num_warmup_steps", "num_training_steps");
    assertThat(catalog.component("torchtune.training.metric_logging.WandBLogger").orElseThrow())
        .satisfies(
            logger -> {
              assertThat(logger.kwargs()).as("mode goes to wandb.init").isTrue();
              assertThat(logger.parameters()).contains("project", "log_dir");
            });
    assertThat(catalog.component("torchtune.modules.loss.CEWithChunkedOutputLoss")).isPresent();
  }

  @ParameterizedTest
  @MethodSource("profiles")
  void onlyTheNightlyCustomRecipeValidatesOnOneGpu(Profile target) {
    ComponentCatalog catalog = ComponentCatalog.of(target);
    RecipeSpec nightly = catalog.recipe(CK_RECIPES + "lora_finetune_single_device_nightly").get();
    assertThat(nightly.validationLoop()).isTrue();
    assertThat(nightly.supplied("dataset_val").positional()).as("the tokenizer").isEqualTo(1);
    assertThat(
            catalog
                .recipe(CK_RECIPES + "lora_finetune_single_device_stable.__main__")
                .orElseThrow()
                .validationLoop())
        .isFalse();
    assertThat(
            catalog.recipe(CK_RECIPES + "lora_finetune_distributed_stable").get().validationLoop())
        .isFalse();
    assertThat(catalog.recipe("lora_finetune_distributed").get().validationLoop())
        .as("torchtune v0.6.1's distributed recipe has none")
        .isFalse();
  }

  @ParameterizedTest
  @MethodSource("profiles")
  void recipesPassTheTokenizerParamsAndStepCountThemselves(Profile target) {
    RecipeSpec stable =
        ComponentCatalog.of(target)
            .recipe(CK_RECIPES + "lora_finetune_single_device_stable")
            .orElseThrow();
    assertThat(stable.supplied("dataset").positional()).isEqualTo(1);
    assertThat(stable.supplied("optimizer").positional()).isEqualTo(1);
    assertThat(stable.supplied("lr_scheduler").positional()).isEqualTo(1);
    assertThat(stable.supplied("lr_scheduler").keywords()).contains("num_training_steps");
    assertThat(stable.requiredKeys())
        .contains("batch_size", "epochs", "output_dir", "seed", "shuffle", "device", "dtype");
  }

  @Test
  void torchtuneNightlyRecipesReadLogLevelWithoutADefault() {
    assertThat(
            ComponentCatalog.of(Profiles.CRUIJFF_KIT_2026_01)
                .recipe("lora_finetune_distributed")
                .orElseThrow()
                .requiredKeys())
        .contains("log_level");
  }
}
