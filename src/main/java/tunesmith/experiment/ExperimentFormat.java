package tunesmith.experiment;

import java.util.Map;
import java.util.Set;
import tunesmith.target.Target;

/**
 * The two experiment_summary.yaml formats, told apart by the key naming the experiment directory
 * ({@code experiment.directory}: January; {@code experiment.dir}: cruijff_kit 0.3's 2026 format).
 * What differs between them is data here, read once by the reader; see docs/FORMATS-2026.md.
 */
public enum ExperimentFormat {
  JANUARY(
      Target.CRUIJFF_KIT_2026_01,
      "directory",
      "scaffold-torchtune.log",
      Set.of(Rule.OUTPUT_BASE_DIRECTORY, Rule.PARQUET_DATASETS),
      Set.of(RunType.FINE_TUNED, RunType.CONTROL),
      Map.of(
          "experiment", Set.of("name", "directory", "date", "question", "hypothesis", "purpose"),
          "output", Set.of("base_directory", "checkpoint_pattern", "wandb_project"),
          "runs[]", Set.of("name", "type", "model", "parameters", "mig", "slurm_overrides")),
      Map.of(
          "experiment",
          Map.of("project", "is 2026-format metadata"),
          "runs[]",
          Map.of(
              "compute",
              "is read only in the 2026 format (experiment.dir): use slurm_overrides here",
              "training_condition",
              "is read only in the 2026 format (experiment.dir): this run trains on data.training",
              "dataset_path",
              "is read only in the 2026 format (experiment.dir): this run trains on data.training"),
          "data",
          Map.of("data_generation", "is read only in the 2026 format (experiment.dir)")),
      Map.of()),
  CRUIJFF_KIT_0_3(
      Target.CRUIJFF_KIT_0_3,
      "dir",
      "logs/scaffold-torchtune.log",
      Set.of(Rule.DATASET_TYPE_REQUIRED, Rule.RUN_DATASETS, Rule.COMPUTE, Rule.EVALUATION),
      Set.of(RunType.FINE_TUNED, RunType.CONTROL, RunType.EVAL_ONLY),
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
                  "is not read in the 2026 format: each run's checkpoints go to"
                      + " {experiment dir}/{run}/artifacts/",
              "checkpoint_pattern",
                  "is not read in the 2026 format: checkpoints are"
                      + " {experiment dir}/{run}/artifacts/epoch_{N}")),
      Map.of(
          "epochs_to_save", "cruijff_kit 0.3's recipes never read it",
          "save_last_epoch_only", "cruijff_kit 0.3's recipes never read it",
          "stash_adapter_weights", "cruijff_kit 0.3's recipes never read it"));

  /** What a format does that the other does not (docs/FORMATS-2026.md). */
  public enum Rule {
    /** output.base_directory is required and holds the checkpoints. */
    OUTPUT_BASE_DIRECTORY,
    /** data.training may be a parquet folder. */
    PARQUET_DATASETS,
    /** controls.dataset_type must be given: it is never guessed. */
    DATASET_TYPE_REQUIRED,
    /** A run may name its own dataset (dataset_path, training_condition). */
    RUN_DATASETS,
    /** A run may carry a compute block. */
    COMPUTE,
    /** The evaluation section is scaffolded (by the evaluation side). */
    EVALUATION
  }

  /** Top-level keys both formats know. */
  static final Set<String> TOP_LEVEL =
      Set.of(
          "experiment",
          "tools",
          "variables",
          "controls",
          "models",
          "data",
          "output",
          "runs",
          "evaluation");

  static final Set<String> TOOLS = Set.of("preparation", "evaluation");
  static final Set<String> MODEL_ENTRY = Set.of("name", "path", "size_gb");
  static final Set<String> DATA = Set.of("training", "data_generation");
  static final Set<String> TRAINING =
      Set.of("path", "label", "dataset_label", "format", "size_kb", "splits");

  private final Target target;
  private final String directoryKey;
  private final String logFile;
  private final Set<Rule> rules;
  private final Set<RunType> runTypes;
  private final Map<String, Set<String>> knownKeys;
  private final Map<String, Map<String, String>> ignoredKeys;
  private final Map<String, String> ignoredControls;

  ExperimentFormat(
      Target target,
      String directoryKey,
      String logFile,
      Set<Rule> rules,
      Set<RunType> runTypes,
      Map<String, Set<String>> knownKeys,
      Map<String, Map<String, String>> ignoredKeys,
      Map<String, String> ignoredControls) {
    this.target = target;
    this.directoryKey = directoryKey;
    this.logFile = logFile;
    this.rules = rules;
    this.runTypes = runTypes;
    this.knownKeys = knownKeys;
    this.ignoredKeys = ignoredKeys;
    this.ignoredControls = ignoredControls;
  }

  /** The consumer versions the generated files are written for. */
  public Target target() {
    return target;
  }

  /** {@code directory} or {@code dir}: the key of experiment that chooses this format. */
  public String directoryKey() {
    return directoryKey;
  }

  /** Scaffold's log, relative to the experiment directory. */
  public String logFile() {
    return logFile;
  }

  public Set<RunType> runTypes() {
    return runTypes;
  }

  /** Keys this format reads in a section ({@code experiment}, {@code output}, {@code runs[]}). */
  Set<String> knownKeys(String section) {
    return knownKeys.getOrDefault(section, Set.of());
  }

  /** Keys of a section that this format knows but does not read, with why (for the warning). */
  Map<String, String> ignoredKeys(String section) {
    return ignoredKeys.getOrDefault(section, Map.of());
  }

  /** Setup keys that may stand in controls but that this format's target never reads. */
  public Map<String, String> ignoredControls() {
    return ignoredControls;
  }

  public boolean has(Rule rule) {
    return rules.contains(rule);
  }
}
