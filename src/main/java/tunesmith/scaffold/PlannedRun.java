package tunesmith.scaffold;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tunesmith.experiment.RunSpec;
import tunesmith.keys.SetupValue;
import tunesmith.setup.SetupConfig;

/** A fine-tuned run, planned: its directory, its setup_finetune.yaml values and the settings they resolve to. */
public record PlannedRun(RunSpec run, Path directory, Map<String, SetupValue> setupValues, SetupConfig config, List<String> warnings) {
    public PlannedRun {
        warnings = List.copyOf(warnings);
    }
}
