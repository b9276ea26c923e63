package tunesmith.slurm;

import java.util.Optional;

/**
 * The cause of a failed attempt, and the line of the job's output that says so (for an ERROR, the
 * last line of the Python traceback).
 */
public record Failure(FailureCause cause, Optional<String> line) {
  /** The cause in words, with its line when there is one. */
  public String describe() {
    return cause.words() + line.map(text -> ": " + text).orElse("");
  }
}
