package tunesmith.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the launcher runs once, under {@code -XX:DumpLoadedClassList}, to list the classes of the
 * class-data archive it then dumps: every command a researcher runs, on copies of both shipped
 * examples, in one process, so that the archive holds the classes of each (the cruijff_kit-0.3
 * format's evaluation cells, verify, status, setup), not only those of a January scaffold. Output
 * is discarded; nothing here is a check.
 *
 * <p>Usage: {@code java -cp tunesmith.jar tunesmith.cli.ArchiveTraining DIR}, where {@code DIR}
 * holds one copy of each example experiment, one per subdirectory.
 */
public final class ArchiveTraining {
  private static final List<List<String>> COMMANDS =
      List.of(
          List.of("plan"),
          List.of("scaffold", "--json"),
          List.of("scaffold"),
          List.of("verify"),
          List.of("status"),
          List.of("summarize"));

  private ArchiveTraining() {}

  public static void main(String[] args) throws IOException {
    train(Path.of(args[0]), System.getenv());
    System.exit(0);
  }

  /** Runs every command on every experiment under {@code directory}, output discarded. */
  static void train(Path directory, Map<String, String> environment) throws IOException {
    PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
    try (Stream<Path> experiments = Files.list(directory)) {
      for (Path experiment : experiments.sorted().toList()) {
        for (List<String> command : COMMANDS) {
          String[] arguments =
              Stream.concat(command.stream(), Stream.of(experiment.toString()))
                  .toArray(String[]::new);
          Main.execute(arguments, experiment, environment, sink, sink);
        }
        Optional<Path> run = firstRun(experiment);
        if (run.isPresent()) {
          Main.execute(new String[] {"setup"}, run.get(), environment, sink, sink);
        }
      }
    }
  }

  private static Optional<Path> firstRun(Path experiment) throws IOException {
    try (Stream<Path> entries = Files.list(experiment)) {
      return entries
          .filter(entry -> Files.isRegularFile(entry.resolve("setup_finetune.yaml")))
          .sorted()
          .findFirst();
    }
  }
}
