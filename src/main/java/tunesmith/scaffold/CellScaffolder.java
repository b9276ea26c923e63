package tunesmith.scaffold;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tunesmith.evaluation.CellWriter;
import tunesmith.evaluation.EvalCell;
import tunesmith.files.AtomicFiles;
import tunesmith.files.StateDirectory;
import tunesmith.lock.Interruption;
import tunesmith.parallel.ProgressListener;
import tunesmith.parallel.RunPool;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.scaffold.ScaffoldLog.Action;
import tunesmith.verify.CellUnderCheck;

/**
 * Writes the evaluation cells after the runs: each cell atomically, a re-run changing nothing that
 * is already right. A fine-tuned run that failed to scaffold gets no cells (nothing could train the
 * checkpoint they evaluate); an interrupted scaffold leaves the rest as they were.
 */
final class CellScaffolder {
  private final ScaffoldLog log;
  private final Interruption interruption;

  private final boolean force;

  /**
   * @param force rewrite cells that were already submitted
   */
  CellScaffolder(ScaffoldLog log, Interruption interruption, boolean force) {
    this.log = log;
    this.interruption = interruption;
    this.force = force;
  }

  /**
   * Every cell, split across the pool's threads as the runs are; outcomes and log entries in plan
   * order, each cell logging into its own section.
   */
  List<CellOutcome> write(
      ScaffoldPlan plan, List<RunOutcome> runs, RunPool pool, ProgressListener progress) {
    Map<String, RunOutcome> runOutcomes =
        runs.stream()
            .collect(
                Collectors.toMap(
                    outcome -> outcome.planned().run().name(), outcome -> outcome, (a, b) -> a));
    CellWriter writer = new CellWriter(plan.local().moduleLines(), plan.evaluation().condaEnv());
    // One cell per eval/ directory clears what a killed scaffold left there half-staged; a run made
    // with its cells just now has none.
    Map<Path, EvalCell> clearing = new HashMap<>();
    plan.evaluation().cells().stream()
        .filter(cell -> !withItsRun(runOutcomes.get(cell.run().name())))
        .forEach(cell -> clearing.putIfAbsent(cell.directory().getParent(), cell));
    return log.mapInSections(
        pool,
        plan.evaluation().cells(),
        cell -> {
          if (clearing.get(cell.directory().getParent()) == cell) {
            clearLeftovers(cell.directory().getParent());
          }
          return write(plan, cell, runOutcomes.get(cell.run().name()), writer);
        },
        progress);
  }

  private static boolean withItsRun(RunOutcome run) {
    return run != null && run.withCells();
  }

  private void clearLeftovers(Path evalDirectory) {
    try {
      AtomicFiles.removeLeftovers(evalDirectory);
    } catch (IOException e) {
      // Debris only: said, and a cell that then cannot be written fails on its own.
      log.add(
          Action.WARNING,
          evalDirectory.toString(),
          "cannot clear what a killed scaffold left: " + ScaffoldWriter.describe(e),
          "Continuing");
    }
  }

  /** One cell; a failure here fails this cell only. */
  private CellOutcome write(
      ScaffoldPlan plan, EvalCell cell, RunOutcome runOutcome, CellWriter writer) {
    String name = cell.run().name() + "/eval/" + cell.name();
    RunOutcome.Status run = runOutcome == null ? null : runOutcome.status();
    if (withItsRun(runOutcome)) {
      // Already on disk, whatever happens now: the outcome says what is there.
      if (run == RunOutcome.Status.FAILED) {
        String why = "written with run " + cell.run().name() + ", which then failed: not ready";
        log.add(Action.ERROR, name, why, "Written with its run; fix the run");
        return new CellOutcome(cell, RunOutcome.Status.FAILED, Optional.of(why));
      }
      return written(cell, name, RunOutcome.Status.CREATED);
    }
    if (interruption.requested() || run == RunOutcome.Status.INTERRUPTED) {
      return new CellOutcome(cell, RunOutcome.Status.INTERRUPTED, Optional.empty());
    }
    if (run == RunOutcome.Status.FAILED) {
      String why = "not written: run " + cell.run().name() + " failed to scaffold";
      log.add(Action.ERROR, name, why, "Skipped");
      return new CellOutcome(cell, RunOutcome.Status.FAILED, Optional.of(why));
    }
    try {
      if (!Files.exists(cell.directory())) {
        writer.writeNew(cell);
        return written(cell, name, RunOutcome.Status.CREATED);
      }
      if (!force && ScaffoldWriter.submitted(cell.directory()) && wouldChange(plan, cell)) {
        String why =
            "already submitted ("
                + StateDirectory.SUBMISSION_RECORD
                + " exists) and its files would change: not overwritten without --force";
        log.add(Action.ERROR, name, why, "Cell left as it was");
        return new CellOutcome(cell, RunOutcome.Status.FAILED, Optional.of(why));
      }
      return written(
          cell,
          name,
          switch (writer.update(cell)) {
            case MISSING -> RunOutcome.Status.CREATED;
            case DIFFERENT -> RunOutcome.Status.UPDATED;
            case SAME -> RunOutcome.Status.UNCHANGED;
          });
    } catch (IOException e) {
      String why = "cannot write " + cell.directory() + ": " + e.getMessage();
      log.add(Action.ERROR, name, why, "Failed");
      return new CellOutcome(cell, RunOutcome.Status.FAILED, Optional.of(why));
    }
  }

  private CellOutcome written(EvalCell cell, String name, RunOutcome.Status status) {
    log.add(
        Action.WRITE_CELL,
        name,
        "model_path: " + cell.modelPath() + ", data_path: " + cell.dataPath(),
        "Cell " + status.word() + ": " + EvalCell.EVAL_YAML + ", " + EvalCell.CELL_SLURM);
    return new CellOutcome(cell, status, Optional.empty());
  }

  private static boolean wouldChange(ScaffoldPlan plan, EvalCell cell) throws IOException {
    for (Map.Entry<String, String> file :
        CellUnderCheck.of(cell, plan.local().moduleLines(), plan.evaluation().condaEnv())
            .expected()
            .entrySet()) {
      if (AtomicFiles.differs(cell.directory().resolve(file.getKey()), file.getValue())) {
        return true;
      }
    }
    return false;
  }
}
