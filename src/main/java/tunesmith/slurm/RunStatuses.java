package tunesmith.slurm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tunesmith.plan.PlannedRun;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.verify.RunReadiness;

/**
 * The state of every fine-tuned run of a plan, from its submission record and what SLURM says about
 * the job; for a run not submitted, whether it is ready to submit.
 */
public final class RunStatuses {
  private final JobObserver observer;
  private final RunReadiness readiness;

  public RunStatuses(JobObserver observer) {
    this(observer, RunReadiness.standard());
  }

  /**
   * @param readiness asked about each run not submitted yet (the check submit runs)
   */
  public RunStatuses(JobObserver observer, RunReadiness readiness) {
    this.observer = observer;
    this.readiness = readiness;
  }

  public List<RunStatus> collect(ScaffoldPlan plan) throws SlurmException {
    Map<String, SubmissionRecord> records = new LinkedHashMap<>();
    Map<String, String> unreadable = new LinkedHashMap<>();
    for (PlannedRun run : plan.runs()) {
      String name = run.run().name();
      try {
        SubmissionRecords.read(run.directory()).ifPresent(record -> records.put(name, record));
      } catch (IOException e) {
        unreadable.put(name, "the submission record is unreadable: " + e.getMessage());
      }
    }
    Set<String> keys = new LinkedHashSet<>();
    records.values().forEach(record -> keys.add(record.jobId()));
    Map<String, ObservedJob> observed = observer.observe(keys);
    List<RunStatus> rows = new ArrayList<>();
    for (PlannedRun run : plan.runs()) {
      String name = run.run().name();
      SubmissionRecord record = records.get(name);
      if (unreadable.containsKey(name)) {
        rows.add(
            RunStatus.unsubmitted(
                name,
                RunState.UNKNOWN,
                run.config().outputDir(),
                Optional.of(unreadable.get(name)),
                Optional.empty()));
      } else if (record == null) {
        rows.add(
            RunStatus.unsubmitted(
                name,
                RunState.NOT_SUBMITTED,
                run.config().outputDir(),
                Optional.empty(),
                Optional.of(readiness.check(run.toCheck()))));
      } else {
        rows.add(submitted(name, record, observed.get(record.jobId()), run));
      }
    }
    return rows;
  }

  private static RunStatus submitted(
      String name, SubmissionRecord record, ObservedJob job, PlannedRun run) {
    String outputDir = record.outputDir().isEmpty() ? run.config().outputDir() : record.outputDir();
    boolean onPurpose = record.cancellation().isPresent();
    Optional<String> slurmState = Optional.ofNullable(job).map(ObservedJob::slurmState);
    // A job SLURM has forgotten that tunesmith cancelled is still known to be CANCELLED.
    RunState state = job != null ? job.state() : onPurpose ? RunState.CANCELLED : RunState.UNKNOWN;
    Optional<String> note =
        job == null && !onPurpose
            ? Optional.of("SLURM does not know job " + record.jobId() + " (any more)")
            : Optional.empty();
    String output =
        state == RunState.PENDING
            ? ""
            : JobOutput.locate(record, outputDir).map(JobOutput::tail).orElse("");
    Optional<Failure> failure =
        slurmState
            .flatMap(slurm -> FailureDiagnosis.of(slurm, output))
            .or(
                () ->
                    state == RunState.CANCELLED
                        ? Optional.of(new Failure(FailureCause.CANCELLED, Optional.empty()))
                        : Optional.empty());
    return new RunStatus(
        name,
        Optional.of(record.jobId()),
        state,
        slurmState,
        Optional.ofNullable(job).map(ObservedJob::elapsed),
        outputDir,
        Optional.ofNullable(job).map(ObservedJob::source),
        note,
        record.attempt(),
        onPurpose,
        TrainingProgress.last(output),
        failure,
        Optional.empty());
  }

  /**
   * Whether every submitted run has finished: nothing left for {@code status --watch} to wait for.
   */
  public static boolean allFinished(List<RunStatus> rows) {
    return rows.stream().allMatch(row -> row.state().finished());
  }
}
