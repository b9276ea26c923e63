package tunesmith.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import tunesmith.files.AtomicFiles;

/**
 * Writes a cell's directory: eval.yaml, cell.slurm and the logs/ directory. The directory exists
 * before the job is submitted, since SLURM opens {@code --output} there before the script runs.
 */
public final class CellWriter {
  private static final Set<PosixFilePermission> EXECUTABLE =
      Set.copyOf(PosixFilePermissions.fromString("rwxr-xr-x"));

  private final List<String> moduleLines;
  private final String condaEnv;

  public CellWriter(List<String> moduleLines, String condaEnv) {
    this.moduleLines = List.copyOf(moduleLines);
    this.condaEnv = condaEnv;
  }

  /** Returns whether any file changed. */
  public boolean write(EvalCell cell) throws IOException {
    Files.createDirectories(cell.logDirectory());
    boolean changed = AtomicFiles.writeIfChanged(cell.evalYaml(), EvalYaml.render(cell));
    Path script = cell.script();
    boolean scriptWritten =
        AtomicFiles.writeIfChanged(script, CellScript.render(cell, moduleLines, condaEnv));
    // A freshly written file is never executable; an unchanged one usually already is, and a
    // re-run of 20,000 cells should not chmod them all.
    if (scriptWritten || !Files.getPosixFilePermissions(script).equals(EXECUTABLE)) {
      Files.setPosixFilePermissions(script, EXECUTABLE);
    }
    return changed || scriptWritten;
  }
}
