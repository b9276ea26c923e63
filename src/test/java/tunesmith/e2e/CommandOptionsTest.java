package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;
import tunesmith.testing.Json;

/** Each command offers the options it acts on, and each of them does what it says. */
class CommandOptionsTest {
  private static final String ESCAPE = "\u001b[";
  private static final String GREEN_TICK = "\u001b[32m✓\u001b[0m";

  @TempDir Path temp;

  @ParameterizedTest
  @ValueSource(strings = {"plan", "verify", "setup", "status", "keys"})
  void forceIsOnlyOfferedWhereSomethingIsOverwrittenOrResubmitted(String command) {
    CliResult help = Expect.succeeded(Cli.run(temp, command, "--help"));
    assertThat(help.out()).doesNotContain("--force");

    CliResult result = Expect.exitCode(Cli.run(temp, command, "--force"), 2);
    assertThat(result.err()).contains("--force");
  }

  @ParameterizedTest
  @ValueSource(strings = {"scaffold", "submit"})
  void forceIsOfferedByScaffoldAndSubmit(String command) {
    assertThat(Expect.succeeded(Cli.run(temp, command, "--help")).out()).contains("--force");
  }

  @ParameterizedTest
  @ValueSource(strings = {"scaffold", "plan", "setup", "verify", "submit", "status"})
  void everyReportingCommandOffersJsonQuietAndNoColor(String command) {
    String help = Expect.succeeded(Cli.run(temp, command, "--help")).out();
    assertThat(help).contains("--json", "--quiet", "--no-color", "--local-md", "--debug");
  }

  @ParameterizedTest
  @ValueSource(strings = {"scaffold", "plan", "setup", "verify", "submit", "status"})
  void aLocalMdThatDoesNotExistIsInvalidInputForEveryCommand(String command) {
    Path experiment = Fixtures.experiment("lr_sweep", temp);
    Map<String, Fixtures.FileState> before = Fixtures.snapshot(temp);

    CliResult result =
        Expect.exitCode(
            Cli.run(experiment, command, "--local-md", temp.resolve("nowhere.md").toString()), 2);

    assertThat(result.err()).contains("nowhere.md", "--local-md", "no such file");
    Expect.noStackTrace(result);
    assertThat(Fixtures.snapshot(temp)).isEqualTo(before);
  }

  @Test
  void invalidInputWithJsonIsAlsoOneJsonObjectOnStdout() {
    Path experiment = Fixtures.experiment("lr_sweep", temp);

    CliResult result =
        Expect.exitCode(
            Cli.run(experiment, "verify", "--json", "--local-md", temp.resolve("x.md").toString()),
            2);

    Map<String, Object> report = Json.parseObject(result.out());
    assertThat(report.get("status")).isEqualTo("invalid_input");
    assertThat(Json.at(report, "problems.0.field")).isEqualTo("--local-md");
  }

