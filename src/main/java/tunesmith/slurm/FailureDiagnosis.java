package tunesmith.slurm;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The cause of a failed attempt, from SLURM's state and the tail of the job's output. SLURM's state
 * decides where it is specific (TIMEOUT, OUT_OF_MEMORY, node trouble, CANCELLED); a plain FAILED is
 * read from the output: a CUDA out-of-memory message, else the last line of the traceback, else the
 * last line printed.
 */
public final class FailureDiagnosis {
  private static final Map<String, FailureCause> BY_STATE =
      Map.of(
          "TIMEOUT", FailureCause.TIMEOUT,
          "DEADLINE", FailureCause.TIMEOUT,
          "OUT_OF_MEMORY", FailureCause.HOST_OUT_OF_MEMORY,
          "NODE_FAIL", FailureCause.NODE_FAILURE,
          "PREEMPTED", FailureCause.NODE_FAILURE,
          "BOOT_FAIL", FailureCause.NODE_FAILURE,
          "CANCELLED", FailureCause.CANCELLED,
          "REVOKED", FailureCause.CANCELLED);

  /** What torch prints when the GPU is out of memory (torch 2.x, and the older torch.cuda name). */
  private static final List<String> CUDA_OOM =
      List.of("torch.OutOfMemoryError", "torch.cuda.OutOfMemoryError", "CUDA out of memory");

  private FailureDiagnosis() {}

  /**
   * @param slurmState SLURM's state as printed ("FAILED", "CANCELLED by 1000")
   * @param output the tail of the job's output, or empty when there is none to read
   * @return empty when the state is no failure (pending, running, completed)
   */
  public static Optional<Failure> of(String slurmState, String output) {
    String name = slurmState.strip().split("\\s+", 2)[0].replace("+", "").toUpperCase(Locale.ROOT);
    FailureCause byState = BY_STATE.get(name);
    if (byState != null) {
      return Optional.of(new Failure(byState, Optional.empty()));
    }
    if (SlurmStates.of(slurmState) != RunState.FAILED) {
      return Optional.empty();
    }
    List<String> lines = lines(output);
    for (int i = lines.size() - 1; i >= 0; i--) {
      String line = lines.get(i);
      if (CUDA_OOM.stream().anyMatch(line::contains)) {
        return Optional.of(new Failure(FailureCause.CUDA_OUT_OF_MEMORY, Optional.of(line)));
      }
    }
    return Optional.of(new Failure(FailureCause.ERROR, errorLine(lines)));
  }

  /** The last line of the last traceback (the exception and its message), else the last line. */
  static Optional<String> errorLine(List<String> lines) {
    int traceback = -1;
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).startsWith("Traceback (most recent call last)")) {
        traceback = i;
        break;
      }
    }
    if (traceback >= 0) {
      // The traceback's frames are indented; the first line after them that is not is the error.
      for (int i = traceback + 1; i < lines.size(); i++) {
        String line = lines.get(i);
        if (!line.startsWith(" ") && !line.startsWith("\t")) {
          return Optional.of(line.strip());
        }
      }
    }
    return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(lines.size() - 1).strip());
  }

  /** Non-blank lines; tqdm redraws with carriage returns, so those end lines too. */
  static List<String> lines(String output) {
    return output
        .lines()
        .flatMap(line -> List.of(line.split("\r")).stream())
        .filter(line -> !line.isBlank())
        .toList();
  }
}
