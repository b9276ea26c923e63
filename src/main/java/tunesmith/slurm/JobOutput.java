package tunesmith.slurm;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The output file of a run's job ({@code #SBATCH --output={output_dir}slurm-%j.out}) and its tail:
 * where progress and the cause of a failure are read. An array task writes the same file name under
 * its own job id, which the record does not hold: there the newest {@code slurm-*.out} of the
 * output directory is the task's.
 */
public final class JobOutput {
  /** Enough for the last progress lines and a traceback; a long run's output can be gigabytes. */
  static final int TAIL_BYTES = 256 * 1024;

  private JobOutput() {}

  public static Optional<Path> locate(SubmissionRecord record, String outputDir) {
    Path directory = Path.of(outputDir);
    if (record.arrayJobId().isEmpty()) {
      Path file = directory.resolve("slurm-" + record.jobId() + ".out");
      return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }
    if (!Files.isDirectory(directory)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(file -> file.getFileName().toString().matches("slurm-\\d+\\.out"))
          .max(Comparator.comparing(JobOutput::modified));
    } catch (IOException unreadable) {
      return Optional.empty();
    }
  }

  /** The last {@link #TAIL_BYTES} of the file as text; empty when it cannot be read. */
  public static String tail(Path file) {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      long start = Math.max(0, length - TAIL_BYTES);
      byte[] bytes = new byte[(int) (length - start)];
      in.seek(start);
      in.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException unreadable) {
      return "";
    }
  }

  private static long modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException gone) {
      return Long.MIN_VALUE;
    }
  }
}
