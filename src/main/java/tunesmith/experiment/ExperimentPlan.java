package tunesmith.experiment;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import tunesmith.keys.SetupValue;
import tunesmith.problem.Warning;
import tunesmith.profile.Profile;
import tunesmith.yaml.YamlMapping;

/**
 * A validated experiment_summary.yaml.
 *
 * @param directory the experiment directory being worked on (absolute)
 * @param variables swept parameters by setup key, with their listed values
 * @param controls controls that are setup keys, by setup key
 * @param baseDirectory output.base_directory (cruijff_kit-2026.01 format; null in the
 *     cruijff_kit-0.3 format, whose runs live in the experiment directory)
 * @param wandbProject output.wandb_project, if any
 * @param profile the cruijff_kit version whose format the file is in (chosen by its directory key):
 *     the target unless --target says otherwise
 * @param project experiment.project (cruijff_kit-0.3 format metadata)
 * @param dataGeneration data.data_generation (cruijff_kit-0.3 format), whose conditions name
 *     generated files
 * @param evaluation the evaluation section (cruijff_kit-0.3 format), read in the same pass as the
 *     rest
 */
public record ExperimentPlan(
    Path summaryFile,
    Path directory,
    String name,
    String date,
    Map<String, List<SetupValue>> variables,
    Map<String, SetupValue> controls,
    boolean validationDuringTraining,
    Map<String, BaseModel> models,
    TrainingData training,
    SetupValue baseDirectory,
    Optional<SetupValue> wandbProject,
    List<RunSpec> runs,
    List<Warning> warnings,
    Profile profile,
    Optional<String> project,
    Optional<YamlMapping> dataGeneration,
    Optional<EvaluationDesign> evaluation) {

  public ExperimentPlan {
    variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    controls = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(controls));
    models = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(models));
    runs = List.copyOf(runs);
    warnings = List.copyOf(warnings);
  }

  public List<RunSpec> fineTunedRuns() {
    return runs.stream().filter(RunSpec::fineTuned).toList();
  }

  /**
   * data.training's train split size, for a run that trains on data.training; empty for a run with
   * its own dataset (a generated condition or a literal path), whose size is not known here.
   */
  public OptionalLong trainSamples(RunSpec run) {
    boolean ownDataset =
        run.dataset().map(d -> d.source() != RunDataset.Source.DATA_TRAINING).orElse(false);
    return ownDataset || training == null ? OptionalLong.empty() : training.trainSamples();
  }

  /** Runs that are not trained here (control and eval-only): listed, not scaffolded. */
  public List<RunSpec> controlRuns() {
    return runs.stream().filter(run -> !run.fineTuned()).toList();
  }
}
