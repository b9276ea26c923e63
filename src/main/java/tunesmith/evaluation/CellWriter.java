package tunesmith.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import tunesmith.files.AtomicFiles;

/**
 * Writes a cell's directory: eval.yaml, cell.slurm and the logs/ directory. The directory exists
 * before the job is submitted, since SLURM opens {@code --output} there before the script runs.
 */
public final class CellWriter {
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
    changed |=
        AtomicFiles.writeIfChanged(cell.script(), CellScript.render(cell, moduleLines, condaEnv));
    Path script = cell.script();
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return changed;
  }
}
