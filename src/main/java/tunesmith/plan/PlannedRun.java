package tunesmith.plan;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tunesmith.experiment.RunSpec;
import tunesmith.keys.SetupValue;
import tunesmith.profile.Profile;
import tunesmith.setup.SetupConfig;
import tunesmith.sharing.SharedKeyMap;
import tunesmith.verify.RunUnderCheck;

/**
 * A fine-tuned run, planned: its directory, its setup_finetune.yaml values (in the order they are
 * written), the settings they resolve to, the settings as designed in the experiment (what
 * verification holds it to), and the target whose readers must accept its files.
 */
public record PlannedRun(
    RunSpec run,
    Path directory,
    Map<String, SetupValue> setupValues,
    SetupConfig config,
    Map<String, String> designed,
    List<String> warnings,
    Profile target) {
  public PlannedRun {
    setupValues = SharedKeyMap.copyOf(setupValues);
    designed = Map.copyOf(designed);
    warnings = List.copyOf(warnings);
  }

  /** What the readiness check ({@link tunesmith.verify.RunReadiness}) needs of this run. */
  public RunUnderCheck toCheck() {
    return new RunUnderCheck(run.name(), directory, setupValues, config, designed, target);
  }
}
