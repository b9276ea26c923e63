package tunesmith.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** What a command may touch of the outside world: handed in, so tests run commands in-process. */
record CliContext(
    Path workingDirectory,
    Map<String, String> environment,
    PrintStream out,
    PrintStream err,
    Clock clock) {

  Path resolve(Path path) {
    return workingDirectory.resolve(path).toAbsolutePath().normalize();
  }
}
