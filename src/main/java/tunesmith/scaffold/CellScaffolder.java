package tunesmith.scaffold;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tunesmith.evaluation.CellWriter;
import tunesmith.evaluation.EvalCell;
import tunesmith.files.AtomicFiles;
import tunesmith.files.StateDirectory;
import tunesmith.lock.Interruption;
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

  List<CellOutcome> write(ScaffoldPlan plan, List<RunOutcome> runs) {
    Map<String, RunOutcome.Status> runStatus =
        runs.stream()
            .collect(
                Collectors.toMap(
                    outcome -> outcome.planned().run().name(), RunOutcome::status, (a, b) -> a));
    CellWriter writer = new CellWriter(plan.local().moduleLines(), plan.evaluation().condaEnv());
    List<CellOutcome> outcomes = new ArrayList<>();
    for (EvalCell cell : plan.evaluation().cells()) {
      String name = cell.run().name() + "/eval/" + cell.name();
      RunOutcome.Status run = runStatus.get(cell.run().name());
      if (interruption.requested() || run == RunOutcome.Status.INTERRUPTED) {
        outcomes.add(new CellOutcome(cell, RunOutcome.Status.INTERRUPTED, Optional.empty()));
        continue;
      }
      if (run == RunOutcome.Status.FAILED) {
        String why = "not written: run " + cell.run().name() + " failed to scaffold";
        log.add(Action.ERROR, name, why, "Skipped");
        outcomes.add(new CellOutcome(cell, RunOutcome.Status.FAILED, Optional.of(why)));
        continue;
      }
      try {
        if (!force && ScaffoldWriter.submitted(cell.directory()) && wouldChange(plan, cell)) {
          String why =
              "already submitted ("
                  + StateDirectory.SUBMISSION_RECORD
                  + " exists) and its files would change: not overwritten without --force";
          log.add(Action.ERROR, name, why, "Cell left as it was");
          outcomes.add(new CellOutcome(cell, RunOutcome.Status.FAILED, Optional.of(why)));
          continue;
        }
        boolean existed = Files.exists(cell.evalYaml()) && Files.exists(cell.script());
        boolean changed = writer.write(cell);
        RunOutcome.Status status =
            !existed
                ? RunOutcome.Status.CREATED
                : changed ? RunOutcome.Status.UPDATED : RunOutcome.Status.UNCHANGED;
        log.add(
            Action.WRITE_CELL,
            name,
            "model_path: " + cell.modelPath() + ", data_path: " + cell.dataPath(),
            "Cell " + status.word() + ": " + EvalCell.EVAL_YAML + ", " + EvalCell.CELL_SLURM);
        outcomes.add(new CellOutcome(cell, status, Optional.empty()));
      } catch (IOException e) {
        String why = "cannot write " + cell.directory() + ": " + e.getMessage();
        log.add(Action.ERROR, name, why, "Failed");
        outcomes.add(new CellOutcome(cell, RunOutcome.Status.FAILED, Optional.of(why)));
      }
    }
    return outcomes;
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
