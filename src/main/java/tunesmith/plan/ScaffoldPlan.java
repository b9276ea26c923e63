package tunesmith.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import tunesmith.environment.LocalSettings;
import tunesmith.evaluation.Evaluation;
import tunesmith.experiment.ExperimentPlan;
import tunesmith.problem.Warning;
import tunesmith.profile.Profile;

/**
 * Everything scaffold will write, decided before anything is written.
 *
 * @param target the versions of cruijff_kit and torchtune that will read the files
 * @param varying the setup keys whose values differ between runs, with the values in run order
 * @param evaluation the evaluation cells of every run (none for a format without evaluation)
 * @param dataJob the job that makes data.data_generation's dataset before training, if any
 */
public record ScaffoldPlan(
    ExperimentPlan experiment,
    LocalSettings local,
    List<PlannedRun> runs,
    Map<String, List<String>> varying,
    List<Warning> warnings,
    Profile target,
    Evaluation.Plan evaluation,
    Optional<DataJob> dataJob) {

  /** A plan without evaluation cells. */
  public ScaffoldPlan(
      ExperimentPlan experiment,
      LocalSettings local,
      List<PlannedRun> runs,
      Map<String, List<String>> varying,
      List<Warning> warnings,
      Profile target) {
    this(experiment, local, runs, varying, warnings, target, Evaluation.none(), Optional.empty());
  }

  /** The same plan with its evaluation cells. */
  public ScaffoldPlan withEvaluation(Evaluation.Plan cells) {
    List<Warning> all = new java.util.ArrayList<>(warnings);
    all.addAll(cells.warnings());
    return new ScaffoldPlan(experiment, local, runs, varying, all, target, cells, dataJob);
  }
}
