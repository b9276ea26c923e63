package tunesmith.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs an external command to completion, collecting both output streams as UTF-8. */
public final class Processes {
  private Processes() {}

  /**
   * @param environment exactly the environment to give the process, or {@code null} to inherit this
   *     JVM's
   * @return the exit code and output; an {@link AssertionError} if the command does not finish in
   *     time
   */
  public static CliResult run(
      List<String> command,
      Path workingDirectory,
      Map<String, String> environment,
      long timeoutSeconds) {
    ProcessBuilder builder = new ProcessBuilder(command);
    if (workingDirectory != null) {
      builder.directory(workingDirectory.toFile());
    }
    if (environment != null) {
      builder.environment().clear();
      builder.environment().putAll(environment);
    }
    Process process;
    try {
      process = builder.start();
      process.getOutputStream().close();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + command, e);
    }
    CompletableFuture<String> out = drain(process.getInputStream());
    CompletableFuture<String> err = drain(process.getErrorStream());
    try {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError(
            command
                + " did not finish within "
                + timeoutSeconds
                + "s\n--- stdout ---\n"
                + out.getNow("")
                + "\n--- stderr ---\n"
                + err.getNow(""));
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + command, e);
    }
    return new CliResult(process.exitValue(), out.join(), err.join());
  }

  private static CompletableFuture<String> drain(InputStream stream) {
    CompletableFuture<String> text = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (stream) {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException e) {
                text.completeExceptionally(e);
              }
            },
            "process-output-reader");
    reader.setDaemon(true);
    reader.start();
    return text;
  }
}
