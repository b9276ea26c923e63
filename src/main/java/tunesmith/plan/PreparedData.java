package tunesmith.plan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import tunesmith.experiment.ExperimentPlan;
import tunesmith.problem.Warning;
import tunesmith.profile.DataPreparation;
import tunesmith.profile.Profile;
import tunesmith.render.SlurmScriptRenderer;
import tunesmith.setup.SetupConfig;
import tunesmith.yaml.YamlMapping;
import tunesmith.yaml.YamlScalar;

/**
 * The dataset a {@code data.data_generation} block of cruijff_kit's prepare_data tool declares
 * ({@code tool: model_organism}, {@code output_path}). cruijff_kit's scaffold makes it first, on
 * the machine that scaffolds. For a target with a data-preparation job tunesmith's submit makes it
 * ({@link DataJob}); otherwise a missing one is said plainly, with the command that makes it
 * (docs/FORMATS-0.3.md).
 */
final class PreparedData {
  /** The one tool cruijff_kit's prepare_data runs. */
  private static final String TOOL = DataPreparation.TOOL;

  private PreparedData() {}

  /**
   * The data-preparation job, for a target that has one, when the block declares a dataset that
   * fine-tuned runs train on (whether it exists yet or not: submit skips it once it does).
   */
  static Optional<DataJob> job(ExperimentPlan experiment, Profile target, List<PlannedRun> runs) {
    if (!target.has(Profile.Rule.DATA_PREPARATION_JOB)) {
      return Optional.empty();
    }
    Optional<Path> file = declared(experiment);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    List<PlannedRun> using =
        runs.stream()
            .filter(run -> Path.of(run.config().datasetPath()).normalize().equals(file.get()))
            .toList();
    if (using.isEmpty()) {
      return Optional.empty();
    }
    SetupConfig first = using.get(0).config();
    return Optional.of(
        new DataJob(
            experiment.directory(),
            file.get(),
            using.stream().map(run -> run.run().name()).toList(),
            SlurmScriptRenderer.environment(first),
            first.resources().account()));
  }

  /** The dataset the block declares, when prepare_data would make it. */
  static Optional<Path> declared(ExperimentPlan experiment) {
    Optional<YamlMapping> block = experiment.dataGeneration();
    if (block.isEmpty() || !text(block.get(), "tool").equals(Optional.of(TOOL))) {
      return Optional.empty();
    }
    return text(block.get(), "output_path")
        .map(output -> experiment.directory().resolve(output).normalize());
  }

  /** A missing declared dataset no data job makes, said with the command that makes it. */
  static Optional<Warning> missing(ExperimentPlan experiment, Optional<DataJob> job) {
    Optional<YamlMapping> block = experiment.dataGeneration();
    Optional<Path> declared = declared(experiment);
    if (job.isPresent() || declared.isEmpty()) {
      return Optional.empty();
    }
    Path file = declared.get();
    if (Files.exists(file)) {
      return Optional.empty();
    }
    return Optional.of(
        Warning.global(
            "data.data_generation (line "
                + block.orElseThrow().line()
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
