package tunesmith.setup;

import java.util.Optional;
import tunesmith.target.ComponentCatalog;
import tunesmith.target.RecipeSpec;

/**
 * Which custom recipe a run gets (docs/TARGETS.md). Only the {@code _nightly} single-device recipe
 * has a validation loop, so a one-GPU run that validates gets it; every other run of the January
 * target gets {@code _stable}, which {@link #forGpus} turns into {@code _distributed_stable} on
 * more than one GPU. (torchtune's own recipes read {@code log_level} without a default and ignore
 * the checkpoint keys cruijff_kit's recipes read.)
 */
public final class RecipeChoice {
  static final String PACKAGE = "cruijff_kit.tools.torchtune.custom_recipes.";
  public static final String STABLE = PACKAGE + "lora_finetune_single_device_stable";
  public static final String NIGHTLY = PACKAGE + "lora_finetune_single_device_nightly";
  private static final String SINGLE_DEVICE = "single_device";
  private static final String DISTRIBUTED = "distributed";

  private RecipeChoice() {}

  public static String forRun(int gpus, boolean validates) {
    return gpus == 1 && validates ? NIGHTLY : STABLE;
  }

  /** Why {@link #forRun} chose what it chose, for setup_finetune.yaml's origin of the value. */
  public static String reason(int gpus, boolean validates) {
    if (gpus == 1 && validates) {
      return "scaffold: one GPU and validation (the _stable recipe has no validation loop)";
    }
    return gpus == 1
        ? "scaffold default for single-GPU runs"
        : "scaffold default for multi-GPU runs (swapped to _distributed_stable)";
  }

  /** The recipe module with single_device / distributed swapped to match the GPU count. */
  public static String forGpus(String recipe, int gpus) {
    return gpus > 1
        ? recipe.replace(SINGLE_DEVICE, DISTRIBUTED)
        : recipe.replace(DISTRIBUTED, SINGLE_DEVICE);
  }

  /** The recipe argument of {@code tune run} for a run, matching its GPU count. */
  public static String tuneRun(SetupConfig config) {
    int gpus = config.resources().gpus();
    return config
        .optional("custom_recipe")
        // tune run drops the last dotted part (os.path.splitext); this keeps the module itself.
        .map(custom -> forGpus(custom, gpus) + ".__main__")
        .orElse(gpus > 1 ? "lora_finetune_distributed" : "lora_finetune_single_device");
  }

  /** What the run's target knows of the run's recipe (nothing for a user's own recipe). */
  public static Optional<RecipeSpec> spec(SetupConfig config) {
    return ComponentCatalog.of(config.target()).recipe(tuneRun(config));
  }

  /**
   * Whether the run's recipe reads a top-level key: keys no reader uses are not written. A recipe
   * the catalog does not know (the user's own) is taken to read everything.
   */
  public static boolean reads(SetupConfig config, String key) {
    return spec(config).map(recipe -> recipe.reads(key)).orElse(true);
  }

  /** Validation runs: it is asked for and the run's recipe reads the validation keys. */
  public static boolean validates(SetupConfig config) {
    return config.validationEnabled() && reads(config, "dataset_val");
  }
}
