package tunesmith.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import tunesmith.keys.SetupValue;
import tunesmith.lock.ExperimentLock;
import tunesmith.lock.LockHeldException;
import tunesmith.lock.WaitPolicy;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.problem.InvalidInputException;
import tunesmith.scaffold.SetupOverrides;
import tunesmith.slurm.SubmissionRecord;
import tunesmith.slurm.SubmissionRecords;

/**
 * Whether {@code setup --KEY VALUE} works in a run of a scaffolded experiment (the directory above
 * has experiment_summary.yaml and plans this run): then the override is recorded, not a hand edit
 * (docs/submitting.md, "Setup overrides").
 */
final class SetupInExperiment {
  private SetupInExperiment() {}

  /** Empty when the run directory is no run of an experiment: setup then works alone. */
  static Optional<SetupOverrides.Outcome> record(
      CliContext context, InputOptions inputs, Path runDirectory, Map<String, SetupValue> flags)
      throws InvalidInputException, EnvironmentProblem, LockHeldException {
    Path experimentDirectory = runDirectory.getParent();
    if (flags.isEmpty()
        || experimentDirectory == null
        || !Files.isRegularFile(experimentDirectory.resolve("experiment_summary.yaml"))) {
      return Optional.empty();
    }
    ExperimentArgument experiment = new ExperimentArgument();
    experiment.directory = experimentDirectory;
    ScaffoldPlan plan = experiment.loadPlan(context, inputs);
    // It writes the run's files and record: one writer per experiment, as retry.
    try (ExperimentLock lock =
        ExperimentLock.acquire(experimentDirectory, WaitPolicy.NO_WAIT, context.clock())) {
      int attempt =
          SubmissionRecords.read(runDirectory).map(SubmissionRecord::attempt).orElse(0) + 1;
      String now =
          OffsetDateTime.now(context.clock())
              .truncatedTo(ChronoUnit.SECONDS)
              .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      return SetupOverrides.record(
          plan, runDirectory, flags, attempt, now, () -> experiment.loadPlan(context, inputs));
    } catch (IOException e) {
      throw new EnvironmentProblem(
          "cannot record the override in " + runDirectory + ": " + e.getMessage(), e);
    }
  }
}
