package tunesmith.slurm;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import tunesmith.plan.PlannedRun;
import tunesmith.setup.SlurmResources;

/**
 * One sbatch call: a single run, or an array whose task i runs {@code runs.get(i)}.
 *
 * @param sbatchArgs the arguments after the program name
 * @param script the script sbatch is given (absolute)
 * @param arrayScript the array's wrapper script text, written to {@code script} before submitting
 * @param shape the resources every run of the submission asks for
 */
public record Submission(
    List<PlannedRun> runs,
    List<String> sbatchArgs,
    Path script,
    Optional<String> arrayScript,
    SlurmResources shape) {
  public Submission {
    runs = List.copyOf(runs);
    sbatchArgs = List.copyOf(sbatchArgs);
  }

  public boolean array() {
    return arrayScript.isPresent();
  }
}
