package tunesmith.profile;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tunesmith.keys.SetupKey;

/**
 * One cruijff_kit version that tunesmith writes for: everything that differs between versions, as
 * data the stages read (docs/TARGETS.md, "Profiles"). Its {@link #id} is the target users name with
 * {@code --target}; the built-in profiles are in {@link Profiles}.
 *
 * @param id the target's name, e.g. {@code cruijff_kit-0.3}; profiles are equal by id
 * @param reading how experiment_summary.yaml is read for this version
 * @param layering what scaffold writes into a run's setup_finetune.yaml for this version's format
 * @param resolving how a run's setup values are resolved for this version
 * @param recipes which recipe a run trains with: scaffold's choice, setup's default, the recipes
 *     the version has
 * @param jobSteps what finetune.slurm runs around training
 * @param modelTarget the {@code targets} block of the built-in model catalog (models.yaml) whose
 *     names and resources this version's models take (empty: the models' own)
 * @param logFile scaffold's log, relative to the experiment directory
 */
public record Profile(
    String id,
    Reading reading,
    Layering layering,
    Resolving resolving,
    Recipes recipes,
    JobSteps jobSteps,
    Optional<String> modelTarget,
    String logFile) {

  /** What a version's experiment format does that another may not (docs/FORMATS-0.3.md). */
  public enum Rule {
    /** output.base_directory is required and holds the checkpoints. */
    OUTPUT_BASE_DIRECTORY,
    /** data.training may be a parquet folder. */
    PARQUET_DATASETS,
    /** controls.dataset_type must be given: it is never guessed. */
    DATASET_TYPE_REQUIRED,
    /**
     * Every fine-tuned run gets epochs, batch_size, gradient_accumulation_steps and system_prompt
     * from controls, its parameters or its base_recipe (the template marks them REQUIRED).
     */
    REQUIRED_CONTROLS,
    /**
     * A dataset data.data_generation declares and that does not exist is made by a job that every
     * training on it waits for ({@link DataPreparation}; docs/submitting.md).
     */
    DATA_PREPARATION_JOB,
    /** A run may name its own dataset (dataset_path, training_condition). */
    RUN_DATASETS,
    /** A run may carry a compute block. */
    COMPUTE,
    /** A run may be eval-only (a checkpoint trained elsewhere). */
    EVAL_ONLY_RUNS,
    /** The evaluation section is scaffolded into evaluation cells. */
    EVALUATION
  }

  /**
   * How experiment_summary.yaml is read.
   *
   * @param formatName what error messages call the format, e.g. {@code the cruijff_kit-0.3 format}
   * @param directoryKey the key of {@code experiment} naming the experiment directory; it chooses
   *     the profile
   * @param knownKeys keys read per section ({@code experiment}, {@code output}, {@code runs[]})
   * @param ignoredKeys keys of a section known but not read, with why (for the warning)
   * @param ignoredControls setup keys that may stand in controls but this version never reads
   */
  public record Reading(
      String formatName,
      String directoryKey,
      Set<Rule> rules,
      Map<String, Set<String>> knownKeys,
      Map<String, Map<String, String>> ignoredKeys,
      Map<String, String> ignoredControls) {

    public Reading {
      rules = Set.copyOf(rules);
      knownKeys = Map.copyOf(knownKeys);
      ignoredKeys = Map.copyOf(ignoredKeys);
      ignoredControls = Map.copyOf(ignoredControls);
    }
  }

  /**
   * What scaffold lays into a run's setup_finetune.yaml, below claude.local.md, the experiment and
   * the run (tunesmith.setup.SetupComposer; docs/SETUP-0.3.md).
   *
   * @param presets the bottom layer: values every run starts from, in this order
   * @param modelsDir when models_dir is written
   * @param checkpointBase what the checkpoint location is derived from
   * @param textDropsSystemPrompt whether a text_completion run loses system_prompt (base models
   *     have no chat template to hold one)
   * @param cpusPerGpu when present, cpus_per_task is written as one per GPU with this origin
   * @param trainingSamples when present, training_samples is written from data.training's train
   *     split (for a run on data.training) with this origin
   */
  public record Layering(
      List<Preset> presets,
      ModelsDir modelsDir,
      CheckpointBase checkpointBase,
      boolean textDropsSystemPrompt,
      Optional<String> cpusPerGpu,
      Optional<String> trainingSamples) {

    public Layering {
      presets = List.copyOf(presets);
    }
  }

  /** A value written into every run's setup file unless a later layer sets it. */
  public record Preset(String key, String text, String origin) {}

  /** When scaffold writes models_dir. */
  public enum ModelsDir {
    /** claude.local.md's models directory, for a model given by a relative path */
    LOCAL_FOR_RELATIVE_MODELS,
    /**
     * always: an absolute model's parent, else claude.local.md's models directory, else {@code .}
     * (cruijff_kit 0.3's setup_finetune.py requires it and rebuilds the checkpoint from it)
     */
    ALWAYS
  }

  /** What a run's checkpoint location is written from. */
  public enum CheckpointBase {
    /** output_dir_base and experiment_name from output.base_directory */
    OUTPUT_BASE_DIRECTORY,
    /** project_dir and experiment_name from the experiment directory */
    EXPERIMENT_DIRECTORY
  }

  /** A recipe module and why scaffold chose it (the setup file's origin of the value). */
  public record RecipeChoice(String recipe, String reason) {}

  /**
   * Which recipe a run trains with, all in one place (docs/TARGETS.md, "Recipe and GPU rules").
   *
   * @param validating what scaffold writes as custom_recipe for one GPU and validation (empty: as
   *     without validation)
   * @param singleDevice what scaffold writes for one GPU
   * @param multiDevice what scaffold writes for more than one GPU
   * @param unsetSingleDevice what setup uses when a setup file leaves custom_recipe unset, for one
   *     GPU (empty: torchtune's own recipe)
   * @param unsetMultiDevice the same, for more than one GPU
   * @param custom the modules of cruijff_kit's custom_recipes package this version has (empty: not
   *     checked)
   */
  public record Recipes(
      Optional<RecipeChoice> validating,
      RecipeChoice singleDevice,
      RecipeChoice multiDevice,
      Optional<String> unsetSingleDevice,
      Optional<String> unsetMultiDevice,
      List<String> custom) {

    /** The package of cruijff_kit's custom recipes. */
    public static final String PACKAGE = "cruijff_kit.tools.torchtune.custom_recipes.";

    public Recipes {
      custom = List.copyOf(custom);
    }

    /** What scaffold writes as custom_recipe when the experiment names none. */
    public RecipeChoice choose(int gpus, boolean validates) {
      if (gpus > 1) {
        return multiDevice;
      }
      return validates ? validating.orElse(singleDevice) : singleDevice;
    }

    /** The recipe setup uses when a setup file leaves custom_recipe unset. */
    public Optional<String> whenUnset(int gpus) {
      return gpus > 1 ? unsetMultiDevice : unsetSingleDevice;
    }

    /**
     * Whether the version lacks a recipe (after matching the GPU count) in cruijff_kit's custom
     * recipes package; recipes elsewhere are the user's own and not checked.
     */
    public boolean lacks(String recipe) {
      return !custom.isEmpty() && recipe.startsWith(PACKAGE) && !custom.contains(recipe);
    }
  }

  /**
   * Where a SLURM key comes from when a run leaves it unset: the model catalog's entry (see
   * tunesmith.setup.ModelResources).
   */
  public enum ModelResource {
    /** the model's mem */
    MEM,
    /** 80G per GPU the model needs (cruijff_kit 0.3's model_configs.py: RAM = VRAM) */
    MEM_80G_PER_GPU,
    /** the model's partition, if any */
    PARTITION,
    /** the model's constraint, if any */
    CONSTRAINT,
    /** the model's CPUs */
    CPUS,
    /** one CPU per GPU the model needs */
    CPUS_ONE_PER_GPU,
    /** the GPUs the model needs */
    GPUS
  }

  /** Where a run's checkpoints (torchtune's output_dir) go (see tunesmith.setup.OutputDirs). */
  public enum OutputLayout {
    /** {@code {output_dir_base}{experiment_name}/ck-out-{run}/}; the run directory as base. */
    CK_OUT_UNDER_OUTPUT_DIR_BASE,
    /**
     * {@code {project_dir}{experiment_name}/{run}/artifacts/}, the run directory's artifacts/ when
     * project_dir is unset.
     */
    ARTIFACTS_UNDER_PROJECT_DIR
  }

  /**
   * How a run's setup values are resolved (docs/SETUP-0.3.md).
   *
   * @param marker a key whose presence in a setup file chooses this profile (empty: none)
   * @param defaults built-in defaults that differ from the setup key table's
   * @param required keys with no default for this version (an input error when unset)
   * @param unread keys the version's recipes never read (a warning when set; never written to
   *     finetune.yaml)
   * @param modelResources SLURM keys filled from the model when unset
   * @param outputLayout where checkpoints go
   * @param rowSources finetune.yaml keys computed alike whose source reads differently for this
   *     version (docs/KEYS.md's "where from")
   */
  public record Resolving(
      Optional<String> marker,
      Map<String, String> defaults,
      List<String> required,
      List<String> unread,
      Map<String, ModelResource> modelResources,
      OutputLayout outputLayout,
      Map<String, String> rowSources) {

    public Resolving {
      defaults = Map.copyOf(defaults);
      required = List.copyOf(required);
      unread = List.copyOf(unread);
      modelResources = Map.copyOf(modelResources);
      rowSources = Map.copyOf(rowSources);
    }

    /** A key's built-in default for this version: none for a required key. */
    public Optional<String> defaultText(SetupKey key) {
      if (required.contains(key.name())) {
        return Optional.empty();
      }
      return Optional.ofNullable(defaults.get(key.name())).or(key::defaultText);
    }
  }

  /**
   * What finetune.slurm runs around training, besides {@code tune run}.
   *
   * @param monitorsGpus log nvidia-smi every 30 s into {output_dir}gpu_metrics.csv while training
   * @param runsPostFinetune run cruijff_kit's post_finetune step when training succeeded
   */
  public record JobSteps(boolean monitorsGpus, boolean runsPostFinetune) {}

  /** The component catalog's resource (written by scripts/component-catalog). */
  public String componentCatalog() {
    return "/tunesmith/targets/" + id + ".yaml";
  }

  /**
   * The recipe catalog's resource, what base_recipe may name (written by scripts/recipe-catalog).
   */
  public String recipeCatalog() {
    return "/tunesmith/recipes/" + id + ".yaml";
  }

  public boolean has(Rule rule) {
    return reading.rules().contains(rule);
  }

  /** Keys this version reads in a section ({@code experiment}, {@code output}, {@code runs[]}). */
  public Set<String> knownKeys(String section) {
    return reading.knownKeys().getOrDefault(section, Set.of());
  }

  /** Keys of a section that this version knows but does not read, with why (for the warning). */
  public Map<String, String> ignoredKeys(String section) {
    return reading.ignoredKeys().getOrDefault(section, Map.of());
  }

  // Equal by id: profiles key hot maps (one lookup per run), where hashing every table would cost.
  @Override
  public boolean equals(Object other) {
    return other instanceof Profile profile && profile.id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  /** The name users write and reports show, e.g. {@code cruijff_kit-0.3}. */
  @Override
  public String toString() {
    return id;
  }
}
