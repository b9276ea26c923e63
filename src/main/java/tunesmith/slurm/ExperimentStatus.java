package tunesmith.slurm;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import tunesmith.plan.ScaffoldPlan;

/**
 * Every run's, cell's and the data job's state in one look at SLURM ({@link ExperimentJobs}: one
 * squeue, one sacct where accounting is on), what status, cancel and retry all start from. Each
 * state change is appended to the run log, which is what is remembered once SLURM forgets a job.
 *
 * @param adopted jobs found by their tag and recorded by this look
 * @param logProblem why the run log could not be written, if it could not
 */
public record ExperimentStatus(
    List<RunStatus> runs,
    List<CellStatuses.Row> cells,
    List<ExperimentJobs.Adopted> adopted,
    Optional<String> logProblem,
    Optional<DataJobStatus> data) {
  public ExperimentStatus {
    runs = List.copyOf(runs);
    cells = List.copyOf(cells);
    adopted = List.copyOf(adopted);
  }

  public static ExperimentStatus take(
      ScaffoldPlan plan,
      SlurmClient client,
      Clock clock,
      ExperimentJobs.Mode mode,
      RunStatuses statuses)
      throws SlurmException, IOException {
    RunLog log = new RunLog(plan, clock);
    ExperimentJobs jobs = ExperimentJobs.gather(plan, new JobObserver(client), log, mode);
    List<RunStatus> runs = statuses.collect(plan, jobs);
    List<CellStatuses.Row> cells = CellStatuses.collect(plan, jobs);
    Optional<DataJobStatus> data = DataJobStatus.of(plan, jobs);
    Optional<String> problem = Optional.empty();
    try {
      StateChanges.log(runs, cells, data, log, jobs.loggedStates());
    } catch (IOException e) {
      problem = Optional.of("cannot write the run log: " + e.getMessage());
    }
    return new ExperimentStatus(runs, cells, jobs.adopted(), problem, data);
  }

  /**
   * Only the runs and cells a {@code --runs} option names (every one when it names none). The whole
   * experiment is still looked at and logged: what is left out is only not shown.
   */
  public ExperimentStatus only(NamedRuns named) {
    List<String> names = named.runs().stream().map(run -> run.run().name()).toList();
    return new ExperimentStatus(
        runs.stream().filter(row -> names.contains(row.run())).toList(),
        cells.stream().filter(row -> named.cells().contains(row.status().cell())).toList(),
        adopted,
        logProblem,
        data);
  }

  /** Whether every submitted run and cell has finished: nothing left for --watch to wait for. */
  public boolean allFinished() {
    return RunStatuses.allFinished(runs)
        && cells.stream().allMatch(CellStatuses.Row::finished)
        && data.map(job -> !job.active()).orElse(true);
  }
}
