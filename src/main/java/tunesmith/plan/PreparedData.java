package tunesmith.plan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import tunesmith.experiment.ExperimentPlan;
import tunesmith.problem.Warning;
import tunesmith.yaml.YamlMapping;
import tunesmith.yaml.YamlScalar;

/**
 * The dataset a {@code data.data_generation} block of cruijff_kit's prepare_data tool declares
 * ({@code tool: model_organism}, {@code output_path}). cruijff_kit's scaffold makes it first, on
 * the machine that scaffolds; tunesmith does not make it yet, so a missing one is said plainly,
 * with the command that makes it (docs/FORMATS-2026.md).
 */
final class PreparedData {
  /** The one tool cruijff_kit's prepare_data runs. */
  private static final String TOOL = "model_organism";

  private PreparedData() {}

  static Optional<Warning> missing(ExperimentPlan experiment) {
    Optional<YamlMapping> block = experiment.dataGeneration();
    if (block.isEmpty() || !text(block.get(), "tool").equals(Optional.of(TOOL))) {
      return Optional.empty();
    }
    Optional<String> output = text(block.get(), "output_path");
    if (output.isEmpty()) {
      return Optional.empty();
    }
    Path file = experiment.directory().resolve(output.get());
    if (Files.exists(file)) {
      return Optional.empty();
    }
    return Optional.of(
        Warning.global(
            "data.data_generation (line "
                + block.get().line()
                + ") declares "
                + file
                + " (tool "
                + TOOL
                + "), which does not exist, and tunesmith does not make it: run `python -m"
                + " cruijff_kit.tools.experiment.prepare_data "
                + experiment.directory()
                + "` in the experiment's environment before submitting, or every run training"
                + " on it fails"));
  }

  private static Optional<String> text(YamlMapping block, String key) {
    return block
        .get(key)
        .filter(YamlScalar.class::isInstance)
        .map(node -> ((YamlScalar) node).text())
        .filter(text -> !text.isEmpty());
  }
}
