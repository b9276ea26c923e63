package tunesmith.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tunesmith.files.AtomicFiles;
import tunesmith.files.StagedDirectory;

/**
 * Writes a cell's directory: eval.yaml and cell.slurm. SLURM opens {@code --output} in the cell
 * directory itself; inspect's {@code logs/} is made by submit and by the job (docs/EVALUATION.md),
 * not here, where it would be one more directory per cell for every scaffold.
 */
public final class CellWriter {
  /** The module and conda lines, the same in every cell's script. */
  private final String environment;

  public CellWriter(List<String> moduleLines, String condaEnv) {
    this.environment = CellScript.environment(moduleLines, condaEnv);
  }

  /**
   * Writes a cell whose directory does not exist yet, all at once ({@link StagedDirectory}): no
   * file to compare, and one rename for the cell.
   */
  public void writeNew(EvalCell cell) throws IOException {
    Path evalDirectory = cell.directory().getParent();
    // Checked first: createDirectories on a directory that exists costs an exception.
    if (!Files.isDirectory(evalDirectory)) {
      Files.createDirectories(evalDirectory);
    }
    StagedDirectory.create(cell.directory(), staged -> writeInto(staged, "", cell));
  }

  /**
   * Writes a cell into a directory being staged, at {@code relative} inside it (made here, in a
   * parent that must exist): a new run's cells are staged with the run itself, so the run and its
   * cells appear in one rename.
   */
  public void writeInto(StagedDirectory staged, String relative, EvalCell cell) throws IOException {
    String prefix = relative.isEmpty() ? "" : relative + "/";
    if (!relative.isEmpty()) {
      staged.createDirectory(relative);
    }
    staged.write(prefix + EvalCell.EVAL_YAML, EvalYaml.render(cell));
    staged.writeExecutable(prefix + EvalCell.CELL_SLURM, CellScript.render(cell, environment));
  }

  /**
   * Writes a cell whose directory exists, leaving equal files alone; returns how its files stood
   * before: MISSING if one was not there, DIFFERENT if one was rewritten, SAME if none was.
   */
  public AtomicFiles.Comparison update(EvalCell cell) throws IOException {
    AtomicFiles.Comparison yaml =
        AtomicFiles.writeIfChanged(cell.evalYaml(), EvalYaml.render(cell), false);
    Path script = cell.script();
    AtomicFiles.Comparison scriptBefore =
        AtomicFiles.writeIfChanged(script, CellScript.render(cell, environment), true);
    // An unchanged script usually is executable already: a re-run of 20,000 cells should not
    // chmod them all.
    if (scriptBefore == AtomicFiles.Comparison.SAME
        && !Files.getPosixFilePermissions(script).equals(AtomicFiles.EXECUTABLE)) {
      Files.setPosixFilePermissions(script, AtomicFiles.EXECUTABLE);
    }
    return yaml.and(scriptBefore);
  }
}
