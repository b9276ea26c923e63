package tunesmith.profile;

import static tunesmith.profile.Profile.Recipes.PACKAGE;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tunesmith.profile.Profile.CheckpointBase;
import tunesmith.profile.Profile.JobSteps;
import tunesmith.profile.Profile.Layering;
import tunesmith.profile.Profile.ModelResource;
import tunesmith.profile.Profile.ModelsDir;
import tunesmith.profile.Profile.OutputLayout;
import tunesmith.profile.Profile.Preset;
import tunesmith.profile.Profile.Reading;
import tunesmith.profile.Profile.RecipeChoice;
import tunesmith.profile.Profile.Recipes;
import tunesmith.profile.Profile.Resolving;
import tunesmith.profile.Profile.Rule;

/**
 * The built-in profiles, one per cruijff_kit version, and how one is chosen. The only place that
 * names a version: every stage asks the profile it was given. Adding a version is one profile here
 * plus its resources (docs/TARGETS.md, "Adding a version").
 */
public final class Profiles {
  private static final String NIGHTLY = PACKAGE + "lora_finetune_single_device_nightly";
  private static final String STABLE = PACKAGE + "lora_finetune_single_device_stable";
  private static final String DISTRIBUTED_STABLE = PACKAGE + "lora_finetune_distributed_stable";
  private static final Preset LOG_EVERY_STEP =
      new Preset("log_every_n_steps", "1", "scaffold default");

  /** cruijff_kit at commit 54b38e6 (January 2026): experiment.directory. */
  public static final Profile CRUIJFF_KIT_2026_01 =
      new Profile(
          "cruijff_kit-2026.01",
          new Reading(
              "the cruijff_kit-2026.01 format",
              "directory",
              Set.of(Rule.OUTPUT_BASE_DIRECTORY, Rule.PARQUET_DATASETS),
              Map.of(
                  "experiment",
                  Set.of("name", "directory", "date", "question", "hypothesis", "purpose"),
                  "output",
                  Set.of("base_directory", "checkpoint_pattern", "wandb_project"),
                  "runs[]",
                  Set.of("name", "type", "model", "parameters", "mig", "slurm_overrides")),
              Map.of(
                  "experiment",
                  Map.of("project", "is metadata of the cruijff_kit-0.3 format (experiment.dir)"),
                  "runs[]",
                  Map.of(
                      "compute",
                      "is read only in the cruijff_kit-0.3 format (experiment.dir): use"
                          + " slurm_overrides here",
                      "training_condition",
                      "is read only in the cruijff_kit-0.3 format (experiment.dir): this run"
                          + " trains on data.training",
                      "dataset_path",
                      "is read only in the cruijff_kit-0.3 format (experiment.dir): this run"
                          + " trains on data.training"),
                  "data",
                  Map.of(
                      "data_generation",
                      "is read only in the cruijff_kit-0.3 format (experiment.dir)")),
              Map.of()),
          new Layering(
              List.of(
                  new Preset("stash_adapter_weights", "true", "scaffold default"), LOG_EVERY_STEP),
              ModelsDir.LOCAL_FOR_RELATIVE_MODELS,
              CheckpointBase.OUTPUT_BASE_DIRECTORY,
              false,
              Optional.empty(),
              // 54b38e6's chat_completion_dataset has no max_samples.
              Optional.empty()),
          new Resolving(
              Optional.empty(),
              Map.of(),
              List.of(),
              List.of("project_dir"),
              Map.of(
                  "mem", ModelResource.MEM,
                  "partition", ModelResource.PARTITION,
                  "constraint", ModelResource.CONSTRAINT,
                  "cpus_per_task", ModelResource.CPUS,
                  "gpus", ModelResource.GPUS),
              OutputLayout.CK_OUT_UNDER_OUTPUT_DIR_BASE,
              Map.of()),
          // Only the _nightly single-device recipe has a validation loop; _stable becomes
          // _distributed_stable on more than one GPU (tunesmith.setup.RecipeChoice.forGpus). A
          // setup file without custom_recipe runs torchtune's own recipe.
          new Recipes(
              Optional.of(
                  new RecipeChoice(
                      NIGHTLY,
                      "scaffold: one GPU and validation (the _stable recipe has no validation"
                          + " loop)")),
              new RecipeChoice(STABLE, "scaffold default for single-GPU runs"),
              new RecipeChoice(
                  STABLE, "scaffold default for multi-GPU runs (swapped to _distributed_stable)"),
              Optional.empty(),
              Optional.empty(),
              List.of()),
          new JobSteps(false, false),
          Optional.empty(),
          "scaffold-torchtune.log");

