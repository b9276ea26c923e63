package tunesmith.slurm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import tunesmith.files.AtomicFiles;
import tunesmith.files.StateDirectory;

/** The submission record of a run directory, at the path scaffold checks before rewriting a run. */
public final class SubmissionRecords {
  private SubmissionRecords() {}

  public static Path file(Path runDirectory) {
    return runDirectory.resolve(StateDirectory.SUBMISSION_RECORD);
  }

  public static boolean exists(Path runDirectory) {
    return Files.exists(file(runDirectory));
  }

  /**
   * The record, or empty when the run was never submitted; an IOException names what is wrong with
   * the file.
   */
  public static Optional<SubmissionRecord> read(Path runDirectory) throws IOException {
    Path file = file(runDirectory);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(SubmissionRecord.parse(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /** Writes the record in one step (temp file + rename): a reader never sees half of it. */
  public static void write(Path runDirectory, SubmissionRecord record) throws IOException {
    Path file = file(runDirectory);
    Files.createDirectories(file.getParent());
    AtomicFiles.writeDurably(file, record.toJson()); // the one record of a job nothing can rebuild
  }
}
