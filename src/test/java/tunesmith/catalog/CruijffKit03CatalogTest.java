package tunesmith.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tunesmith.profile.Profiles;

/**
 * Target cruijff_kit-0.3's catalog holds every model of cruijff_kit 0.3's model_configs.py with its
 * resources (values read from that file at v0.3.4), and no partition or constraint.
 */
class CruijffKit03CatalogTest {
  private final ModelCatalog catalog = ModelCatalogReader.builtIn(Profiles.CRUIJFF_KIT_0_3);

  @ParameterizedTest
  @CsvSource({
    "Llama-3.2-1B, torchtune.models.llama3_2.lora_llama3_2_1b, 80G, 1",
    "Llama-3.2-1B-Instruct, torchtune.models.llama3_2.lora_llama3_2_1b, 80G, 1",
    "Llama-3.2-3B-Instruct, torchtune.models.llama3_2.lora_llama3_2_3b, 80G, 1",
    "Llama-3.1-8B-Instruct, torchtune.models.llama3_1.lora_llama3_1_8b, 80G, 1",
    "Llama-3.3-70B-Instruct, torchtune.models.llama3_3.lora_llama3_3_70b, 320G, 4",
    "Mistral-7B-v0.1, torchtune.models.mistral.lora_mistral_7b, 80G, 1",
    "Mistral-7B-Instruct-v0.1, torchtune.models.mistral.lora_mistral_7b, 80G, 1",
    "Qwen2.5-3B, torchtune.models.qwen2_5.lora_qwen2_5_3b, 80G, 1",
    "Qwen2.5-3B-Instruct, torchtune.models.qwen2_5.lora_qwen2_5_3b, 80G, 1"
  })
  void everyModelWithItsResources(String name, String component, String mem, int gpus) {
    ModelSpec spec = catalog.find(name).orElseThrow();
    assertThat(spec.component()).isEqualTo(component);
    assertThat(spec.mem()).isEqualTo(mem);
    assertThat(spec.gpus()).isEqualTo(gpus);
    assertThat(spec.cpus()).as("one CPU per GPU").isEqualTo(gpus);
    assertThat(spec.partition()).isEmpty();
    assertThat(spec.constraint()).isEmpty();
  }

  @Test
  void holdsNoOtherModelAndLeavesTheJanuaryCatalogAsItWas() {
    assertThat(catalog.names()).hasSize(9);
    ModelSpec january = ModelCatalogReader.builtIn().find("Llama-3.2-1B-Instruct").orElseThrow();
    assertThat(january.mem()).isEqualTo("40G");
    assertThat(january.partition()).contains("nomig");
    assertThat(ModelCatalogReader.builtIn(Profiles.CRUIJFF_KIT_2026_01))
        .isSameAs(ModelCatalogReader.builtIn());
  }

  /** The one table's entries keep each target's order of names (the catalogs' order before). */
  @Test
  void eachTargetKeepsItsOrderOfNames() {
    assertThat(catalog.names())
        .containsExactly(
            "Llama-3.2-1B",
            "Llama-3.2-1B-Instruct",
            "Llama-3.2-3B-Instruct",
            "Llama-3.1-8B-Instruct",
            "Llama-3.3-70B-Instruct",
            "Mistral-7B-v0.1",
            "Mistral-7B-Instruct-v0.1",
            "Qwen2.5-3B",
            "Qwen2.5-3B-Instruct");
    assertThat(ModelCatalogReader.builtIn().names())
        .startsWith("Llama-3.2-1B-Instruct", "Llama-3.2-1B")
        .hasSize(9);
  }
}
