package tunesmith.experiment;

import java.util.Set;

/**
 * Keys of experiment_summary.yaml that every version's format knows; what a version adds or leaves
 * out is in its profile (tunesmith.profile.Profile.Reading).
 */
final class CommonKeys {
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

  private CommonKeys() {}
}
