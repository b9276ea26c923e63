package tunesmith.experiment;

import java.util.Map;
import java.util.Optional;
import tunesmith.keys.SetupValue;
import tunesmith.sharing.SharedKeyMap;

/**
 * One run of the experiment.
 *
 * @param parameters the run's parameters by setup key ({@code learning_rate} already mapped to
 *     {@code lr}); a per-run {@code prompt} is one of them
 * @param parameterNames the names as the user wrote them, by setup key, for reports
 * @param slurmOverrides SLURM setup keys (time, gpus, mem, ...) set for this run alone
 * @param compute the cruijff_kit-0.3 format's {@code compute} block (time, gpus, mem,
 *     cpus_per_task): below slurmOverrides, above everything else
 * @param dataset what this run trains on (cruijff_kit-0.3 format; empty in the cruijff_kit-2026.01
 *     format, where every run trains on data.training)
 * @param checkpointPath an eval-only run's {@code parameters.checkpoint_path} (absolute)
 * @param line where the run's entry starts in experiment_summary.yaml, with {@code column}
 */
public record RunSpec(
    String name,
    RunType type,
    String model,
    Map<String, SetupValue> parameters,
    Map<String, String> parameterNames,
    boolean mig,
    Map<String, SetupValue> slurmOverrides,
    int line,
    int column,
    Map<String, SetupValue> compute,
    Optional<RunDataset> dataset,
    Optional<SetupValue> checkpointPath) {

  public RunSpec {
    parameters = ordered(parameters);
    parameterNames = ordered(parameterNames);
    slurmOverrides = ordered(slurmOverrides);
    compute = ordered(compute);
  }

  /** Immutable, in the given order; the empty map of every run without one is one instance. */
  private static <V> Map<String, V> ordered(Map<String, V> map) {
    return map.isEmpty() ? Map.of() : SharedKeyMap.copyOf(map);
  }

  public boolean fineTuned() {
    return type == RunType.FINE_TUNED;
  }

  /** The run's own prompt ({@code parameters.prompt}), which wins over controls.prompt. */
  public Optional<SetupValue> prompt() {
    return Optional.ofNullable(parameters.get("prompt"));
  }
}
