package tunesmith.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tunesmith.evaluation.EvalRun;
import tunesmith.evaluation.EvalRunType;
import tunesmith.experiment.BaseModel;
import tunesmith.experiment.ExperimentPlan;
import tunesmith.experiment.RunDataset;
import tunesmith.experiment.RunSpec;
import tunesmith.keys.SetupValue;
import tunesmith.sharing.SharedInstances;
import tunesmith.yaml.ScalarText;

/**
 * The experiment reader's runs as evaluation needs them, so runs are read once (the reader reports
 * their problems, an eval-only run without a checkpoint among them).
 */
final class EvalRuns {
  private EvalRuns() {}

  static List<EvalRun> of(ExperimentPlan experiment) {
    Optional<Long> controlsEpochs =
        Optional.ofNullable(experiment.controls().get("epochs")).flatMap(EvalRuns::whole);
    List<EvalRun> runs = new ArrayList<>();
    // Runs of a sweep evaluate the same model path, epochs and prompt: one instance each.
    SharedInstances shared = new SharedInstances();
    for (RunSpec run : experiment.runs()) {
      EvalRunType type = EvalRunType.byYamlName(run.type().yamlName()).orElseThrow();
      Optional<Long> epochs =
          Optional.ofNullable(run.parameters().get("epochs"))
              .flatMap(EvalRuns::whole)
              .or(() -> controlsEpochs)
              .or(() -> Optional.of(1L));
      runs.add(
          new EvalRun(
              run.name(),
              type,
              run.model(),
              shared.of(
                  Optional.ofNullable(experiment.models().get(run.model()))
                      .map(BaseModel::path)
                      .map(SetupValue::text)),
              shared.of(epochs),
              shared.of(run.prompt().map(SetupValue::text)),
              shared.of(run.checkpointPath().map(SetupValue::text)),
              shared.of(
                  run.dataset()
                      .filter(dataset -> dataset.source() == RunDataset.Source.DATASET_PATH)
                      .map(dataset -> dataset.path().text())),
              run.line(),
              run.column()));
    }
    return runs;
  }

  private static Optional<Long> whole(SetupValue value) {
    return ScalarText.integer(value.text());
  }
}
