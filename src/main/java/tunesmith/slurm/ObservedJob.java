package tunesmith.slurm;

/**
 * What SLURM said about one job or array task.
 *
 * @param slurmState the state name as SLURM printed it
 * @param elapsed the run time so far, normalized ({@link SlurmDuration})
 * @param source the command that said it: squeue, sacct or scontrol
 */
public record ObservedJob(String slurmState, String elapsed, String source) {
  public RunState state() {
    return SlurmStates.of(slurmState);
  }
}
