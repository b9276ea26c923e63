package tunesmith.experiment;

import java.math.BigDecimal;
import java.util.Optional;
import tunesmith.yaml.YamlSequence;

/**
 * The experiment-wide {@code evaluation.*} and {@code controls.*} values every cell shares.
 *
 * @param scorers {@code evaluation.scorers} as written (a list of {name, params?}), copied into
 *     each eval.yaml with the types PyYAML gives its values
 * @param seed {@code evaluation.seed}, else 14
 * @param computeTime {@code evaluation.compute.time}
 */
public record EvalSettings(
    Optional<YamlSequence> scorers,
    Optional<BigDecimal> temperature,
    Optional<Boolean> doSample,
    Optional<Long> maxTokens,
    Optional<Long> maxConnections,
    long seed,
    Optional<String> computeTime,
    Optional<String> computeMem,
    Optional<Long> computeGpus,
    Optional<String> controlsPrompt,
    Optional<String> controlsSystemPrompt,
    Optional<String> datasetType,
    Optional<String> trainingDataPath) {

  public static final long DEFAULT_SEED = 14;

  /** Greedy unless sampling is asked for: inspect's HF provider would sample by default. */
  public boolean sampling() {
    return doSample.orElse(false);
  }
}
