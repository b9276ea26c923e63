package tunesmith.adjust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.keys.SetupValue;

class RecordedAdjustmentsTest {
  @TempDir Path run;

  private static Adjustment halved(
      int attempt, String from, String to, String gasFrom, String gasTo) {
    Map<String, Adjustment.Change> changes = new LinkedHashMap<>();
    changes.put("batch_size", new Adjustment.Change(from, to));
    changes.put("gradient_accumulation_steps", new Adjustment.Change(gasFrom, gasTo));
    return new Adjustment(attempt, "CUDA_OUT_OF_MEMORY", "2026-11-29T01:00:00Z", changes);
  }

  @Test
  void adjustmentsAreAppendedReadBackAndAppliedInOrder() throws Exception {
    assertThat(RecordedAdjustments.read(run)).isEqualTo(RecordedAdjustments.none());
    RecordedAdjustments.none().append(run, halved(2, "8", "4", "1", "2"));
    RecordedAdjustments.read(run).append(run, halved(3, "4", "2", "2", "4"));

    RecordedAdjustments read = RecordedAdjustments.read(run);
    assertThat(read.adjustments()).hasSize(2);
    assertThat(read.adjustments().get(1)).isEqualTo(halved(3, "4", "2", "2", "4"));
    assertThat(read.count("CUDA_OUT_OF_MEMORY")).isEqualTo(2);
    assertThat(read.count("TIMEOUT")).isZero();
    assertThat(read.lastAttempt()).isEqualTo(3);

    Map<String, SetupValue> planned = new LinkedHashMap<>();
    planned.put("batch_size", SetupValue.builtIn("8", "test"));
    planned.put("lr", SetupValue.builtIn("1e-5", "test"));
    Map<String, SetupValue> adjusted = read.apply(planned);
    assertThat(adjusted.get("batch_size").text()).isEqualTo("2");
    assertThat(adjusted.get("gradient_accumulation_steps").text()).isEqualTo("4");
    assertThat(adjusted.get("lr").text()).isEqualTo("1e-5");
    assertThat(planned.get("batch_size").text()).as("the plan itself is untouched").isEqualTo("8");

    Map<String, String> designed = Map.of("batch_size", "8", "lora_rank", "8");
    assertThat(read.applyToDesigned(designed))
        .isEqualTo(Map.of("batch_size", "2", "lora_rank", "8"))
        .as("a key the design does not set is not added")
        .doesNotContainKey("gradient_accumulation_steps");
    assertThat(halved(2, "8", "4", "1", "2").describe())
        .isEqualTo("batch_size 8 -> 4; gradient_accumulation_steps 1 -> 2");
  }

  @Test
  void aBrokenFileSaysWhatIsWrongWithIt() throws Exception {
    Files.createDirectories(RecordedAdjustments.file(run).getParent());
    Files.writeString(RecordedAdjustments.file(run), "{\"adjustments\": [{\"cause\": \"X\"}]}");
    assertThatThrownBy(() -> RecordedAdjustments.read(run))
        .hasMessageContaining("adjustments.json")
        .hasMessageContaining("attempt number");
    Files.writeString(RecordedAdjustments.file(run), "{not json");
    assertThatThrownBy(() -> RecordedAdjustments.read(run)).hasMessageContaining("not valid JSON");
  }
}
