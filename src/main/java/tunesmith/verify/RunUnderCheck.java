package tunesmith.verify;

import java.nio.file.Path;
import java.util.Map;
import tunesmith.keys.SetupValue;
import tunesmith.profile.Profile;
import tunesmith.setup.SetupConfig;

/**
 * What the readiness checks need to know of one planned run.
 *
 * @param directory the run directory (absolute)
 * @param setupValues the setup_finetune.yaml values the plan writes
 * @param config the settings those values resolve to
 * @param designed the run's settings as designed in the experiment (see {@link
 *     RunVerifier#designed})
 * @param target the versions of cruijff_kit and torchtune that will read the files
 */
public record RunUnderCheck(
    String name,
    Path directory,
    Map<String, SetupValue> setupValues,
    SetupConfig config,
    Map<String, String> designed,
    Profile target) {}
