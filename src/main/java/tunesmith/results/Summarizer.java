package tunesmith.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import tunesmith.evaluation.CellStatus;
import tunesmith.evaluation.EvalCell;
import tunesmith.evaluation.EvalLogSummary;
import tunesmith.parallel.ProgressListener;
import tunesmith.parallel.RunPool;
import tunesmith.plan.PlannedRun;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.slurm.CellStatuses;
import tunesmith.slurm.JobOutput;
import tunesmith.slurm.RunState;
import tunesmith.slurm.RunStatus;
import tunesmith.slurm.SlurmDuration;
import tunesmith.slurm.SubmissionRecords;

/**
 * Reads what the jobs left, given the rows status collected (state, elapsed, job id, newest log:
 * SLURM is asked once, by status's machinery). A file that cannot be read becomes a problem on its
 * row, never an exception: the rest is still summarised.
 */
public final class Summarizer {
  private Summarizer() {}

  /** Reads each run's and cell's files on {@code pool}'s threads; results in plan order. */
  public static Summary summarize(
      ScaffoldPlan plan, List<RunStatus> runRows, List<CellStatuses.Row> cellRows, RunPool pool) {
    Map<String, RunStatus> byRun = new LinkedHashMap<>();
    runRows.forEach(row -> byRun.put(row.run(), row));
    List<RunResult> runs =
        pool.map(
            plan.runs(), run -> run(plan, run, byRun.get(run.run().name())), ProgressListener.NONE);
    List<CellResult> cells = pool.map(cellRows, row -> cell(row.status()), ProgressListener.NONE);
    return new Summary(
        plan.experiment().name(), plan.experiment().directory(), plan.varying(), runs, cells);
  }

  private static RunResult run(ScaffoldPlan plan, PlannedRun run, RunStatus status) {
    Map<String, String> parameters = new LinkedHashMap<>();
    plan.varying()
        .keySet()
        .forEach(key -> parameters.put(key, run.config().optional(key).orElse("(unset)")));
    int gpus = run.config().resources().gpus();
    List<String> problems = new ArrayList<>();
    Optional<String> elapsed = status.elapsed();
    OptionalLong seconds = elapsed.map(SlurmDuration::seconds).orElse(OptionalLong.empty());
    OptionalDouble gpuHours =
        seconds.isPresent()
            ? OptionalDouble.of(seconds.getAsLong() * gpus / 3600.0)
            : OptionalDouble.empty();
    List<LossPoint> curve = List.of();
    Optional<Path> output = outputFile(run, status, problems);
    if (status.state() == RunState.NOT_SUBMITTED) {
      problems.add("not submitted");
    } else if (status.state() == RunState.PENDING) {
      problems.add("pending: not started yet");
    } else if (output.isEmpty()) {
      problems.add("no training output (" + status.outputDir() + "slurm-<job id>.out) found");
    } else {
      try {
        curve = LossCurve.read(output.get());
        if (curve.isEmpty()) {
          problems.add(output.get() + ": no loss line ({epoch}|{step}|Loss: {x})");
        }
      } catch (IOException e) {
        problems.add(output.get() + ": " + e.getMessage());
      }
    }
    status.note().ifPresent(problems::add);
    status.failure().ifPresent(failure -> problems.add(failure.describe()));
    if (problems.isEmpty() && status.state() != RunState.COMPLETED) {
      problems.add(status.state().name().toLowerCase().replace('_', ' ') + ": no final result yet");
    }
    Optional<GpuUse> gpu = Optional.empty();
    Path csv = Path.of(status.outputDir()).resolve(GpuMonitorCsv.FILE_NAME);
    if (Files.isRegularFile(csv)) {
      try {
        gpu = Optional.of(GpuMonitorCsv.read(csv));
      } catch (IOException e) {
        problems.add(csv + ": " + e.getMessage());
      }
    }
    return new RunResult(
        run.run().name(),
        status.jobId(),
        status.state().name(),
        status.attempt(),
        elapsed,
        gpus,
        gpuHours,
        curve,
        output.map(Path::toString),
        gpu,
        run.config().datasetPath(),
        parameters,
        problems);
  }

  /**
   * The file the job's {@code #SBATCH --output} names for the recorded job id (status's own lookup,
   * {@link JobOutput}).
   */
  private static Optional<Path> outputFile(
      PlannedRun run, RunStatus status, List<String> problems) {
    if (status.jobId().isEmpty()) {
      return Optional.empty();
    }
    try {
      return SubmissionRecords.read(run.directory())
          .flatMap(record -> JobOutput.locate(record, status.outputDir()));
    } catch (IOException e) {
      problems.add("the submission record is unreadable: " + e.getMessage());
      return Optional.empty();
    }
  }

  private static CellResult cell(CellStatus status) {
    EvalCell cell = status.cell();
    Optional<EvalLogSummary> log = status.log();
    Optional<CellMetrics> metrics = Optional.empty();
    Optional<String> problem;
    if (log.isEmpty()) {
      problem =
          Optional.of(
              status.state().equals(CellStatus.NOT_SUBMITTED)
                  ? "not submitted"
                  : "no inspect log in " + cell.logDirectory() + " yet");
    } else if (!log.get().succeeded()) {
      EvalLogSummary summary = log.get();
      problem =
          Optional.of(
              summary.file()
                  + ": "
                  + (summary.status().equals(EvalLogSummary.UNREADABLE)
                      ? "not a readable inspect log"
                      : "inspect status " + summary.status())
                  + summary.error().map(error -> " (" + error + ")").orElse(""));
    } else {
      try {
        metrics = Optional.of(CellMetricsReader.read(log.get()));
        problem = Optional.empty();
      } catch (IOException | RuntimeException e) {
        problem = Optional.of(log.get().file() + ": samples unreadable (" + e.getMessage() + ")");
      }
    }
    return new CellResult(
        cell.run().name(),
        cell.name(),
        cell.task().name(),
        cell.epoch(),
        cell.dataPath(),
        status.state(),
        log.map(summary -> summary.file().toString()),
        log.map(EvalLogSummary::status),
        metrics,
        problem);
  }
}
