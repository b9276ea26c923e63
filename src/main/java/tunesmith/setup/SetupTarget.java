package tunesmith.setup;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tunesmith.catalog.ModelSpec;
import tunesmith.keys.SetupKey;
import tunesmith.keys.SetupValue;
import tunesmith.target.Target;

/**
 * What differs between targets when a run's setup values are resolved: built-in defaults, keys the
 * target requires or never reads, where SLURM resources come from, the default recipe and where
 * checkpoints go. Chosen once per run; the resolver reads it as data. See docs/SETUP-0.3.md.
 *
 * @param defaults built-in defaults that differ from the setup key table's
 * @param required keys with no default for this target (an input error when unset)
 * @param unread keys the target's recipes never read (a warning when set)
 * @param catalogResources SLURM keys filled from the model when unset
 * @param singleDeviceRecipe custom_recipe when unset, for one GPU (empty: torchtune's own)
 * @param distributedRecipe custom_recipe when unset, for more than one GPU
 * @param outputLayout where checkpoints go
 * @param customRecipes the modules of cruijff_kit's custom_recipes package this target has (empty:
 *     not checked)
 */
public record SetupTarget(
    Target target,
    Map<String, String> defaults,
    List<String> required,
    List<String> unread,
    Map<String, Function<ModelSpec, Optional<String>>> catalogResources,
    Optional<String> singleDeviceRecipe,
    Optional<String> distributedRecipe,
    OutputLayout outputLayout,
    List<String> customRecipes) {

  /** The key whose presence marks a setup file written by cruijff_kit 0.3's agent. */
  public static final String CRUIJFF_KIT_0_3_MARKER = "project_dir";

  private static final String RECIPES = "cruijff_kit.tools.torchtune.custom_recipes.";

  /** cruijff_kit 0.3's model_configs.py: RAM = VRAM (80G per GPU), one CPU per GPU. */
  private static final int GIGABYTES_PER_GPU = 80;

  private static final Map<Target, SetupTarget> BY_TARGET = new EnumMap<>(Target.class);

  static {
    BY_TARGET.put(
        Target.CRUIJFF_KIT_2026_01,
        new SetupTarget(
            Target.CRUIJFF_KIT_2026_01,
            Map.of(),
            List.of(),
            List.of(CRUIJFF_KIT_0_3_MARKER),
            Map.of(
                "mem", spec -> Optional.of(spec.mem()),
                "partition", ModelSpec::partition,
                "constraint", ModelSpec::constraint,
                "cpus_per_task", spec -> Optional.of(Integer.toString(spec.cpus())),
                "gpus", spec -> Optional.of(Integer.toString(spec.gpus()))),
            Optional.empty(),
            Optional.empty(),
            OutputLayout.CK_OUT_UNDER_OUTPUT_DIR_BASE,
            List.of()));
    BY_TARGET.put(
        Target.CRUIJFF_KIT_0_3,
        new SetupTarget(
            Target.CRUIJFF_KIT_0_3,
            // setup_finetune.py's own argparse defaults.
            Map.of("save_adapter_weights_only", "true", "log_every_n_steps", "5"),
            // Its dataset_type has no default: a guessed chat/text choice breaks train/eval
            // parity.
            List.of("dataset_type"),
            List.of("epochs_to_save", "save_last_epoch_only", "stash_adapter_weights"),
            // No partition or constraint from the model: those come from the user only.
            Map.of(
                "mem", spec -> Optional.of(GIGABYTES_PER_GPU * spec.gpus() + "G"),
                "cpus_per_task", spec -> Optional.of(Integer.toString(spec.gpus())),
                "gpus", spec -> Optional.of(Integer.toString(spec.gpus()))),
            Optional.of(RECIPES + "lora_finetune_single_device_nightly"),
            Optional.of(RECIPES + "lora_finetune_distributed_stable"),
            OutputLayout.ARTIFACTS_UNDER_PROJECT_DIR,
            // cruijff_kit 0.3.4's custom_recipes/: there is no distributed_nightly.
            List.of(
                RECIPES + "lora_finetune_single_device_nightly",
                RECIPES + "lora_finetune_single_device_stable",
                RECIPES + "lora_finetune_distributed_stable")));
  }

  public SetupTarget {
    defaults = Map.copyOf(defaults);
    required = List.copyOf(required);
    unread = List.copyOf(unread);
    catalogResources = Map.copyOf(catalogResources);
    customRecipes = List.copyOf(customRecipes);
  }

  public static SetupTarget of(Target target) {
    return BY_TARGET.get(target);
  }

  /**
   * The target for a setup file: the one asked for, else cruijff_kit-0.3 when the file has that
   * version's {@code project_dir}, else the January one.
   */
  public static SetupTarget choose(Map<String, SetupValue> given, Optional<Target> asked) {
    return of(
        asked.orElseGet(
            () ->
                given.containsKey(CRUIJFF_KIT_0_3_MARKER)
                    ? Target.CRUIJFF_KIT_0_3
                    : Target.CRUIJFF_KIT_2026_01));
  }

  /**
   * Whether the target lacks a recipe (after matching the GPU count) in cruijff_kit's custom
   * recipes package; recipes elsewhere are the user's own and not checked.
   */
  public boolean lacksRecipe(String recipe) {
    return !customRecipes.isEmpty()
        && recipe.startsWith(RECIPES)
        && !customRecipes.contains(recipe);
  }

  /** A key's built-in default for this target: none for a required key. */
  public Optional<String> defaultText(SetupKey key) {
    if (required.contains(key.name())) {
      return Optional.empty();
    }
    return Optional.ofNullable(defaults.get(key.name())).or(key::defaultText);
  }

  /** The recipe a run uses when custom_recipe is unset. */
  public Optional<String> defaultRecipe(int gpus) {
    return gpus > 1 ? distributedRecipe : singleDeviceRecipe;
  }
}
