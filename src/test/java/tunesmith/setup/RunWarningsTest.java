package tunesmith.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RunWarningsTest {

  private static List<String> warnings(SetupConfig config, long samples) {
    return new RunWarnings().of(config, OptionalLong.of(samples));
  }

  private static List<String> stepGuard(List<String> warnings) {
    return warnings.stream().filter(w -> w.startsWith("step guard")).toList();
  }

  private static SetupFixtures guardSetup() {
    return SetupFixtures.typical()
        .with("batch_size", "4")
        .with("gradient_accumulation_steps", "1")
        .with("epochs", "1")
        .with("num_warmup_steps", "100");
  }

  @Test
  void warmupThatNeverCompletes() {
    // 240 / (4 x 1) = 60 steps < 100 warmup steps
    List<String> guard = stepGuard(warnings(guardSetup().resolve(), 240));
    assertThat(guard)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w).contains("never completes");
              assertThat(w).contains("60").contains("100");
            });
  }

  @Test
  void warmupTakingMostOfTraining() {
    // 1000 / 4 = 250 steps: >= 100 but < 300
    assertThat(stepGuard(warnings(guardSetup().resolve(), 1000)))
        .singleElement()
        .satisfies(
            w -> assertThat(w).contains("< 3 x").contains("250").doesNotContain("never completes"));
  }

  @Test
  void enoughStepsGiveNoStepGuardWarning() {
    // 4000 / 4 = 1000 steps >= 300
    assertThat(stepGuard(warnings(guardSetup().resolve(), 4000))).isEmpty();
  }

  @Test
  void boundaryAtExactlyThreeTimesWarmupIsFine() {
    assertThat(stepGuard(warnings(guardSetup().resolve(), 1200))).isEmpty(); // 300 steps
    assertThat(stepGuard(warnings(guardSetup().resolve(), 1196))).hasSize(1); // 299 steps
    assertThat(stepGuard(warnings(guardSetup().resolve(), 400)))
        .singleElement()
        .satisfies(w -> assertThat(w).doesNotContain("never completes")); // 100 steps = warmup
  }

  @Test
  void stepsRoundUpAndCountGradientAccumulationAndEpochs() {
    // ceil(241 / (4 x 2)) = 31 steps/epoch x 10 epochs = 310 >= 300: no warning
    SetupConfig config =
        guardSetup().with("gradient_accumulation_steps", "2").with("epochs", "10").resolve();
    assertThat(stepGuard(warnings(config, 241))).isEmpty();
    // ceil(233 / 8) = 30 x 10 = 300: fine; ceil(232 / 8) = 29 x 10 = 290: warns
    assertThat(stepGuard(warnings(config, 232))).hasSize(1);
    assertThat(stepGuard(warnings(config, 233))).isEmpty();
  }

  @Test
  void trainingSamplesWinOverTheSplitsCount() {
    SetupConfig config = guardSetup().with("training_samples", "240").resolve();
    List<String> all = warnings(config, 4000);
    assertThat(stepGuard(all))
        .singleElement()
        .satisfies(w -> assertThat(w).contains("never completes"));
    // Whether the dataset builder takes max_samples is the target's to say (an input error where
    // it does not), not a warning.
    assertThat(all).noneSatisfy(w -> assertThat(w).contains("max_samples"));
  }

  @Test
  void maxStepsPerEpochCapsTheSteps() {
    SetupConfig config = guardSetup().with("max_steps_per_epoch", "50").resolve();
    assertThat(stepGuard(warnings(config, 4000)))
        .singleElement()
        .satisfies(w -> assertThat(w).contains("never completes"));
  }

  @Test
  void noSampleCountNoStepGuard() {
    assertThat(stepGuard(new RunWarnings().of(guardSetup().resolve(), OptionalLong.empty())))
        .isEmpty();
  }

  @Test
  void validationOnAMultiGpuRunIsWarned() {
    SetupConfig big =
        SetupFixtures.typical()
            .with("torchtune_model_name", "Llama-3.3-70B-Instruct")
            .with("model_checkpoint", "/models/Llama-3.3-70B-Instruct")
            .with("run_val_every_n_steps", "50")
            .resolve();
    assertThat(warnings(big, 100_000))
        .anySatisfy(w -> assertThat(w).contains("validation").contains("4 GPUs"));

    SetupConfig small = SetupFixtures.typical().with("run_val_every_n_steps", "50").resolve();
    assertThat(warnings(small, 100_000)).noneSatisfy(w -> assertThat(w).contains("validation"));

    SetupConfig bigNoValidation =
        SetupFixtures.typical()
            .with("torchtune_model_name", "Llama-3.3-70B-Instruct")
            .with("model_checkpoint", "/models/Llama-3.3-70B-Instruct")
            .resolve();
    assertThat(warnings(bigNoValidation, 100_000))
        .noneSatisfy(w -> assertThat(w).contains("validation"));
  }

  @Test
  void systemPromptOnTextCompletionIsWarned() {
    SetupConfig text =
        SetupFixtures.typical()
            .with("dataset_type", "text_completion")
            .with("system_prompt", "Be brief.")
            .resolve();
    assertThat(warnings(text, 100_000))
        .anySatisfy(w -> assertThat(w).contains("system_prompt").contains("text_completion"));

    SetupConfig chat =
        SetupFixtures.typical()
            .with("dataset_type", "chat_completion")
            .with("system_prompt", "Be brief.")
            .resolve();
    assertThat(warnings(chat, 100_000)).noneSatisfy(w -> assertThat(w).contains("system_prompt"));

    SetupConfig emptyPrompt =
        SetupFixtures.typical()
            .with("dataset_type", "text_completion")
            .with("system_prompt", "")
            .resolve();
    assertThat(warnings(emptyPrompt, 100_000))
        .noneSatisfy(w -> assertThat(w).contains("system_prompt"));
  }

  @Test
  void moreThanTenCheckpointsIsWarned() {
    assertThat(warnings(stable().with("epochs", "11").resolve(), 100_000))
        .anySatisfy(w -> assertThat(w).contains("11 checkpoints"));
    // torchtune's own recipe (no custom_recipe) never reads epochs_to_save: nothing to warn about.
    assertThat(warnings(SetupFixtures.typical().with("epochs", "11").resolve(), 100_000))
        .noneSatisfy(w -> assertThat(w).contains("checkpoints"));
    assertThat(warnings(SetupFixtures.typical().with("epochs", "10").resolve(), 100_000))
        .noneSatisfy(w -> assertThat(w).contains("checkpoints"));
    assertThat(
            warnings(
                SetupFixtures.typical()
                    .with("epochs", "20")
                    .with("epochs_to_save", "0,5,10")
                    .resolve(),
                100_000))
        .noneSatisfy(w -> assertThat(w).contains("checkpoints"));
    assertThat(
            warnings(
                SetupFixtures.typical()
                    .with("epochs", "20")
                    .with("save_last_epoch_only", "true")
                    .resolve(),
                100_000))
        .noneSatisfy(w -> assertThat(w).contains("checkpoints"));
    assertThat(
            warnings(
                SetupFixtures.typical()
                    .with("epochs", "20")
                    .with("epochs_to_save", "none")
                    .resolve(),
                100_000))
        .noneSatisfy(w -> assertThat(w).contains("checkpoints"));
  }

  /**
   * cruijff_kit's single-device recipe of the cruijff_kit-2026.01 target, which reads
   * epochs_to_save.
   */
  private static SetupFixtures stable() {
    return SetupFixtures.typical()
        .with(
            "custom_recipe",
            "cruijff_kit.tools.torchtune.custom_recipes.lora_finetune_single_device_stable");
  }

  @Test
  void missingModelAndDatasetPathsAreWarned() {
    List<String> all =
        warnings(
            SetupFixtures.typical()
                .with("model_checkpoint", "/nonexistent-tunesmith-test/m")
                .resolve(),
            100_000);
    assertThat(all)
        .anySatisfy(
            w -> assertThat(w).contains("/nonexistent-tunesmith-test/m").contains("not found"));
    assertThat(all)
        .anySatisfy(w -> assertThat(w).contains("/data/words.json").contains("not found"));
  }
}
