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
            new RunStatus(
                name,
                Optional.empty(),
                RunState.UNKNOWN,
                Optional.empty(),
                Optional.empty(),
                run.config().outputDir(),
                Optional.empty(),
                Optional.of(unreadable.get(name)),
                Optional.empty()));
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
                Optional.empty(),
                Optional.of(readiness.check(run.toCheck()))));
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
                    Optional.of("SLURM does not know job " + record.jobId() + " (any more)"),
                    Optional.empty())
                : new RunStatus(
                    name,
                    Optional.of(record.jobId()),
                    job.state(),
                    Optional.of(job.slurmState()),
                    Optional.of(job.elapsed()),
                    outputDir,
                    Optional.of(job.source()),
                    Optional.empty(),
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