  @Test
  void debugIsAcceptedBeforeAndAfterTheCommandName() {
    Path experiment = Fixtures.experiment("lr_sweep", temp);

    Expect.succeeded(Cli.run(experiment, "--debug", "plan", "-q"));
    Expect.succeeded(Cli.run(experiment, "plan", "--debug", "-q"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "scaffold",
        "plan",
        "setup",
        "verify",
        "submit",
        "status",
        "keys",
        "summarize"
      })
  void everyHelpListsTheExitCodesEveryCommandMayEndWith(String command) {
    // What 1 and 3 mean differs by command, and some never end with them: HelpTextTest checks
    // each command's list against docs/EXIT-CODES.md. tunesmith --help lists them all.
    String[] args = command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"};
    String help = Expect.succeeded(Cli.run(temp, args)).out();
    List<String> codes =
        command.isEmpty()
            ? List.of("0", "1", "2", "3", "70", "130")
            : List.of("0", "2", "70", "130");
    for (String code : codes) {
      assertThat(help).containsPattern("(?m)^\\s+" + code + "\\s+\\S");
    }
  }

  @Test
  void setupJsonIsOneObjectNamingWhatItWrote() {
    Scaffolded s = Scaffolded.scaffold("lr_sweep", temp).assertSucceeded();
    Path run = s.runDir("rank8_lr1e-5");

    CliResult first = Expect.succeeded(Cli.run(run, "setup", "--json", "--lora_rank", "32"));
    CliResult again = Expect.succeeded(Cli.run(run, "setup", "--json", "--lora_rank", "32"));

    Map<String, Object> report = Json.parseObject(first.out());
    assertThat(report.get("command")).isEqualTo("setup");
    assertThat(report.get("run")).isEqualTo("rank8_lr1e-5");
    // In a run of a scaffolded experiment the override is recorded in all three files.
    assertThat(Json.at(report, "files.0.file")).isEqualTo("setup_finetune.yaml");
    assertThat(Json.at(report, "files.1.file")).isEqualTo("finetune.yaml");
    assertThat(Json.at(report, "files.1.changed")).isEqualTo(true);
    assertThat(Json.at(report, "files.2.file")).isEqualTo("finetune.slurm");
    assertThat(Json.at(report, "files.1.path"))
        .isEqualTo(run.resolve("finetune.yaml").toAbsolutePath().toString());
    assertThat(Json.at(report, "recorded.lora_rank.to")).isEqualTo("32");
    Map<String, Object> second = Json.parseObject(again.out());
    assertThat(Json.at(second, "files.1.changed")).isEqualTo(false);
    assertThat((Map<?, ?>) second.get("recorded")).as("nothing new to record").isEmpty();
    assertThat(first.err()).contains("wrote setup_finetune.yaml, finetune.yaml and finetune.slurm");
  }

  @Test
  void marksAreColouredOnATerminal() {
    Path experiment = Fixtures.experiment("lr_sweep", temp);

    CliResult result =
        Expect.succeeded(
            Cli.run(
                experiment, Map.of("USER", "testuser", "TUNESMITH_STDOUT_TTY", "1"), "scaffold"));

    assertThat(result.out()).contains(GREEN_TICK);
  }

  @Test
  void noColorOptionTurnsColourOffOnATerminal() {
    Path experiment = Fixtures.experiment("lr_sweep", temp);

    CliResult result =
        Expect.succeeded(
            Cli.run(
                experiment,
                Map.of(
                    "USER", "testuser", "TUNESMITH_STDOUT_TTY", "1", "TUNESMITH_STDERR_TTY", "1"),
                "scaffold",
                "--no-color"));

    assertThat(result.out()).contains("✓").doesNotContain(ESCAPE);
    assertThat(result.err()).doesNotContain(ESCAPE);
  }

  @Test
  void noColorVariableTurnsColourOffOnATerminal() {
    Path experiment = Fixtures.experiment("lr_sweep", temp);

    CliResult result =
        Expect.succeeded(
            Cli.run(
                experiment,
                Map.of("USER", "testuser", "TUNESMITH_STDOUT_TTY", "1", "NO_COLOR", "1"),
                "scaffold"));

    assertThat(result.out()).contains("✓").doesNotContain(ESCAPE);
  }

  @Test
  void noColourWhenStdoutIsNotATerminal() {
    Path experiment = Fixtures.experiment("lr_sweep", temp);

    CliResult result =
        Expect.succeeded(Cli.run(experiment, Map.of("USER", "testuser"), "scaffold"));

    assertThat(result.out()).contains("✓").doesNotContain(ESCAPE);
  }

  @Test
  void withJsonTheTextOnStderrIsColouredOnlyWhenStderrIsATerminal() {
    Path experiment = Fixtures.experiment("lr_sweep", temp);

    CliResult onTerminal =
        Expect.succeeded(
            Cli.run(
                experiment,
                Map.of("USER", "testuser", "TUNESMITH_STDERR_TTY", "1"),
                "plan",
                "--json"));
    CliResult scaffolded =
        Expect.succeeded(
            Cli.run(
                experiment,
                Map.of("USER", "testuser", "TUNESMITH_STDOUT_TTY", "1"),
                "scaffold",
                "--json"));

    assertThat(onTerminal.out()).doesNotContain(ESCAPE);
    Json.parseObject(scaffolded.out());
    assertThat(scaffolded.out()).doesNotContain(ESCAPE);
    assertThat(scaffolded.err()).contains("✓").doesNotContain(ESCAPE);
    assertThat(Files.exists(experiment.resolve("rank8_lr1e-5"))).isTrue();
  }
}
