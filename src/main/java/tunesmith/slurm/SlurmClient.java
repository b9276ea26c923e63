package tunesmith.slurm;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs SLURM's commands as subprocesses, with exactly the environment tunesmith was given (so PATH
 * and whatever else reaches a job through sbatch's default {@code --export=ALL}). Each command is
 * found on that PATH, or is the program its environment variable ({@link
 * SlurmTool#environmentVariable()}) names.
 */
public final class SlurmClient {
  /** How long a SLURM command may take before it is given up on, unless told otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

  /** What a command printed and how it exited. */
  public record Output(int exitCode, String out, String err) {
    /** stderr, else stdout: where SLURM's commands put their error messages. */
    public String message() {
      String text = err.isBlank() ? out : err;
      return text.strip();
    }
  }

  private final Map<String, String> environment;
  private final Path workingDirectory;
  private final Duration sbatchTimeout;

  public SlurmClient(Map<String, String> environment, Path workingDirectory) {
    this(environment, workingDirectory, DEFAULT_TIMEOUT);
  }

  /**
   * @param sbatchTimeout how long sbatch may take (submit --sbatch-timeout); the other commands get
   *     {@link #DEFAULT_TIMEOUT}
   */
  public SlurmClient(
      Map<String, String> environment, Path workingDirectory, Duration sbatchTimeout) {
    this.environment = Map.copyOf(environment);
    this.workingDirectory = workingDirectory;
    this.sbatchTimeout = sbatchTimeout;
  }

  /**
   * The program as configured ({@code sbatch}, or what SBATCH says): how commands are shown and
   * recorded.
   */
  public String program(SlurmTool tool) {
    String named = environment.get(tool.environmentVariable());
    return named == null || named.isBlank() ? tool.command() : named;
  }

  /** {@code program args...}, as it will be run. */
  public List<String> command(SlurmTool tool, List<String> args) {
    List<String> argv = new ArrayList<>();
    argv.add(program(tool));
    argv.addAll(args);
    return argv;
  }

  /**
   * Runs the command; a non-zero exit is returned, not thrown, for callers that expect some
   * failures.
   */
  public Output run(SlurmTool tool, List<String> args) throws SlurmException {
    Path executable = executable(tool);
    List<String> argv = new ArrayList<>();
    argv.add(executable.toString());
    argv.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(argv).directory(workingDirectory.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
      process.getOutputStream().close();
    } catch (IOException e) {
      throw new SlurmException(tool, SlurmException.Kind.MISSING, program(tool), e.getMessage());
    }
    CompletableFuture<String> out = drain(process.getInputStream());
    CompletableFuture<String> err = drain(process.getErrorStream());
    try {
      Duration timeout = tool == SlurmTool.SBATCH ? sbatchTimeout : DEFAULT_TIMEOUT;
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new SlurmException(
            tool,
            SlurmException.Kind.TIMED_OUT,
            program(tool),
            "no answer within " + timeout.toSeconds() + "s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new SlurmException(tool, SlurmException.Kind.FAILED, program(tool), "interrupted");
    }
    return new Output(process.exitValue(), out.join(), err.join());
  }

  /** Runs the command and insists that it succeeds. */
  public Output runOrThrow(SlurmTool tool, List<String> args) throws SlurmException {
    Output output = run(tool, args);
    if (output.exitCode() != 0) {
      throw failure(tool, output);
    }
    return output;
  }

  /** The exception for a command that ran and failed, with its own message. */
  public SlurmException failure(SlurmTool tool, Output output) {
    String message = output.message();
    return new SlurmException(
        tool,
        SlurmException.Kind.FAILED,
        program(tool),
        (message.isEmpty() ? "(no message)" : message) + " (exit code " + output.exitCode() + ")");
  }

  /**
   * Where the program is: the named file, or the first match on the environment's PATH (not this
   * JVM's).
   */
  private Path executable(SlurmTool tool) throws SlurmException {
    String program = program(tool);
    if (program.contains("/")) {
      Path file = workingDirectory.resolve(program);
      if (!Files.isRegularFile(file) || !Files.isExecutable(file)) {
        throw new SlurmException(
            tool,
            SlurmException.Kind.MISSING,
            program,
            (Files.exists(file) ? "not an executable file" : "No such file or directory")
                + " (named by "
                + tool.environmentVariable()
                + ")");
      }
      return file;
    }
    String path = Optional.ofNullable(environment.get("PATH")).orElse("");
    for (String directory : path.split(File.pathSeparator)) {
      if (directory.isEmpty()) {
        continue;
      }
      Path candidate = workingDirectory.resolve(directory).resolve(program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new SlurmException(
        tool,
        SlurmException.Kind.MISSING,
        program,
        "command not found on PATH ("
            + path
            + "); install SLURM's client commands or name the program with "
            + tool.environmentVariable()
            + "=/path/to/"
            + tool.command());
  }

  private static CompletableFuture<String> drain(InputStream stream) {
    // A thread per stream, not the common pool: on a small machine that pool has one thread, and a
    // command
    // that fills its stderr pipe while stdout is being read would never finish.
    CompletableFuture<String> text = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (stream) {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException e) {
                text.completeExceptionally(new UncheckedIOException(e));
              }
            },
            "slurm-output-reader");
    reader.setDaemon(true);
    reader.start();
    return text;
  }
}
