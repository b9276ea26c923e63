package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.LauncherHome;
import tunesmith.testing.Processes;

/**
 * The progress bar and the coloured marks through the real ./tunesmith launcher on a real
 * pseudo-terminal ({@code script} from util-linux): the bar appears when stderr is a terminal, and
 * not when stderr is piped or with --json; the marks are coloured only when stdout is a terminal.
 * The launcher runs in a {@link LauncherHome}, so it needs no Maven build of its own.
 */
class ProgressBarTerminalTest {
  private static final Path REPO = Path.of("").toAbsolutePath();

  @TempDir Path temp;

  private Path launcher;
  private Path experiment;

  @BeforeEach
  void launcherAndExperiment() throws IOException {
    launcher = LauncherHome.create(temp.resolve("home"));
    experiment = temp.resolve("experiment");
    Expect.succeeded(
        run(List.of(REPO.resolve("bench/generate").toString(), "250", experiment.toString())));
  }

  private CliResult run(List<String> command) {
    Map<String, String> env =
        Map.of(
            "PATH",
            System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
            "JAVA_HOME",
            System.getProperty("java.home"),
            "USER",
            "testuser",
            "LANG",
            "C.UTF-8",
            "TUNESMITH_NO_ARCHIVE",
            "1",
            "TERM",
            "xterm");
    return Processes.run(command, temp, env, 120);
  }

  /**
   * Runs {@code shellCommand} with stdin, stdout and stderr on a new pseudo-terminal; returns what
   * the terminal showed.
   */
  private String onTerminal(String shellCommand) {
    return Expect.succeeded(run(List.of("script", "-qec", shellCommand, "/dev/null"))).out();
  }

  @Test
  void appearsOnATerminalWithRunsRateAndTimeLeftAndIsClearedAtTheEnd() {
    String screen = onTerminal(launcher + " scaffold " + experiment + " >/dev/null");

    assertThat(screen)
        .contains("scaffolding [....................] 0/250 runs")
        .contains("scaffolding [####################] 250/250 runs, ")
        .contains(" runs/s, ")
        .contains(" left");
    // The last thing on the line is the clearing: blanks, then back to the start.
    assertThat(screen).matches("(?s).*left *\r {40,}\r");
    assertThat(Files.isDirectory(experiment.resolve("Llama-3.2-1B-Instruct_r4_lr1e-5_s14")))
        .isTrue();
  }

  @Test
  void verifyShowsItToo() {
    onTerminal(launcher + " scaffold -q " + experiment);
    assertThat(onTerminal(launcher + " verify " + experiment + " >/dev/null"))
        .contains("verifying [####################] 250/250 runs");
  }

  @Test
  void neverWhenStderrIsPipedOrWithJson() throws IOException {
    Path stderr = temp.resolve("stderr.txt");
    String piped = onTerminal(launcher + " scaffold " + experiment + " >/dev/null 2>" + stderr);
    String json = onTerminal(launcher + " scaffold --json " + experiment + " >/dev/null");

    assertThat(piped).doesNotContain("runs/s");
    assertThat(Files.readString(stderr)).doesNotContain("runs/s").doesNotContain("\r");
    assertThat(json).doesNotContain("runs/s");
  }

  /** The launcher says which streams are terminals; the marks are coloured only there. */
  @Test
  void marksAreColouredOnlyWhenStdoutIsATerminalAndColourIsWanted() throws IOException {
    String green = "\u001b[32m✓\u001b[0m";
    Path stdout = temp.resolve("stdout.txt");

    String onScreen = onTerminal(launcher + " scaffold " + experiment);
    onTerminal(launcher + " scaffold " + experiment + " >" + stdout);
    String noColor = onTerminal("NO_COLOR=1 " + launcher + " scaffold " + experiment);
    String noColorOption = onTerminal(launcher + " scaffold --no-color " + experiment);

    assertThat(onScreen).contains(green);
    assertThat(Files.readString(stdout)).contains("✓").doesNotContain("\u001b[");
    assertThat(noColor).contains("✓").doesNotContain(green);
    assertThat(noColorOption).contains("✓").doesNotContain(green);
  }
}
