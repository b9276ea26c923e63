package tunesmith.scaffold;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import tunesmith.experiment.ExperimentReader;
import tunesmith.experiment.RunSpec;
import tunesmith.files.AtomicFiles;
import tunesmith.lock.Interruption;
import tunesmith.parallel.ProgressListener;
import tunesmith.parallel.RunPool;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.problem.Warning;
import tunesmith.scaffold.ScaffoldLog.Action;

/** The scaffold job after planning: write and verify every run, and log each step. */
public final class Scaffolder {

  /**
   * What scaffold did: one outcome per planned run, the log it appended to, and the run directories
   * that are no longer in the plan (reported, never deleted).
   */
  public record Result(
      List<RunOutcome> outcomes, Path logFile, List<String> staleRuns, List<CellOutcome> cells) {
    public Result {
      staleRuns = List.copyOf(staleRuns);
      cells = List.copyOf(cells);
    }

    /** Failed runs and failed cells. */
    public long failedCount() {
      return outcomes.stream().filter(RunOutcome::failed).count()
          + cells.stream().filter(CellOutcome::failed).count();
    }

    /** Whether Ctrl-C stopped the scaffold before every run was written. */
    public boolean interrupted() {
      return outcomes.stream().anyMatch(RunOutcome::interrupted);
    }
  }

  private final Clock clock;
  private final boolean force;
  private final ProgressListener progress;
  private final ProgressListener cellProgress;

  /**
   * @param force overwrite runs that were already submitted
   */
  /**
   * @param progress told as each run is written and verified
   * @param cellProgress told as each evaluation cell is written, after the runs
   */
  public Scaffolder(
      Clock clock, boolean force, ProgressListener progress, ProgressListener cellProgress) {
    this.clock = clock;
    this.force = force;
    this.progress = progress;
    this.cellProgress = cellProgress;
  }

  /**
   * Writes every run; throws IOException only when the log itself cannot be written.
   *
   * @param interruption once requested, no further run is started; the log says so
   * @param lockWarnings what taking the experiment lock warned about (a stale lock taken over), for
   *     the log
   */
  public Result run(ScaffoldPlan plan, Interruption interruption, List<String> lockWarnings)
      throws IOException {
    ScaffoldLog log = new ScaffoldLog(clock);
    logPlan(plan, log);
    lockWarnings.forEach(
        warning -> log.add(Action.WARNING, "Experiment lock", warning, "Continuing"));
    Path directory = plan.experiment().directory();
    // Under the experiment lock: run directories a killed scaffold left half-staged.
    AtomicFiles.removeLeftovers(directory);
    List<String> stale =
        StaleRuns.find(directory, plan.runs().stream().map(run -> run.run().name()).toList());
    stale.forEach(
        name ->
            log.add(
                Action.WARNING,
                name,
                "run directory "
                    + directory.resolve(name)
                    + " is not a run of the experiment any more",
                "Stale: left as it was (not deleted)"));
    RunPool pool = RunPool.sizedToMachine();
    List<RunOutcome> outcomes =
        new ScaffoldWriter(log, force, interruption, RunCells.of(plan)).write(plan, pool, progress);
    List<CellOutcome> cells =
        new CellScaffolder(log, interruption, force).write(plan, outcomes, pool, cellProgress);
    long failed = outcomes.stream().filter(RunOutcome::failed).count();
    List<String> notWritten =
        outcomes.stream()
            .filter(RunOutcome::interrupted)
            .map(outcome -> outcome.planned().run().name())
            .toList();
    if (!notWritten.isEmpty()) {
      log.add(
          Action.ERROR,
          "Interrupted",
          "Stopped by a signal (Ctrl-C) after "
              + (outcomes.size() - notWritten.size())
              + " of "
              + outcomes.size()
              + " runs; not written: "
              + String.join(", ", notWritten.subList(0, Math.min(10, notWritten.size())))
              + (notWritten.size() > 10 ? " and " + (notWritten.size() - 10) + " more" : ""),
          "Interrupted: run scaffold again to write the rest (no file was left half-written)");
    }
    long done = outcomes.size() - failed - notWritten.size();
    log.add(
        Action.COMPLETE,
        !notWritten.isEmpty()
            ? "Interrupted"
            : failed == 0 ? "All runs scaffolded" : failed + " run(s) failed",
        "Summary: "
            + done
            + " runs created successfully, "
            + failed
            + " failures"
            + (notWritten.isEmpty() ? "" : ", " + notWritten.size() + " not written (interrupted)")
            + (cells.isEmpty()
                ? ""
                : "; "
                    + cells.stream()
                        .filter(
                            cell ->
                                !cell.failed() && cell.status() != RunOutcome.Status.INTERRUPTED)
                        .count()
                    + " of "
                    + cells.size()
                    + " evaluation cells written"),
        !notWritten.isEmpty()
            ? "Incomplete: run scaffold again"
            : failed == 0 ? "Ready to submit" : "See the failed runs in the report");
    Path logFile = directory.resolve(plan.experiment().profile().logFile());
    log.flushTo(logFile);
    return new Result(outcomes, logFile, stale, cells);
  }

  private static void logPlan(ScaffoldPlan plan, ScaffoldLog log) {
    Path summary = plan.experiment().directory().resolve(ExperimentReader.FILE_NAME);
    log.add(
        Action.DISCOVER_EXPERIMENT,
        "Found experiment",
        summary.toString(),
        "Successfully read experiment plan ("
            + plan.experiment().fineTunedRuns().size()
            + " fine-tuned runs; target "
            + plan.target().id()
            + ")");
    log.add(
        Action.PARSE_YAML,
        "Parsing experiment configuration",
        "Read " + ExperimentReader.FILE_NAME + " structure",
        "Found "
            + plan.experiment().fineTunedRuns().size()
            + " fine-tuned runs, "
            + plan.experiment().controlRuns().size()
            + " control runs; varying: "
            + plan.varying().keySet());
    log.add(
        Action.READ_LOCAL_MD,
        "Reading environment settings",
        plan.local().source().map(Path::toString).orElse("no claude.local.md found"),
        plan.local().source().isPresent()
            ? "conda_env="
                + plan.local().condaEnv().orElse("(unset)")
                + ", account="
                + plan.local().account().orElse("(unset)")
                + ", working_dir="
                + plan.local().workingDir().orElse("(unset)")
            : "Using built-in defaults");
    for (RunSpec run : plan.experiment().fineTunedRuns()) {
      // The audit trail of which generated file backs each run (cruijff_kit-0.3 format).
      run.dataset()
          .filter(dataset -> dataset.condition().isPresent())
          .ifPresent(
              dataset ->
                  log.add(
                      Action.RESOLVE_DATASET,
                      run.name(),
                      "training_condition: " + dataset.condition().get(),
                      "Trains on " + dataset.path().text()));
    }
    for (RunSpec control : plan.experiment().controlRuns()) {
      log.add(
          Action.SKIP_CONTROL,
          control.name(),
          "type: " + control.type().yamlName(),
          "Skipped: " + control.type().yamlName() + " runs are not fine-tuned");
    }
    for (Warning warning : plan.warnings()) {
      log.add(Action.WARNING, "Experiment", warning.render(), "Continuing");
    }
  }
}
