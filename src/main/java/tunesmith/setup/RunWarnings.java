package tunesmith.setup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-run warnings: settings that will train, but not as the researcher likely meant. Path
 * look-ups are cached, since every run of a sweep usually shares its model and dataset.
 */
public final class RunWarnings {
  private static final int MANY_CHECKPOINTS = 10;
  private final Map<String, Boolean> existing = new ConcurrentHashMap<>();

  /**
   * @param planTrainSamples data.training.splits.train, when the experiment gives it
   */
  public List<String> of(SetupConfig config, OptionalLong planTrainSamples) {
    return of(config, planTrainSamples, Optional.empty());
  }

  /**
   * @param madeBeforeTraining the dataset a data-preparation job makes before the run trains: not
   *     warned about while it does not exist yet
   */
  public List<String> of(
      SetupConfig config, OptionalLong planTrainSamples, Optional<Path> madeBeforeTraining) {
    List<String> warnings = new ArrayList<>(config.notes());
    if (config.validationEnabled() && config.resources().gpus() > 1) {
      warnings.add(
          "validation is asked for, but with "
              + config.resources().gpus()
              + " GPUs the distributed recipe has no validation loop: validation will be skipped"
              + " (dataset_val and run_val_every_n_steps are not written)");
    }
    if (config.resources().gpus() < config.model().gpus()) {
      warnings.add(
          "runs on "
              + config.resources().gpus()
              + " GPU(s), fewer than the "
              + config.model().gpus()
              + " the catalog gives "
              + config.model().name()
              + " (the run, controls or a flag lowered it): check that the model fits");
    }
    stepGuard(config, planTrainSamples, warnings);
    if (!config.datasetType().takesSystemPrompt() && !config.text("system_prompt").isEmpty()) {
      warnings.add(
          "system_prompt is set but dataset_type "
              + config.text("dataset_type")
              + " takes none: it is dropped from finetune.yaml");
    }
    if (!exists(config.modelDir())) {
      warnings.add(
          "model directory "
              + config.modelDir()
              + " is not found on this machine (it may exist only on the compute nodes)");
    }
    String dataset = config.datasetPath();
    if (!exists(dataset) && !madeBeforeTraining.equals(Optional.of(Path.of(dataset).normalize()))) {
      warnings.add(
          "dataset "
              + dataset
              + " is not found on this machine (it may exist only on the compute nodes)");
    }
    manyCheckpoints(config, warnings);
    return warnings;
  }

  /** Only where the run's recipe reads epochs_to_save (cruijff_kit 0.3's keep every epoch). */
  private static void manyCheckpoints(SetupConfig config, List<String> warnings) {
    if (!RecipeChoice.reads(config, "epochs_to_save")) {
      return;
    }
    int checkpoints =
        config
            .epochsToSave()
            .checkpointCount((int) config.integer("epochs"), config.bool("save_last_epoch_only"));
    if (checkpoints > MANY_CHECKPOINTS) {
      warnings.add(
          "epochs_to_save keeps "
              + checkpoints
              + " checkpoints (more than "
              + MANY_CHECKPOINTS
              + "): check the disk quota");
    }
  }

  /** Warmup that never completes, or takes most of training, wastes the run. */
  private static void stepGuard(
      SetupConfig config, OptionalLong planTrainSamples, List<String> warnings) {
    OptionalLong samples =
        config.optionalInteger("training_samples").map(OptionalLong::of).orElse(planTrainSamples);
    if (samples.isEmpty()) {
      return;
    }
    long perStep = config.integer("batch_size") * config.integer("gradient_accumulation_steps");
    long stepsPerEpoch = (samples.getAsLong() + perStep - 1) / perStep;
    long cappedSteps =
        config
            .optionalInteger("max_steps_per_epoch")
            .map(cap -> Math.min(cap, stepsPerEpoch))
            .orElse(stepsPerEpoch);
    long totalSteps = cappedSteps * config.integer("epochs");
    long warmup = config.integer("num_warmup_steps");
    String arithmetic =
        totalSteps
            + " training steps ("
            + samples.getAsLong()
            + " samples / (batch_size "
            + config.integer("batch_size")
            + " x gradient_accumulation_steps "
            + config.integer("gradient_accumulation_steps")
            + ") = "
            + cappedSteps
            + " steps/epoch x "
            + config.integer("epochs")
            + " epochs)";
    if (totalSteps < warmup) {
      warnings.add(
          "step guard: "
              + arithmetic
              + " < num_warmup_steps "
              + warmup
              + ": the learning-rate warmup never completes");
    } else if (totalSteps < 3 * warmup) {
      warnings.add(
          "step guard: "
              + arithmetic
              + " < 3 x num_warmup_steps "
              + warmup
              + ": warmup takes a large share of training");
    }
  }

  private boolean exists(String path) {
    return existing.computeIfAbsent(path, p -> Files.exists(Path.of(p)));
  }
}
