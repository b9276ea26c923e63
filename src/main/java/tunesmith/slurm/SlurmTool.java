package tunesmith.slurm;

/**
 * The SLURM commands tunesmith runs, each with the environment variable that may name another
 * program for it.
 */
public enum SlurmTool {
  SBATCH("sbatch", "SBATCH"),
  SQUEUE("squeue", "SQUEUE"),
  SACCT("sacct", "SACCT"),
  SCONTROL("scontrol", "SCONTROL"),
  SCANCEL("scancel", "SCANCEL"),
  SACCTMGR("sacctmgr", "SACCTMGR");

  private final String command;
  private final String environmentVariable;

  SlurmTool(String command, String environmentVariable) {
    this.command = command;
    this.environmentVariable = environmentVariable;
  }

  public String command() {
    return command;
  }

  public String environmentVariable() {
    return environmentVariable;
  }
}
