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

/**
 * The state of every fine-tuned run of a plan, from its submission record and what SLURM says about
 * the job.
 */
public final class RunStatuses {
  private final JobObserver observer;

  public RunStatuses(JobObserver observer) {
    this.observer = observer;
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
            new RunStatus(
                name,
                Optional.empty(),
                RunState.UNKNOWN,
                Optional.empty(),
                Optional.empty(),
                run.config().outputDir(),
                Optional.empty(),
                Optional.of(unreadable.get(name))));
      } else if (record == null) {
        rows.add(
            new RunStatus(
                name,
                Optional.empty(),
                RunState.NOT_SUBMITTED,
                Optional.empty(),
                Optional.empty(),
                run.config().outputDir(),
                Optional.empty(),
                Optional.empty()));
      } else {
        String outputDir =
            record.outputDir().isEmpty() ? run.config().outputDir() : record.outputDir();
        ObservedJob job = observed.get(record.jobId());
        rows.add(
            job == null
                ? new RunStatus(
                    name,
                    Optional.of(record.jobId()),
                    RunState.UNKNOWN,
                    Optional.empty(),
                    Optional.empty(),
                    outputDir,
                    Optional.empty(),
                    Optional.of("SLURM does not know job " + record.jobId() + " (any more)"))
                : new RunStatus(
                    name,
                    Optional.of(record.jobId()),
                    job.state(),
                    Optional.of(job.slurmState()),
                    Optional.of(job.elapsed()),
                    outputDir,
                    Optional.of(job.source()),
                    Optional.empty()));
      }
    }
    return rows;
  }

  /**
   * Whether every submitted run has finished: nothing left for {@code status --watch} to wait for.
   */
  public static boolean allFinished(List<RunStatus> rows) {
    return rows.stream().allMatch(row -> row.state().finished());
  }
}
