package tunesmith.setup;

import java.util.Optional;
import tunesmith.torchtune.ComponentCatalog;
import tunesmith.torchtune.RecipeSpec;

/**
 * The recipe a run's setup values lead to (the default when custom_recipe is unset is the
 * profile's, Profile.Recipes; docs/TARGETS.md). (torchtune's own recipes read {@code log_level}
 * without a default and ignore the checkpoint keys cruijff_kit's recipes read.)
 */
public final class RecipeChoice {
  private static final String SINGLE_DEVICE = "single_device";
  private static final String DISTRIBUTED = "distributed";

  private RecipeChoice() {}

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
