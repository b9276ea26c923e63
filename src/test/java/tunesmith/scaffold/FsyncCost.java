package tunesmith.scaffold;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import tunesmith.files.AtomicFiles;

/**
 * What an fsync per file would cost a scaffold: writes RUNS run directories of three files each
 * (sizes as scaffold writes them) once with {@link AtomicFiles#write} and once with {@link
 * AtomicFiles#writeDurably}, and prints both times and their ratio. Run by {@code
 * scripts/fsync-cost [RUNS] [DIR]}; a measurement, not a test.
 */
public final class FsyncCost {
  private static final int[] FILE_SIZES = {1_200, 3_400, 900};
  private static final String[] FILE_NAMES = {
    "setup_finetune.yaml", "finetune.yaml", "finetune.slurm"
  };

  private FsyncCost() {}

  public static void main(String[] args) throws IOException {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    Path root =
        Files.createTempDirectory(
            args.length > 1 ? Path.of(args[1]) : Path.of(System.getProperty("java.io.tmpdir")),
            "fsync-cost");
    try {
      write(root.resolve("warmup"), 100, false);
      long plain = write(root.resolve("plain"), runs, false);
      long durable = write(root.resolve("durable"), runs, true);
      System.out.printf("%d runs x 3 files on %s%n", runs, Files.getFileStore(root).type());
      System.out.printf("rename only:          %6d ms%n", plain / 1_000_000);
      System.out.printf("fsync file + dir:     %6d ms%n", durable / 1_000_000);
      System.out.printf("ratio (fsync / none): %6.1f%n", (double) durable / plain);
    } finally {
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  private static long write(Path root, int runs, boolean durable) throws IOException {
    long start = System.nanoTime();
    for (int run = 0; run < runs; run++) {
      Path directory = Files.createDirectories(root.resolve("run" + run));
      for (int file = 0; file < FILE_NAMES.length; file++) {
        String text = ("x".repeat(63) + "\n").repeat(FILE_SIZES[file] / 64) + run + "\n";
        if (durable) {
          AtomicFiles.writeDurably(directory.resolve(FILE_NAMES[file]), text);
        } else {
          AtomicFiles.write(directory.resolve(FILE_NAMES[file]), text);
        }
      }
    }
    return System.nanoTime() - start;
  }
}