  /** cruijff_kit 0.3 (the v0.3.4 era): experiment.dir, evaluation cells. */
  public static final Profile CRUIJFF_KIT_0_3 =
      new Profile(
          "cruijff_kit-0.3",
          new Reading(
              "the cruijff_kit-0.3 format",
              "dir",
              Set.of(
                  Rule.DATASET_TYPE_REQUIRED,
                  Rule.REQUIRED_CONTROLS,
                  Rule.DATA_PREPARATION_JOB,
                  Rule.RUN_DATASETS,
                  Rule.COMPUTE,
                  Rule.EVAL_ONLY_RUNS,
                  Rule.EVALUATION),
              Map.of(
                  "experiment",
                  Set.of("name", "dir", "date", "project", "question", "hypothesis", "purpose"),
                  "output",
                  Set.of("wandb_project"),
                  "runs[]",
                  Set.of(
                      "name",
                      "type",
                      "model",
                      "parameters",
                      "mig",
                      "slurm_overrides",
                      "compute",
                      "training_condition",
                      "dataset_path")),
              Map.of(
                  "output",
                  Map.of(
                      "base_directory",
                      "is not read in the cruijff_kit-0.3 format: each run's checkpoints go to"
                          + " {experiment dir}/{run}/artifacts/",
                      "checkpoint_pattern",
                      "is not read in the cruijff_kit-0.3 format: checkpoints are"
                          + " {experiment dir}/{run}/artifacts/epoch_{N}")),
              Map.of(
                  "epochs_to_save", "cruijff_kit 0.3's recipes never read it",
                  "save_last_epoch_only", "cruijff_kit 0.3's recipes never read it",
                  "stash_adapter_weights", "cruijff_kit 0.3's recipes never read it")),
          new Layering(
              List.of(
                  new Preset("save_adapter_weights_only", "true", "cruijff_kit 0.3 default"),
                  LOG_EVERY_STEP),
              ModelsDir.ALWAYS,
              CheckpointBase.EXPERIMENT_DIRECTORY,
              true,
              Optional.of("one CPU per GPU (cruijff_kit 0.3)"),
              // Its agent passes --training_samples data.training.splits.train to the script.
              Optional.of("data.training.splits.train (cruijff_kit 0.3's agent)")),
          new Resolving(
              // cruijff_kit 0.3's scaffold agent writes project_dir.
              Optional.of("project_dir"),
              // setup_finetune.py's own argparse defaults.
              Map.of("save_adapter_weights_only", "true", "log_every_n_steps", "5"),
              // Its dataset_type has no default: a guessed chat/text choice breaks train/eval
              // parity.
              List.of("dataset_type"),
              List.of("epochs_to_save", "save_last_epoch_only", "stash_adapter_weights"),
              // No partition or constraint from the model: those come from the user only.
              Map.of(
                  "mem", ModelResource.MEM_80G_PER_GPU,
                  "cpus_per_task", ModelResource.CPUS_ONE_PER_GPU,
                  "gpus", ModelResource.GPUS),
              OutputLayout.ARTIFACTS_UNDER_PROJECT_DIR,
              Map.of(
                  "output_dir",
                  "setup: project_dir + experiment_name + /{run}/artifacts/ (no project_dir: the"
                      + " run directory's artifacts/)",
                  "save_adapter_weights_only",
                  "setup: save_adapter_weights_only (default true)",
                  "log_every_n_steps",
                  "setup: log_every_n_steps (default 5)")),
          // setup_finetune.py's defaults are scaffold's choice too.
          new Recipes(
              Optional.empty(),
              new RecipeChoice(NIGHTLY, "cruijff_kit 0.3 recipe for one GPU"),
              new RecipeChoice(DISTRIBUTED_STABLE, "cruijff_kit 0.3 recipe for several GPUs"),
              Optional.of(NIGHTLY),
              Optional.of(DISTRIBUTED_STABLE),
              // cruijff_kit 0.3.4's custom_recipes/: there is no distributed_nightly.
              List.of(NIGHTLY, STABLE, DISTRIBUTED_STABLE)),
          new JobSteps(true, true),
          Optional.of("cruijff_kit-0.3"),
          "logs/scaffold-torchtune.log");

  private static final List<Profile> ALL = List.of(CRUIJFF_KIT_2026_01, CRUIJFF_KIT_0_3);

  private Profiles() {}

  /** Every built-in profile, oldest first (the order of --target's list and docs/KEYS.md). */
  public static List<Profile> all() {
    return ALL;
  }

  /** The profile of an experiment or setup file nothing else chooses: the oldest. */
  public static Profile fallback() {
    return ALL.get(0);
  }

  public static Optional<Profile> byId(String id) {
    return ALL.stream().filter(profile -> profile.id().equals(id)).findFirst();
  }

  /**
   * The formats that follow a rule, as messages name them: {@code the cruijff_kit-0.3 format,
   * chosen by experiment.dir}.
   */
  public static String formatsWith(Rule rule) {
    return ALL.stream()
        .filter(profile -> profile.has(rule))
        .map(
            profile ->
                profile.reading().formatName()
                    + ", chosen by experiment."
                    + profile.reading().directoryKey())
        .collect(java.util.stream.Collectors.joining("; "));
  }

  /** The profile whose experiment format names its directory with {@code key}. */
  public static Optional<Profile> byDirectoryKey(String key) {
    return ALL.stream().filter(profile -> profile.reading().directoryKey().equals(key)).findFirst();
  }

  /**
   * The profile for a setup file: the one asked for, else the one whose marker key the file has,
   * else the fallback.
   */
  public static Profile forSetupFile(Set<String> keys, Optional<Profile> asked) {
    return asked.orElseGet(
        () ->
            ALL.stream()
                .filter(profile -> profile.resolving().marker().filter(keys::contains).isPresent())
                .findFirst()
                .orElse(fallback()));
  }
}
