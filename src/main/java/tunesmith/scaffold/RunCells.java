package tunesmith.scaffold;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tunesmith.evaluation.CellWriter;
import tunesmith.evaluation.EvalCell;
import tunesmith.files.StagedDirectory;
import tunesmith.plan.PlannedRun;
import tunesmith.plan.ScaffoldPlan;

/**
 * The evaluation cells that live inside each fine-tuned run's directory ({@code
 * {run}/eval/{cell}}), for staging with a new run: the run and all its cells then appear in one
 * rename, instead of one directory staged and renamed per cell (docs/EVALUATION.md, "Scaffold").
 */
final class RunCells {
  static final RunCells NONE = new RunCells(Map.of(), null);

  private final Map<Path, List<EvalCell>> byRunDirectory;
  private final CellWriter writer;

  private RunCells(Map<Path, List<EvalCell>> byRunDirectory, CellWriter writer) {
    this.byRunDirectory = byRunDirectory;
    this.writer = writer;
  }

  /** The plan's cells by the directory of the run they sit in. */
  static RunCells of(ScaffoldPlan plan) {
    Map<Path, List<EvalCell>> byRunDirectory = new HashMap<>();
    for (EvalCell cell : plan.evaluation().cells()) {
      byRunDirectory
          .computeIfAbsent(cell.directory().getParent().getParent(), key -> new ArrayList<>())
          .add(cell);
    }
    byRunDirectory.replaceAll((directory, cells) -> List.copyOf(cells));
    return new RunCells(
        Map.copyOf(byRunDirectory),
        new CellWriter(plan.local().moduleLines(), plan.evaluation().condaEnv()));
  }

  /** Whether {@code run} has cells to stage with it. */
  boolean any(PlannedRun run) {
    return byRunDirectory.containsKey(run.directory());
  }

  /** Writes the run's cells into its directory while it is being staged. */
  void stage(PlannedRun run, StagedDirectory staged) throws IOException {
    Set<Path> made = new HashSet<>();
    for (EvalCell cell : byRunDirectory.getOrDefault(run.directory(), List.of())) {
      Path relative = run.directory().relativize(cell.directory());
      // eval/ once, made directly: createDirectories would first fail on the cell's own directory.
      if (made.add(relative.getParent())) {
        staged.createDirectory(relative.getParent().toString());
      }
      writer.writeInto(staged, relative.toString(), cell);
    }
  }
}
