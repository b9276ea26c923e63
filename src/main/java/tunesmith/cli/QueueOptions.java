package tunesmith.cli;

import java.time.Duration;
import java.util.OptionalInt;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import tunesmith.slurm.SlurmClient;

/**
 * How submit sends its jobs: job arrays, or one job a run under a cap; what it does when sbatch
 * refuses or does not answer (docs/submitting.md).
 */
final class QueueOptions {
  @Option(
      names = "--array",
      description =
          "Submit job arrays instead of one job a run: one array per set of resources, whose"
              + " tasks each run one run's finetune.slurm.")
  boolean array;

  @Option(
      names = "--max-running",
      paramLabel = "N",
      description =
          "With --array: at most N tasks of an array run at once (sbatch --array=...%%N).")
  Integer maxRunning;

  @Option(
      names = "--max-queued",
      paramLabel = "N",
      description =
          "At most N of the experiment's jobs pending or running at once: submit stays in the"
              + " foreground and submits the next run as one leaves the queue (Ctrl-C leaves the"
              + " rest for the next submit). Default: the QoS's MaxSubmitJobsPerUser where"
              + " sacctmgr tells it, else no cap.")
  Integer maxQueued;

  @Option(
      names = "--stagger",
      paramLabel = "SECONDS",
      description = "Seconds to wait between two submissions (default: 0).")
  double stagger;

  @Option(
      names = "--stop-on-refusal",
      description =
          "Stop at the first run SLURM refuses (default: report it and submit the others).")
  boolean stopOnRefusal;

  @Option(
      names = "--sbatch-timeout",
      paramLabel = "SECONDS",
      description =
          "Give up on an sbatch that has not answered after this long (default:"
              + " ${DEFAULT-VALUE}): submit stops and says so; the next command finds the job by"
              + " its tag, if it was made.")
  long sbatchTimeout = SlurmClient.DEFAULT_TIMEOUT.toSeconds();

  /** A usage error (exit 2) for values that cannot go together. */
  void check(CommandSpec spec) {
    if (maxRunning != null && (!array || maxRunning < 1)) {
      throw new ParameterException(
          spec.commandLine(),
          "--max-running takes a number of tasks of at least 1, and only with --array");
    }
    if (maxQueued != null && (array || maxQueued < 1)) {
      throw new ParameterException(
          spec.commandLine(),
          "--max-queued takes a number of jobs of at least 1, and not with --array"
              + " (an array's --max-running caps its tasks)");
    }
    if (!(stagger >= 0) || stagger > 86_400) {
      throw new ParameterException(
          spec.commandLine(), "--stagger takes seconds from 0 to 86400, not " + stagger);
    }
    if (sbatchTimeout < 1 || sbatchTimeout > 86_400) {
      throw new ParameterException(
          spec.commandLine(),
          "--sbatch-timeout takes seconds from 1 to 86400, not " + sbatchTimeout);
    }
  }

  OptionalInt maxRunning() {
    return maxRunning == null ? OptionalInt.empty() : OptionalInt.of(maxRunning);
  }

  OptionalInt maxQueued() {
    return maxQueued == null ? OptionalInt.empty() : OptionalInt.of(maxQueued);
  }

  Duration sbatchTimeout() {
    return Duration.ofSeconds(sbatchTimeout);
  }

  Duration stagger() {
    return Duration.ofMillis((long) (stagger * 1000));
  }
}
