package tunesmith.slurm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import tunesmith.files.AtomicFiles;
import tunesmith.files.StateDirectory;

/**
 * The submission record of a run or cell directory (at the path scaffold checks before rewriting
 * one), and the intent written before its sbatch: the one way runs, arrays and cells are recorded
 * (docs/submitting.md, "Faults while submitting"). Both are forced to disk: nothing can write them
 * again.
 */
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

  /**
   * Writes the record in one step (temp file + rename): a reader never sees half of it. An intent
   * it fulfils is removed after it.
   */
  public static void write(Path runDirectory, SubmissionRecord record) throws IOException {
    Path file = file(runDirectory);
    Files.createDirectories(file.getParent());
    AtomicFiles.writeDurably(file, record.toJson()); // the one record of a job nothing can rebuild
    Files.deleteIfExists(intentFile(runDirectory));
  }

  public static Path intentFile(Path directory) {
    return directory.resolve(StateDirectory.SUBMISSION_INTENT);
  }

  /** Written before sbatch runs, so that a job accepted but never recorded can be found. */
  public static void intend(Path directory, Intent intent) throws IOException {
    Path file = intentFile(directory);
    Files.createDirectories(file.getParent());
    AtomicFiles.writeDurably(file, intent.toJson());
  }

  /** The intent of a submission whose outcome is not recorded yet, if any. */
  public static Optional<Intent> readIntent(Path directory) throws IOException {
    Path file = intentFile(directory);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Intent.parse(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Why a run or cell must not be sent while an intent is left (reconciling settles every intent it
   * can read: a job with its tag is recorded, an intent without one withdrawn); empty without.
   */
  public static Optional<String> unsettled(Path directory) {
    if (!Files.exists(intentFile(directory))) {
      return Optional.empty();
    }
    return Optional.of(
        "a submission of it may have been made and is not settled ("
            + intentFile(directory)
            + " cannot be read or its job looked up): remove that file once no job carries its"
            + " tag");
  }

  /** The intent's sbatch certainly made no job (refused, or SLURM unreachable): forget it. */
  public static void withdraw(Path directory) throws IOException {
    Path file = intentFile(directory);
    Files.deleteIfExists(file);
    try {
      Files.deleteIfExists(file.getParent()); // a run never submitted has no state directory
    } catch (java.nio.file.DirectoryNotEmptyException kept) {
      // it holds the record of an earlier attempt, or more
    }
  }
}
