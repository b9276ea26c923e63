package tunesmith.slurm;

import java.util.Optional;
import tunesmith.plan.DataJob;
import tunesmith.plan.ScaffoldPlan;

/**
 * The data-preparation job's state, from its record and the same look at SLURM as runs and cells
 * ({@link ExperimentJobs}): NOT_SUBMITTED without a record (the dataset may exist: then no job is
 * needed), else as a run's job is folded.
 *
 * @param jobId the job of its record
 * @param cancelledOnPurpose {@code tunesmith cancel} cancelled it
 */
public record DataJobStatus(
    DataJob job, Optional<String> jobId, RunState state, boolean cancelledOnPurpose) {

  static Optional<DataJobStatus> of(ScaffoldPlan plan, ExperimentJobs jobs) {
    if (plan.dataJob().isEmpty()) {
      return Optional.empty();
    }
    DataJob job = plan.dataJob().get();
    Optional<SubmissionRecord> record = jobs.record(job.directory());
    if (record.isEmpty()) {
      return Optional.of(new DataJobStatus(job, Optional.empty(), RunState.NOT_SUBMITTED, false));
    }
    String id = record.get().jobId();
    boolean onPurpose = record.get().cancellation().isPresent();
    RunState state =
        jobs.job(id)
            .map(ObservedJob::state)
            .or(() -> jobs.lastLogged(DataJob.NAME, id).flatMap(RunStatuses::endState))
            .or(() -> onPurpose ? Optional.of(RunState.CANCELLED) : Optional.empty())
            .orElse(RunState.UNKNOWN);
    return Optional.of(new DataJobStatus(job, Optional.of(id), state, onPurpose));
  }

  /** Queued or running: what cancel stops and status --watch waits for. */
  public boolean active() {
    return state == RunState.PENDING || state == RunState.RUNNING;
  }

  /** FAILED, CANCELLED, TIMEOUT, OUT_OF_MEMORY: the trainings waiting for it never ran. */
  public boolean endedBadly() {
    return state == RunState.FAILED
        || state == RunState.CANCELLED
        || state == RunState.TIMEOUT
        || state == RunState.OUT_OF_MEMORY;
  }
}
