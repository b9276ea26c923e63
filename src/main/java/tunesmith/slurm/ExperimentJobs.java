package tunesmith.slurm;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tunesmith.evaluation.EvalCell;
import tunesmith.plan.DataJob;
import tunesmith.plan.PlannedRun;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.verify.CellUnderCheck;

/**
 * The experiment's jobs as its records and SLURM tell them, for runs and cells alike, gathered in
 * one bounded look ({@link JobObserver}): every record, and every intent whose job was never
 * recorded, which is adopted into the record when SLURM lists a job with its tag. With the
 * experiment's lock held ({@link Mode#RECONCILE}) an intent whose tag no job carries is withdrawn:
 * its sbatch made no job, and the next submit sends it (docs/submitting.md, "Faults while
 * submitting").
 */
public final class ExperimentJobs {
  /** Whether intents without a job may be withdrawn: only by a command holding the lock. */
  public enum Mode {
    /** status: adopts what it finds, withdraws nothing (a submit may be under way). */
    LOOK,
    /** submit, cancel, retry (the lock held): adopts, and withdraws intents that made no job. */
    RECONCILE
  }

  /** A job found by its tag and recorded now. */
  public record Adopted(String name, String jobId, String tag) {}

  private final Map<Path, SubmissionRecord> records;
  private final Map<Path, String> unreadable;
  private final JobObserver.Snapshot snapshot;
  private final List<Adopted> adopted;
  private final Map<String, String> logged;

  private ExperimentJobs(
      Map<Path, SubmissionRecord> records,
      Map<Path, String> unreadable,
      JobObserver.Snapshot snapshot,
      List<Adopted> adopted,
      Map<String, String> logged) {
    this.records = records;
    this.unreadable = unreadable;
    this.snapshot = snapshot;
    this.adopted = List.copyOf(adopted);
    this.logged = logged;
  }

  /** A run, a cell or the data job: what has one submission record. */
  private record Unit(String name, Path directory) {}

  private record Pending(Unit unit, Intent intent, Optional<SubmissionRecord> record) {}

  public static ExperimentJobs gather(
      ScaffoldPlan plan, JobObserver observer, RunLog log, Mode mode)
      throws SlurmException, IOException {
    return gather(plan, observer, log, mode, true);
  }

  /**
   * What submit does first: settles the intents an earlier submit left (adopts or withdraws), and
   * asks SLURM nothing when there are none.
   */
  public static List<Adopted> settle(ScaffoldPlan plan, JobObserver observer, RunLog log)
      throws SlurmException, IOException {
    return gather(plan, observer, log, Mode.RECONCILE, false).adopted();
  }

  private static ExperimentJobs gather(
      ScaffoldPlan plan, JobObserver observer, RunLog log, Mode mode, boolean recordedJobs)
      throws SlurmException, IOException {
    List<Unit> units = new ArrayList<>();
    for (PlannedRun run : plan.runs()) {
      units.add(new Unit(run.run().name(), run.directory()));
    }
    for (EvalCell cell : plan.evaluation().cells()) {
      units.add(new Unit(CellUnderCheck.name(cell), cell.directory()));
    }
    plan.dataJob().ifPresent(job -> units.add(new Unit(DataJob.NAME, job.directory())));
    Map<Path, SubmissionRecord> records = new LinkedHashMap<>();
    Map<Path, String> unreadable = new LinkedHashMap<>();
    List<Pending> pending = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>();
    for (Unit unit : units) {
      Optional<SubmissionRecord> record;
      try {
        record = SubmissionRecords.read(unit.directory());
      } catch (IOException e) {
        unreadable.put(unit.directory(), "the submission record is unreadable: " + e.getMessage());
        continue;
      }
      record.ifPresent(
          r -> {
            records.put(unit.directory(), r);
            keys.add(r.jobId());
          });
      Optional<Intent> intent;
      try {
        intent = SubmissionRecords.readIntent(unit.directory());
      } catch (IOException e) {
        continue; // submit refuses the unit while its intent cannot be read (RunSelection)
      }
      if (intent.isEmpty()) {
        continue;
      }
      if (fulfils(record, intent.get())) {
        if (mode == Mode.RECONCILE) {
          SubmissionRecords.withdraw(unit.directory()); // killed between the record and this
        }
        continue;
      }
      pending.add(new Pending(unit, intent.get(), record));
    }
    Set<String> tags = new LinkedHashSet<>();
    pending.forEach(p -> tags.add(p.intent().tag().text()));
    JobObserver.Snapshot snapshot =
        observer.observe(recordedJobs ? keys : Set.of(), tags, earliest(pending, records.values()));
    List<Adopted> adopted = new ArrayList<>();
    for (Pending p : pending) {
      Optional<String> recordedBase = p.record().map(r -> r.jobId().split("_", 2)[0]);
      Optional<String> job =
          snapshot
              .newestJob(p.intent().tag().text())
              .filter(id -> !Optional.of(id).equals(recordedBase));
      if (job.isPresent()) {
        SubmissionRecord record = p.intent().record(job.get());
        SubmissionRecords.write(p.unit().directory(), record);
        records.put(p.unit().directory(), record);
        log.adopted(p.unit().name(), p.intent().script(), record.jobId(), p.intent().tag().text());
        adopted.add(new Adopted(p.unit().name(), record.jobId(), p.intent().tag().text()));
      } else if (mode == Mode.RECONCILE) {
        SubmissionRecords.withdraw(p.unit().directory());
      }
    }
    return new ExperimentJobs(records, unreadable, snapshot, adopted, log.lastStates());
  }

  /** The record was written from this very intent (same attempt, same time). */
  private static boolean fulfils(Optional<SubmissionRecord> record, Intent intent) {
    return record.isPresent()
        && record.get().attempt() == intent.tag().attempt()
        && record.get().submittedAt().equals(intent.intendedAt());
  }

  /**
   * sacct's window when jobs are looked for by tag: from the earliest intent or record, so the one
   * listing also covers the recorded jobs squeue no longer shows.
   */
  private static Optional<Instant> earliest(
      List<Pending> pending, java.util.Collection<SubmissionRecord> records) {
    if (pending.isEmpty()) {
      return Optional.empty();
    }
    List<String> times = new ArrayList<>();
    pending.forEach(p -> times.add(p.intent().intendedAt()));
    records.forEach(r -> times.add(r.submittedAt()));
    return times.stream().flatMap(time -> instant(time).stream()).min(Instant::compareTo);
  }

  private static Optional<Instant> instant(String time) {
    try {
      return Optional.of(OffsetDateTime.parse(time).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  public Optional<SubmissionRecord> record(Path directory) {
    return Optional.ofNullable(records.get(directory));
  }

  /** Why the directory's record cannot be read, when it cannot. */
  public Optional<String> unreadable(Path directory) {
    return Optional.ofNullable(unreadable.get(directory));
  }

  /** What SLURM says about the job ({@code 123} or {@code 123_4}), when it knows it. */
  public Optional<ObservedJob> job(String key) {
    return snapshot.job(key);
  }

  /**
   * The last state the run log holds for the job of run or cell {@code name}: what status saw
   * before SLURM forgot it.
   */
  public Optional<String> lastLogged(String name, String jobId) {
    return Optional.ofNullable(logged.get(RunLog.key(name, jobId)));
  }

  public Map<String, String> loggedStates() {
    return logged;
  }

  public List<Adopted> adopted() {
    return adopted;
  }
}
