package tunesmith.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tunesmith.render.FinetuneLayout;
import tunesmith.render.KeyDesign;

/**
 * Where the design check looks for each designed setup key is read off the finetune.yaml rows
 * (FinetuneLayout.Row.designs): these are the 23 places the check looked before the rows carried
 * them, so moving the table into the rows lost and added none.
 */
class DesignLocationsTest {
  @Test
  void theRowsCarryEveryDesignedKeyAtItsPlace() {
    assertThat(FinetuneLayout.DESIGN_LOCATIONS)
        .containsOnly(
            entry("lora_rank", "model.lora_rank"),
            entry("lora_dropout", "model.lora_dropout"),
            entry("lr", "optimizer.lr"),
            entry("weight_decay", "optimizer.weight_decay"),
            entry("num_warmup_steps", "lr_scheduler.num_warmup_steps"),
            entry("batch_size", "batch_size"),
            entry("batch_size_val", "batch_size_val"),
            entry("epochs", "epochs"),
            entry("gradient_accumulation_steps", "gradient_accumulation_steps"),
            entry("max_steps_per_epoch", "max_steps_per_epoch"),
            entry("max_seq_len", "tokenizer.max_seq_len"),
            entry("seed", "seed"),
            entry("log_every_n_steps", "log_every_n_steps"),
            entry("prompt", "dataset.prompt"),
            entry("system_prompt", "dataset.system_prompt"),
            entry("input_key", "dataset.input_key"),
            entry("output_key", "dataset.output_key"),
            entry("train_on_input", "dataset.train_on_input"),
            entry("packed", "dataset.packed"),
            entry("training_samples", "dataset.max_samples"),
            entry("save_adapter_weights_only", "save_adapter_weights_only"),
            entry("save_last_epoch_only", "save_last_epoch_only"),
            entry("stash_adapter_weights", "stash_adapter_weights"));
  }

  @Test
  void eachDesignedPlaceIsUnderItsOwnRow() {
    for (FinetuneLayout.Row row : FinetuneLayout.ROWS) {
      row.designs()
          .values()
          .forEach(
              path ->
                  assertThat(path.equals(row.path()) || path.startsWith(row.path() + "."))
                      .as(row.path() + " carries " + path)
                      .isTrue());
    }
  }

  @Test
  void aRowCannotBeBuiltWithoutItsDesignCheckOrAReason() {
    assertThatThrownBy(
            () -> new FinetuneLayout.Row("seed", "setup: seed", c -> Optional.empty(), null))
        .hasMessageContaining("seed: a row needs its design check or the reason for none");
    assertThatThrownBy(() -> new KeyDesign.Unchecked(" ")).hasMessageContaining("says why");
    assertThatThrownBy(() -> new KeyDesign.Carries(Map.of()))
        .hasMessageContaining("at least one key");
  }
}
