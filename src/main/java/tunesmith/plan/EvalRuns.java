package tunesmith.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tunesmith.environment.LocalSettings;
import tunesmith.evaluation.EvalRun;
import tunesmith.experiment.BaseModel;
import tunesmith.experiment.ExperimentPlan;
import tunesmith.experiment.RunDataset;
import tunesmith.experiment.RunSpec;
import tunesmith.keys.SetupKey;
import tunesmith.keys.SetupKeys;
import tunesmith.keys.SetupValue;
import tunesmith.profile.Profile;
import tunesmith.setup.SetupComposer;
import tunesmith.sharing.SharedInstances;
import tunesmith.yaml.ScalarText;

/**
 * The experiment reader's runs as evaluation needs them, so runs are read once (the reader reports
 * their problems, an eval-only run without a checkpoint among them). A fine-tuned run's epochs come
 * from the composer and target defaults its training is planned with, not from a rule of their own:
 * evaluation is planned before training (its problems are reported with the file's), so it cannot
 * wait for the resolved settings.
 */
final class EvalRuns {
  private static final SetupKey EPOCHS = SetupKeys.get("epochs");

  private EvalRuns() {}

  static List<EvalRun> of(
      ExperimentPlan experiment, SetupComposer composer, Profile target, LocalSettings local) {
    List<EvalRun> runs = new ArrayList<>();
    // Runs of a sweep evaluate the same model path, epochs and prompt: one instance each.
    SharedInstances shared = new SharedInstances();
    for (RunSpec run : experiment.runs()) {
      runs.add(
          new EvalRun(
              run.name(),
              run.type(),
              run.model(),
              shared.of(
                  Optional.ofNullable(experiment.models().get(run.model()))
                      .map(BaseModel::path)
                      .map(SetupValue::text)),
              shared.of(epochs(experiment, run, composer, target.resolving(), local)),
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

  /** What the run's setup_finetune.yaml will hold for epochs, else the target's default. */
  private static Optional<Long> epochs(
      ExperimentPlan experiment,
      RunSpec run,
      SetupComposer composer,
      Profile.Resolving target,
      LocalSettings local) {
    if (!run.fineTuned() || !experiment.models().containsKey(run.model())) {
      return Optional.empty();
    }
    Optional<String> text =
        Optional.ofNullable(composer.compose(experiment, run, local).get(EPOCHS.name()))
            .filter(value -> !value.isNull())
            .map(SetupValue::text)
            .or(() -> target.defaultText(EPOCHS));
    return text.flatMap(ScalarText::integer);
  }
}
