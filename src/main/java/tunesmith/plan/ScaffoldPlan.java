package tunesmith.plan;

import java.util.List;
import java.util.Map;
import tunesmith.environment.LocalSettings;
import tunesmith.experiment.ExperimentPlan;
import tunesmith.problem.Warning;
import tunesmith.target.Target;

/**
 * Everything scaffold will write, decided before anything is written.
 *
 * @param target the versions of cruijff_kit and torchtune that will read the files
 * @param varying the setup keys whose values differ between runs, with the values in run order
 */
public record ScaffoldPlan(
    ExperimentPlan experiment,
    LocalSettings local,
    List<PlannedRun> runs,
    Map<String, List<String>> varying,
    List<Warning> warnings,
    Target target) {}
