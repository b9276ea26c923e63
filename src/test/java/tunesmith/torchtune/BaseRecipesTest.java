package tunesmith.torchtune;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tunesmith.profile.Profiles;
import tunesmith.testing.PythonLoaders;

/**
 * Pins the facts of the generated recipe catalogs (scripts/recipe-catalog) that base_recipe's
 * defaults depend on, and checks that PyYAML, cruijff_kit's loader, reads the shipped file as
 * tunesmith does.
 */
class BaseRecipesTest {
  private static final BaseRecipes RECIPES = BaseRecipes.of(Profiles.CRUIJFF_KIT_0_3);

  @Test
  void llama32OneBLoraSingleDeviceGivesTheIssuesValues() {
    BaseRecipe recipe = RECIPES.find("llama3_2/1B_lora_single_device").orElseThrow();
    assertThat(recipe.file()).isEqualTo("recipes/configs/llama3_2/1B_lora_single_device.yaml");
    assertThat(recipe.values())
        .containsEntry("lr", Optional.of("3e-4"))
        .containsEntry("gradient_accumulation_steps", Optional.of("8"))
        .containsEntry("max_seq_len", Optional.empty())
        .containsEntry("lora_rank", Optional.of("64"))
        .containsEntry("batch_size", Optional.of("4"))
        .containsEntry("epochs", Optional.of("1"))
        .containsEntry("weight_decay", Optional.of("0.01"))
        .containsEntry("num_warmup_steps", Optional.of("100"));
    assertThat(recipe.strings()).as("PyYAML reads 3e-4 as a string").containsExactly("lr");
  }

  @Test
  void theMappingIsSetupFinetunesInItsOrder() {
    assertThat(RECIPES.applies()).isTrue();
    assertThat(RECIPES.mapping())
        .containsExactly(
            Map.entry("model.lora_rank", "lora_rank"),
            Map.entry("model.lora_dropout", "lora_dropout"),
            Map.entry("optimizer.lr", "lr"),
            Map.entry("optimizer.weight_decay", "weight_decay"),
            Map.entry("batch_size", "batch_size"),
            Map.entry("epochs", "epochs"),
            Map.entry("gradient_accumulation_steps", "gradient_accumulation_steps"),
            Map.entry("lr_scheduler.num_warmup_steps", "num_warmup_steps"),
            Map.entry("tokenizer.max_seq_len", "max_seq_len"));
    assertThat(RECIPES.sources())
        .anyMatch(line -> line.startsWith("niznik-dev/cruijff_kit HEAD = 72a4ace"))
        .anyMatch(line -> line.startsWith("pytorch/torchtune HEAD = "));
  }

  @Test
  void a70BConfigWithoutEveryKeyAndTheRegistrysNames() {
    BaseRecipe recipe = RECIPES.find("llama3_3/70B_lora").orElseThrow();
    assertThat(recipe.values())
        .containsEntry("lora_rank", Optional.of("16"))
        .containsEntry("batch_size", Optional.of("2"))
        .containsEntry("gradient_accumulation_steps", Optional.of("1"));
    // A full fine-tune config has no LoRA keys: nothing is set for them.
    assertThat(RECIPES.find("llama3_2/1B_full_single_device").orElseThrow().values())
        .doesNotContainKey("lora_rank")
        .containsKey("lr");
    assertThat(RECIPES.names())
        .contains("llama3_2/1B_lora_single_device", "llama3_1/8B_lora_single_device")
        .doesNotContain("lora_finetune_single_device")
        .isSorted();
  }

  @Test
  void theJanuaryTargetsCruijffKitHasNoRecipeDefaults() {
    BaseRecipes january = BaseRecipes.of(Profiles.CRUIJFF_KIT_2026_01);
    assertThat(january.applies()).isFalse();
    assertThat(january.recipes()).isEmpty();
    assertThat(january.sources())
        .anyMatch(line -> line.startsWith("niznik-dev/cruijff_kit 54b38e6"));
  }

  /** PyYAML (cruijff_kit's loader) and tunesmith read the same null, number or string. */
  @Test
  @SuppressWarnings("unchecked")
  void pyyamlReadsTheShippedFileAsTunesmithDoes() {
    Map<String, Object> file =
        PythonLoaders.pyyaml(Path.of("src/main/resources/tunesmith/recipes/cruijff_kit-0.3.yaml"));
    Map<String, Object> recipes = (Map<String, Object>) file.get("recipes");
    assertThat(recipes.keySet()).containsExactlyInAnyOrderElementsOf(RECIPES.names());
    int strings = 0;
    for (BaseRecipe recipe : RECIPES.recipes().values()) {
      Map<String, Object> values =
          (Map<String, Object>) ((Map<String, Object>) recipes.get(recipe.name())).get("values");
      assertThat(values.keySet()).containsExactlyElementsOf(recipe.values().keySet());
      for (var entry : recipe.values().entrySet()) {
        Object python = values.get(entry.getKey());
        String where = recipe.name() + " " + entry.getKey();
        if (entry.getValue().isEmpty()) {
          assertThat(python).as(where).isNull();
        } else if (recipe.strings().contains(entry.getKey())) {
          assertThat(python).as(where).isEqualTo(entry.getValue().get());
          strings++;
        } else {
          assertThat(python).as(where).isInstanceOf(Number.class);
          assertThat(Double.parseDouble(entry.getValue().get()))
              .as(where)
              .isEqualTo(((Number) python).doubleValue());
        }
      }
    }
    assertThat(strings).as("configs writing lr: 3e-4 and the like").isGreaterThan(100);
  }
}
