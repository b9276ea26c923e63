package tunesmith.slurm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The epoch directories a run's recipe saved in its output_dir ({@code epoch_N}, not empty): the
 * evidence on disk behind a COMPLETED state SLURM no longer remembers.
 */
final class Checkpoints {
  private Checkpoints() {}

  /** {@code epoch_0, epoch_1, ...} in epoch order; empty when there are none or no directory. */
  static List<String> epochs(Path outputDir) {
    if (!Files.isDirectory(outputDir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(outputDir)) {
      return entries
          .filter(entry -> entry.getFileName().toString().matches("epoch_\\d{1,9}"))
          .filter(Checkpoints::notEmpty)
          .map(entry -> entry.getFileName().toString())
          .sorted(Comparator.comparingInt(name -> Integer.parseInt(name.substring(6))))
          .toList();
    } catch (IOException unreadable) {
      return List.of();
    }
  }

  private static boolean notEmpty(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.findAny().isPresent();
    } catch (IOException unreadable) {
      return false;
    }
  }
}
