package tunesmith.experiment;

import java.util.LinkedHashMap;
import java.util.Map;
import tunesmith.keys.SetupValue;

/**
 * One run of the experiment.
 *
 * @param parameters the run's parameters by setup key ({@code learning_rate} already mapped to
 *     {@code lr})
 * @param parameterNames the names as the user wrote them, by setup key, for reports
 * @param slurmOverrides SLURM setup keys (time, gpus, mem, ...) set for this run alone
 */
public record RunSpec(
    String name,
    RunType type,
    String model,
    Map<String, SetupValue> parameters,
    Map<String, String> parameterNames,
    boolean mig,
    Map<String, SetupValue> slurmOverrides,
    int line) {

  public RunSpec {
    parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    parameterNames = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameterNames));
    slurmOverrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(slurmOverrides));
  }

  public boolean fineTuned() {
    return type == RunType.FINE_TUNED;
  }
}
