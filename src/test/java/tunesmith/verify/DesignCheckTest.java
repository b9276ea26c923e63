package tunesmith.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The check against the design catches files that are self-consistent but not what was designed.
 */
class DesignCheckTest {

  private static Map<String, Object> config(long rank, double lr, boolean withSystemPrompt) {
    Map<String, Object> model =
        new LinkedHashMap<>(Map.of("lora_rank", rank, "lora_alpha", 2 * rank));
    Map<String, Object> dataset =
        new LinkedHashMap<>(Map.of("prompt", "{input}\n", "packed", false));
    if (withSystemPrompt) {
      dataset.put("system_prompt", "Be brief.");
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("model", model);
    config.put("optimizer", Map.of("lr", lr));
    config.put("batch_size", 4L);
    config.put("dataset", dataset);
    return config;
  }

  private static List<String> compare(
      Map<String, String> designed, Map<String, Object> config, Map<String, String> sbatch) {
    List<String> mismatches = new ArrayList<>();
    DesignCheck.compare(key -> true, designed, config, sbatch, mismatches);
    return mismatches;
  }

  @Test
  void filesThatMatchTheDesignPass() {
    Map<String, String> designed =
        Map.of(
            "lora_rank",
            "8",
            "lr",
            "1e-5",
            "batch_size",
            "4",
            "system_prompt",
            "Be brief.",
            "mem",
            "16G",
            "partition",
            "",
            "gpus",
            "1");
    assertThat(compare(designed, config(8, 1e-5, true), Map.of("mem", "16G", "gres", "gpu:1")))
        .isEmpty();
  }

  @Test
  void aParameterOverriddenOnTheWayIsNamed() {
    List<String> mismatches =
        compare(Map.of("lora_rank", "8", "lr", "1e-5"), config(16, 1e-5, false), Map.of());
    assertThat(mismatches)
        .singleElement()
        .asString()
        .contains("lora_rank = 8")
        .contains("model.lora_rank")
        .contains("16");
  }

  @Test
  void aLearningRateIsComparedAsANumberNotAsText() {
    assertThat(compare(Map.of("lr", "1e-5"), config(8, 0.00001, false), Map.of())).isEmpty();
    assertThat(compare(Map.of("lr", "2e-5"), config(8, 1e-5, false), Map.of()))
        .singleElement()
        .asString()
        .contains("optimizer.lr");
  }

  @Test
  void aLearningRateLeftAsTextIsAMismatch() {
    Map<String, Object> config = config(8, 1e-5, false);
    config.put("optimizer", Map.of("lr", "1e-5"));
    assertThat(compare(Map.of("lr", "1e-5"), config, Map.of()))
        .singleElement()
        .asString()
        .contains("'1e-5' (text)");
  }

  @Test
  void aMigRunMustHaveNoPartitionLineAndItsMemory() {
    Map<String, String> designed = Map.of("partition", "", "constraint", "", "mem", "16G");
    List<String> mismatches =
        compare(designed, config(8, 1e-5, false), Map.of("partition", "nomig", "mem", "40G"));
    assertThat(mismatches).hasSize(2);
    assertThat(mismatches)
        .anySatisfy(text -> assertThat(text).contains("#SBATCH --partition is 'nomig'"));
    assertThat(mismatches).anySatisfy(text -> assertThat(text).contains("#SBATCH --mem is '40G'"));
  }

  @Test
  void gpusAreCheckedAgainstGres() {
    assertThat(compare(Map.of("gpus", "4"), config(8, 1e-5, false), Map.of("gres", "gpu:1")))
        .singleElement()
        .asString()
        .contains("--gres");
  }

  @Test
  void aSystemPromptDroppedForTextCompletionIsNotAMismatchButAChangedOneIs() {
    assertThat(compare(Map.of("system_prompt", "Be brief."), config(8, 1e-5, false), Map.of()))
        .isEmpty();
    Map<String, Object> changed = config(8, 1e-5, true);
    @SuppressWarnings("unchecked") // config() builds the dataset section as a Map<String, Object>
    Map<String, Object> dataset = (Map<String, Object>) changed.get("dataset");
    dataset.put("system_prompt", "Be long.");
    assertThat(compare(Map.of("system_prompt", "Be brief."), changed, Map.of()))
        .singleElement()
        .asString()
        .contains("system_prompt");
  }

  @Test
  void aNonFiniteNumberIsAMismatchNotACrash() {
    for (double odd : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
      Map<String, Object> config = config(8, 1e-5, false);
      config.put("optimizer", Map.of("lr", odd));
      assertThat(compare(Map.of("lr", "1e-5"), config, Map.of()))
          .singleElement()
          .asString()
          .contains("optimizer.lr");
    }
  }

  @Test
  void aKeyTheRunsRecipeNeverReadsIsNotExpectedInTheFile() {
    Map<String, String> designed = Map.of("batch_size_val", "2", "lora_rank", "8");
    List<String> mismatches = new ArrayList<>();
    DesignCheck.compare(
        key -> !key.equals("batch_size_val"),
        designed,
        config(8, 1e-5, false),
        Map.of(),
        mismatches);
    assertThat(mismatches).isEmpty();
    assertThat(compare(designed, config(8, 1e-5, false), Map.of()))
        .singleElement()
        .asString()
        .contains("batch_size_val");
  }
}
