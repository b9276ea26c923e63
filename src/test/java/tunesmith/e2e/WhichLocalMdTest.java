package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;
import tunesmith.testing.Json;

/**
 * Every command names the claude.local.md it read; one that is not the experiment's own (found in
 * the current directory, which comes first) is a warning, and verify's hint never advises a
 * scaffold that would rewrite every run from it (issue 23.4).
 */
class WhichLocalMdTest {
  @TempDir Path temp;

  private Path experiment;
  private Path own;
  private Path elsewhere;
  private Path foreign;

  @BeforeEach
  void experimentAndAnotherDirectory() throws IOException {
    experiment = Fixtures.experiment("lr_sweep", temp.resolve("exp"));
    own = experiment.resolve("claude.local.md");
    Expect.succeeded(Cli.run(experiment, "scaffold", "-q"));
    elsewhere = Files.createDirectories(temp.resolve("home"));
    foreign = elsewhere.resolve("claude.local.md");
    Files.writeString(
        foreign, Files.readString(own).replace("`msalganik`", "`someone_elses_account`"));
  }

  private static List<String> args(String command, Path experiment, String... more) {
    List<String> args = new ArrayList<>(List.of(command.split(" ")));
    args.add(1, experiment.toString());
    args.addAll(List.of(more));
    return args;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"verify", "status", "submit --dry-run", "cancel", "retry --dry-run", "summarize"})
  void everyCommandNamesTheFileItReadAndWarnsWhenItIsNotTheExperiments(String command) {
    CliResult fromExperiment =
        Cli.run(experiment, args(command, experiment).toArray(String[]::new));
    assertThat(fromExperiment.out())
        .as(fromExperiment.describe())
        .contains("claude.local.md: " + own + "\n")
        .doesNotContain("not the experiment's own");

    CliResult fromElsewhere = Cli.run(elsewhere, args(command, experiment).toArray(String[]::new));
    assertThat(fromElsewhere.out())
        .as(fromElsewhere.describe())
        .contains("claude.local.md: " + foreign + "\n")
        .contains(
            "⚠ "
                + foreign
                + " (found in the current directory, which comes first) is not the"
                + " experiment's own ("
                + own
                + ")")
        .contains("--local-md " + own);

    CliResult named =
        Cli.run(
            elsewhere,
            args(command, experiment, "--local-md", foreign.toString()).toArray(String[]::new));
    assertThat(named.out())
        .as("the file the user named is no surprise")
        .contains("claude.local.md: " + foreign + "\n")
        .doesNotContain("not the experiment's own");
  }

  @Test
  void verifysHintIsACommandReadingTheExperimentsOwnNotAScaffold() {
    CliResult verify = Expect.exitCode(Cli.run(elsewhere, "verify", experiment.toString()), 1);
    assertThat(verify.out())
        .contains("someone_elses_account")
        .doesNotContain("tunesmith scaffold rewrites them");
    Matcher hint =
        Pattern.compile("with: `tunesmith verify (\\S+) --local-md (\\S+)` ").matcher(verify.out());
    assertThat(hint.find()).as(verify.out()).isTrue();
    Expect.succeeded(Cli.run(elsewhere, "verify", hint.group(1), "--local-md", hint.group(2)));
  }

  @Test
  void submitRefusesWithVerifysAdviceNotAScaffold() {
    CliResult submit = Cli.run(elsewhere, "submit", experiment.toString(), "--dry-run");
    assertThat(submit.out())
        .as(submit.describe())
        .contains(
            "does not verify (",
            "`tunesmith verify " + experiment + "` names each difference and what to do")
        .doesNotContain("tunesmith scaffold");
  }

  @Test
  void summarizeJsonNamesTheFileRead() {
    CliResult summarize = Cli.run(experiment, "summarize", "--json");
    assertThat(Json.at(Json.parseObject(summarize.out()), "local_md")).isEqualTo(own.toString());
  }

  @Test
  void scaffoldFromElsewhereWarns() {
    CliResult plan = Expect.succeeded(Cli.run(elsewhere, "plan", experiment.toString()));
    assertThat(plan.out()).contains("not the experiment's own (" + own + ")");
  }
}
