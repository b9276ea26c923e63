package tunesmith.results;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one fine-tuned run left (docs/SUMMARIZE.md).
 *
 * @param state status's state name (COMPLETED, RUNNING, NOT_SUBMITTED, ...)
 * @param attempt 1 for the first submission, 0 when never submitted
 * @param elapsed SLURM's elapsed time, [D-]HH:MM:SS
 * @param gpus the GPUs the job asked for
 * @param gpuHours elapsed × gpus, in hours
 * @param curve every loss the job printed, in order; the last is the final loss
 * @param outputFile the training job's output file, when found
 * @param gpu what the job's GPU monitor saw, when it wrote its CSV
 * @param dataset the training dataset the run's setup names
 * @param parameters the run's values of the experiment's varying parameters
 * @param problems why something is N/A or could not be read (empty when all was read)
 */
public record RunResult(
    String run,
    Optional<String> jobId,
    String state,
    int attempt,
    Optional<String> elapsed,
    int gpus,
    OptionalDouble gpuHours,
    List<LossPoint> curve,
    Optional<String> outputFile,
    Optional<GpuUse> gpu,
    String dataset,
    Map<String, String> parameters,
    List<String> problems) {
  public RunResult {
    curve = List.copyOf(curve);
    parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
    problems = List.copyOf(problems);
  }

  public Optional<LossPoint> finalLoss() {
    return curve.isEmpty() ? Optional.empty() : Optional.of(curve.get(curve.size() - 1));
  }

  /** Whether the run finished training and its final loss was read. */
  public boolean complete() {
    return state.equals("COMPLETED") && finalLoss().isPresent();
  }
}
