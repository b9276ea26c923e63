package tunesmith.setup;

/** A custom recipe's variant for a GPU count: {@code single_device} and {@code distributed}. */
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
}
