package tunesmith.evaluation;

import java.util.OptionalInt;

/**
 * The SLURM job that trains a run: a job of its own, or one task of an array job.
 *
 * @param arrayIndex the task index when the run is trained as part of an array
 */
public record TrainingJob(String jobId, OptionalInt arrayIndex) {
  public TrainingJob {
    if (!jobId.matches("\\d+")) {
      throw new IllegalArgumentException("not a SLURM job id: " + jobId);
    }
  }

  public static TrainingJob single(String jobId) {
    return new TrainingJob(jobId, OptionalInt.empty());
  }

  public static TrainingJob arrayTask(String arrayJobId, int index) {
    return new TrainingJob(arrayJobId, OptionalInt.of(index));
  }

  /** {@code 123} or {@code 123_4}, as {@code --dependency} names it. */
  public String dependencyId() {
    return arrayIndex.isPresent() ? jobId + "_" + arrayIndex.getAsInt() : jobId;
  }
}
