package tunesmith.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tunesmith.cli.Main;

/**
 * Runs the tunesmith CLI, either in this JVM through {@link Main#execute} or as a real {@code java}
 * process.
 *
 * <p>The default environment is {@link #DEFAULT_ENV}: a fixed user and no colour, nothing inherited
 * from the machine running the tests, so that results do not depend on who runs them.
 */
public final class Cli {
  public static final Map<String, String> DEFAULT_ENV = Map.of("USER", "testuser", "NO_COLOR", "1");

  private static final long SUBPROCESS_TIMEOUT_SECONDS = 120;

  private Cli() {}

  /** Runs in-process with {@link #DEFAULT_ENV}. */
  public static CliResult run(Path workingDirectory, String... args) {
    return run(workingDirectory, DEFAULT_ENV, args);
  }

  /** Runs in-process with exactly the given environment. */
  public static CliResult run(
      Path workingDirectory, Map<String, String> environment, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code =
          Main.execute(
              args.clone(),
              workingDirectory.toAbsolutePath(),
              Map.copyOf(environment),
              outStream,
              errStream);
    }
    return new CliResult(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** {@link #DEFAULT_ENV} with some variables added or replaced. */
  public static Map<String, String> envWith(String... keyValuePairs) {
    if (keyValuePairs.length % 2 != 0) {
      throw new IllegalArgumentException("envWith takes key, value pairs");
    }
    Map<String, String> env = new LinkedHashMap<>(DEFAULT_ENV);
    for (int i = 0; i < keyValuePairs.length; i += 2) {
      env.put(keyValuePairs[i], keyValuePairs[i + 1]);
    }
    return env;
  }

  /** Runs as a real process with {@link #DEFAULT_ENV}. */
  public static CliResult subprocess(Path workingDirectory, String... args) {
    return subprocess(workingDirectory, DEFAULT_ENV, args);
  }

  /**
   * Runs {@code java -cp <this JVM's class path> tunesmith.cli.Main args...} as a separate process,
   * with the given working directory and exactly the given environment (nothing inherited).
   */
  public static CliResult subprocess(
      Path workingDirectory, Map<String, String> environment, String... args) {
    return Processes.run(
        javaCommand(args), workingDirectory, Map.copyOf(environment), SUBPROCESS_TIMEOUT_SECONDS);
  }

  /**
   * {@code java -cp <this JVM's class path> tunesmith.cli.Main args...}, for tests that start (and
   * kill) the process themselves.
   */
  public static List<String> javaCommand(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("tunesmith.cli.Main");
    command.addAll(List.of(args));
    return command;
  }
}
