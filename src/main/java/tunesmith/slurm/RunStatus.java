package tunesmith.slurm;

import java.util.Optional;
import tunesmith.verify.Readiness;

/**
 * One row of {@code tunesmith status}.
 *
 * @param jobId {@code 123} or, for an array task, {@code 123_4}; empty when not submitted
 * @param slurmState SLURM's own state name, when SLURM knows the job
 * @param elapsed the run time so far ([D-]HH:MM:SS), when known
 * @param source squeue, sacct or scontrol: who said so
 * @param note why the state is UNKNOWN, when it is
 * @param attempt the attempt the job is (1 = first submission); 0 when not submitted
 * @param cancelledOnPurpose whether {@code tunesmith cancel} cancelled it
 * @param progress the last training progress in the job's output
 * @param failure why the attempt failed, when it did
 * @param readiness for a run not submitted: whether it is ready to submit (the check submit runs)
 */
public record RunStatus(
    String run,
    Optional<String> jobId,
    RunState state,
    Optional<String> slurmState,
    Optional<String> elapsed,
    String outputDir,
    Optional<String> source,
    Optional<String> note,
    int attempt,
    boolean cancelledOnPurpose,
    Optional<TrainingProgress> progress,
    Optional<Failure> failure,
    Optional<Readiness> readiness) {

  /**
   * A run that was never submitted (with whether it is ready), or whose record cannot be read (then
   * with a note).
   */
  static RunStatus unsubmitted(
      String run,
      RunState state,
      String outputDir,
      Optional<String> note,
      Optional<Readiness> readiness) {
    return new RunStatus(
        run,
        Optional.empty(),
        state,
        Optional.empty(),
        Optional.empty(),
        outputDir,
        Optional.empty(),
        note,
        0,
        false,
        Optional.empty(),
        Optional.empty(),
        readiness);
  }
}
