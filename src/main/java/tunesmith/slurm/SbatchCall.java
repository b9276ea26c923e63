package tunesmith.slurm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One sbatch call with its intents: each unit it submits (a run, an array's runs, a cell) gets its
 * intent written before sbatch runs, and SLURM's answer is sorted by what it means for them
 * (docs/submitting.md, "Faults while submitting"). When sbatch certainly made no job the intents
 * are withdrawn; when that is not known (no answer in time, no job id printed) they are kept, for
 * the next command to settle by the tag.
 */
final class SbatchCall {
  /** SLURM's answer. */
  sealed interface Answer permits Accepted, Refused, Unreachable, Unanswered {}

  /** A job id: the job exists. */
  record Accepted(String jobId) implements Answer {}

  /** sbatch ran and said no (a constraint the cluster lacks, ...): no job. */
  record Refused(String message) implements Answer {}

  /** sbatch is missing or could not reach the controller: no job, and none of the rest can go. */
  record Unreachable(String message) implements Answer {}

  /** Whether there is a job is not known: the intents stay. */
  record Unanswered(String message) implements Answer {}

  /** What sbatch prints when slurmctld is down: the request never reached it. */
  private static final List<String> NOT_REACHED =
      List.of("Unable to contact slurm controller", "Unable to resolve");

  /** What sbatch prints when the request may have reached slurmctld but no answer came back. */
  private static final List<String> NOT_ANSWERED =
      List.of("Socket timed out", "Zero Bytes were transmitted");

  private SbatchCall() {}

  /**
   * @param intents the intent of each directory the submission covers, written before sbatch
   * @throws IOException when an intent cannot be written (then sbatch is not run)
   */
  static Answer submit(SlurmClient client, List<String> args, Map<Path, Intent> intents)
      throws IOException {
    for (Map.Entry<Path, Intent> intent : intents.entrySet()) {
      SubmissionRecords.intend(intent.getKey(), intent.getValue());
    }
    Answer answer = answer(client, args);
    if (answer instanceof Refused || answer instanceof Unreachable) {
      for (Path directory : intents.keySet()) {
        SubmissionRecords.withdraw(directory);
      }
    }
    return answer;
  }

  private static Answer answer(SlurmClient client, List<String> args) {
    SlurmClient.Output output;
    try {
      output = client.run(SlurmTool.SBATCH, args);
    } catch (SlurmException e) {
      return e.kind() == SlurmException.Kind.TIMED_OUT
          ? new Unanswered(e.getMessage())
          : new Unreachable(e.getMessage());
    }
    if (output.exitCode() != 0) {
      String message = client.failure(SlurmTool.SBATCH, output).getMessage();
      if (NOT_ANSWERED.stream().anyMatch(output.message()::contains)) {
        return new Unanswered(message);
      }
      return NOT_REACHED.stream().anyMatch(output.message()::contains)
          ? new Unreachable(message)
          : new Refused(message);
    }
    // sbatch --parsable prints jobid or jobid;cluster.
    String first = output.out().strip().split("\n", 2)[0].split(";", 2)[0].strip();
    if (!first.matches("\\d+")) {
      return new Unanswered(
          client.program(SlurmTool.SBATCH)
              + " printed no job id (expected a number from --parsable, got '"
              + output.out().strip()
              + "')");
    }
    return new Accepted(first);
  }
}
