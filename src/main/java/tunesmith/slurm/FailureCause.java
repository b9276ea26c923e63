package tunesmith.slurm;

/** Why an attempt of a run ended without training to the end: what {@code retry} adjusts for. */
public enum FailureCause {
  /** torch ran out of GPU memory ({@code torch.OutOfMemoryError}, "CUDA out of memory"). */
  CUDA_OUT_OF_MEMORY("CUDA out of memory"),
  /** SLURM killed the job for using more host memory than {@code --mem}. */
  HOST_OUT_OF_MEMORY("host memory (SLURM OUT_OF_MEMORY)"),
  TIMEOUT("time limit (SLURM TIMEOUT)"),
  /** NODE_FAIL, PREEMPTED, BOOT_FAIL: the job's fault was not its own. */
  NODE_FAILURE("node failure or preemption"),
  /** Cancelled: on purpose by tunesmith cancel, or by someone else. */
  CANCELLED("cancelled"),
  /** Anything else: the last line of the Python traceback says what. */
  ERROR("error");

  private final String words;

  FailureCause(String words) {
    this.words = words;
  }

  public String words() {
    return words;
  }
}
