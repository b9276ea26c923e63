package tunesmith.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tunesmith.problem.InputProblem;
import tunesmith.problem.InvalidInputException;
import tunesmith.slurm.SlurmException;
import tunesmith.slurm.SlurmTool;

/** Every failure a command throws ends as its exit code, in one place. */
class FailureHandlerTest {
  /** Throws whatever it is given, as a command would. */
  @Command(name = "thrower")
  static final class Thrower implements Callable<Integer> {
    @Mixin DebugOption debug;
    @Mixin OutputOptions output;
    Exception toThrow;

    @Override
    public Integer call() throws Exception {
      throw toThrow;
    }
  }

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Exception exception, String... args) {
    CliContext context =
        new CliContext(
            Path.of("/"),
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Clock.systemUTC());
    Thrower thrower = new Thrower();
    thrower.toThrow = exception;
    CommandLine commandLine = new CommandLine(thrower);
    commandLine.setExecutionExceptionHandler(new FailureHandler(context));
    return commandLine.execute(args);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aBugIsExit70InOneLineWithoutDebug() {
    assertThat(run(new IllegalStateException("boom"))).isEqualTo(70);
    assertThat(err()).contains("internal error", "boom", "--debug").doesNotContain("\tat ");
    assertThat(err().lines().count()).isEqualTo(1);
  }

  @Test
  void debugShowsTheStackTraceOfABug() {
    assertThat(run(new IllegalStateException("boom"), "--debug")).isEqualTo(70);
    assertThat(err()).contains("internal error", "java.lang.IllegalStateException: boom", "\tat ");
  }

  @Test
  void invalidInputIsExit2AndJsonWhenAsked() {
    InvalidInputException invalid =
        new InvalidInputException(
            new InputProblem(Path.of("/x/experiment_summary.yaml"), "runs", 3, 5, "a", "b"));
    assertThat(run(invalid, "--json")).isEqualTo(2);
    assertThat(err()).contains("experiment_summary.yaml:3:5");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"invalid_input\"");
  }

  @Test
  void environmentProblemsAreExit3() {
    assertThat(
            run(
                new SlurmException(
                    SlurmTool.SQUEUE, SlurmException.Kind.MISSING, "squeue", "not on PATH")))
        .isEqualTo(3);
    assertThat(run(new EnvironmentProblem("cannot write in /x", null))).isEqualTo(3);
    assertThat(err()).contains("squeue", "cannot write in /x");
  }

  @Test
  void anInterruptionIsExit130() {
    assertThat(run(new InterruptedException())).isEqualTo(130);
    assertThat(Thread.interrupted()).as("the interrupt is kept (and cleared here)").isTrue();
  }
}
