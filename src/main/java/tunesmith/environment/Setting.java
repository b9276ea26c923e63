package tunesmith.environment;

import java.util.Map;
import java.util.Optional;

/**
 * The settings tunesmith reads from claude.local.md, and the one table that maps a label to its
 * setting. Some settings count only under a particular heading: "Account" means the SLURM account
 * only under "SLURM Defaults", and "Default project" the W&B project only under "Weights & Biases".
 */
enum Setting {
  CONDA_ENV(null, ValueFormat.ANY_TEXT),
  ACCOUNT(HeadingTopic.SLURM_DEFAULTS, ValueFormat.ANY_TEXT),
  PARTITION(null, ValueFormat.ANY_TEXT),
  CONSTRAINT(null, ValueFormat.ANY_TEXT),
  TIME(null, ValueFormat.SLURM_TIME),
  GPUS(null, ValueFormat.GPU_COUNT),
  MY_WANDB_PROJECT(HeadingTopic.WEIGHTS_AND_BIASES, ValueFormat.ANY_TEXT),
  WORKING_DIR(null, ValueFormat.DIRECTORY),
  MODELS_DIR(null, ValueFormat.DIRECTORY),
  USERNAME(null, ValueFormat.ANY_TEXT),
  SCRATCH_DIR(null, ValueFormat.DIRECTORY);

  /** Normalized label (lower case, single spaces) to setting. */
  private static final Map<String, Setting> BY_LABEL =
      Map.ofEntries(
          Map.entry("default conda environment", CONDA_ENV),
          Map.entry("environment name", CONDA_ENV),
          Map.entry("account", ACCOUNT),
          Map.entry("partition", PARTITION),
          Map.entry("constraint", CONSTRAINT),
          Map.entry("default time", TIME),
          Map.entry("default gpus", GPUS),
          Map.entry("default project", MY_WANDB_PROJECT),
          Map.entry("working directory", WORKING_DIR),
          Map.entry("models directory", MODELS_DIR),
          Map.entry("username", USERNAME),
          Map.entry("scratch directory", SCRATCH_DIR));

  private final HeadingTopic requiredTopic;
  private final ValueFormat format;

  Setting(HeadingTopic requiredTopic, ValueFormat format) {
    this.requiredTopic = requiredTopic;
    this.format = format;
  }

  /**
   * The setting's name as a key: {@code conda_env}, {@code account}, {@code my_wandb_project}, ...
   */
  String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The setting a label names, ignoring case and spacing; empty for labels tunesmith does not read.
   */
  static Optional<Setting> forLabel(String label) {
    return Optional.ofNullable(BY_LABEL.get(HeadingPath.normalize(label)));
  }

  /**
   * Whether a label for this setting counts where it stands: under the required heading if there is
   * one, and not under another tool's section (the GitHub "Username" is not the cluster username).
   */
  boolean countsUnder(HeadingPath path) {
    if (requiredTopic != null && !path.isUnder(requiredTopic)) {
      return false;
    }
    return !path.isUnderForeignTopicOtherThan(requiredTopic);
  }

  ValueFormat format() {
    return format;
  }
}
