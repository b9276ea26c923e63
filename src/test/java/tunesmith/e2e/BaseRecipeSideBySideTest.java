package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.FinetuneComparison;
import tunesmith.testing.Fixtures;
import tunesmith.testing.SetupFinetunePy;
import tunesmith.testing.SlurmScript;
import tunesmith.testing.TuneCpStandIn;

/**
 * An experiment with {@code controls.base_recipe} as cruijff_kit's recipe workflow test writes it
 * (the recipe's lr and gradient accumulation not set, lora_rank and batch_size set): tunesmith's
 * scaffold and cruijff_kit 0.3's own setup_finetune.py on each run's setup_finetune.yaml (with a
 * `tune cp` stand-in serving the recipe configs) write the same finetune.yaml, key by key through
 * OmegaConf, and the same #SBATCH requests; the recipe's values fill only what the design leaves
 * unset, and data.training.splits.train becomes dataset.max_samples.
 */
class BaseRecipeSideBySideTest {
  @TempDir static Path temp;
  private static Path experiment;
  private static Path bin;

  @BeforeAll
  static void scaffold() throws IOException {
    experiment =
        Fixtures.scaffoldedExample2026(
            temp,
            "recipe_sweep",
            Map.of(
                "  gradient_accumulation_steps: 1\n",
                "",
                "  num_warmup_steps: 10\n",
                "  base_recipe: llama3_2/1B_lora_single_device\n",
                "parameters: {lora_rank: 8, lr: 1e-5}",
                "parameters: {lora_rank: 8}"));
    bin = TuneCpStandIn.install(temp.resolve("tune-stand-in"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"r8_lr1e-5", "r32_lr1e-4", "8B_r32_lr1e-5_terse", "70B_r8_lr1e-5"})
  void cruijffKitsScriptWritesWhatTunesmithWrote(String run) throws IOException {
    Path ours = experiment.resolve(run);
    Path theirs = Files.createDirectories(temp.resolve("theirs").resolve(run));
    Files.copy(ours.resolve("setup_finetune.yaml"), theirs.resolve("setup_finetune.yaml"));

    CliResult result = SetupFinetunePy.run(Optional.of(bin), theirs);
    assertThat(result.exitCode()).as("setup_finetune.py: " + result.describe()).isZero();

    // The 70B run asks for validation on 4 GPUs: the script writes the validation keys, which
    // its distributed recipe never reads; tunesmith leaves them out (docs/SETUP-0.3.md).
    Set<String> unread =
        run.startsWith("70B") ? Set.of("dataset_val.", "run_val_every_n_steps") : Set.of();
    FinetuneComparison comparison =
        FinetuneComparison.of(
            theirs.resolve("finetune.yaml"), ours.resolve("finetune.yaml"), unread);
    assertThat(comparison.unexplained()).as(run).isEmpty();
    Map<String, Object> keys = comparison.ours();
    // From the recipe: the design sets neither.
    assertThat(keys)
        .containsEntry("gradient_accumulation_steps", 8L)
        .containsEntry("lr_scheduler.num_warmup_steps", 100L)
        .containsEntry("tokenizer.max_seq_len", null)
        .containsEntry("dataset.max_samples", 800L);
    // From the design: controls and run parameters win over the recipe's 64 and 4.
    assertThat(keys.get("model.lora_rank")).isNotEqualTo(64L);
    assertThat(keys.get("batch_size")).isNotEqualTo(4L);
    assertThat(SlurmScript.requests(Files.readString(ours.resolve("finetune.slurm"))))
        .isEqualTo(SlurmScript.requests(Files.readString(theirs.resolve("finetune.slurm"))));
  }

  @Test
  void theRecipesLearningRateIsUsedOnlyWhereTheDesignHasNone() {
    Map<String, Object> unset =
        FinetuneComparison.of(
                experiment.resolve("r8_lr1e-5/finetune.yaml"),
                experiment.resolve("r8_lr1e-5/finetune.yaml"),
                Set.of())
            .ours();
    Map<String, Object> set =
        FinetuneComparison.of(
                experiment.resolve("r8_lr1e-4/finetune.yaml"),
                experiment.resolve("r8_lr1e-4/finetune.yaml"),
                Set.of())
            .ours();
    assertThat(unset.get("optimizer.lr")).isEqualTo(3.0e-4);
    assertThat(set.get("optimizer.lr")).isEqualTo(1.0e-4);
  }

  @Test
  void anUnknownRecipeIsAnInputErrorNamingTheTargetsRecipes() throws IOException {
    Path broken =
        Fixtures.copyTree(
            experiment.resolve("experiment_summary.yaml").getParent(),
            temp.resolve("unknown_recipe"),
            Map.of("llama3_2/1B_lora_single_device", "llama3_2/1B_lora_single"));
    CliResult result = Cli.run(temp, "plan", broken.toString());
    assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
    assertThat(result.err())
        .contains("experiment_summary.yaml:")
        .contains("base_recipe")
        .contains("'llama3_2/1B_lora_single', which is not a torchtune recipe config")
        .contains("did you mean 'llama3_2/1B_lora'")
        .contains("llama3_1/8B_lora_single_device, ");
  }
}
