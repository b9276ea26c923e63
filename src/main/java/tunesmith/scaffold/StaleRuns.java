package tunesmith.scaffold;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import tunesmith.files.AtomicFiles;
import tunesmith.files.StateDirectory;
import tunesmith.setup.SetupFile;

/**
 * Run directories whose run has left the plan (renamed, removed, turned into a control): reported
 * so the user can decide, never deleted, since they may hold a submitted job's only record.
 */
public final class StaleRuns {
  private StaleRuns() {}

  /**
   * Names of the directories in the experiment that look like runs (a setup_finetune.yaml or
   * finetune.slurm) but are not planned, sorted.
   */
  public static List<String> find(Path experimentDirectory, Collection<String> plannedRuns)
      throws IOException {
    Set<String> planned = Set.copyOf(plannedRuns);
    List<String> stale = new ArrayList<>();
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(experimentDirectory, Files::isDirectory)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (!planned.contains(name)
            && !name.equals(StateDirectory.NAME)
            && !AtomicFiles.isTemporary(name)
            && (Files.isRegularFile(entry.resolve(SetupFile.FILE_NAME))
                || Files.isRegularFile(entry.resolve("finetune.slurm")))) {
          stale.add(name);
        }
      }
    }
    stale.sort(null);
    return stale;
  }
}
