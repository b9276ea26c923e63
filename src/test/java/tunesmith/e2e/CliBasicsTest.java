package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;

/** Commands, help and common options (README: Commands); colour is in CommandOptionsTest. */
class CliBasicsTest {
  static final String[] COMMANDS = {
    "scaffold", "plan", "setup", "verify", "submit", "status", "cancel", "retry", "summarize"
  };

  @TempDir Path temp;

  @Test
  void topLevelHelpListsEveryCommand() {
    CliResult help = Expect.succeeded(Cli.run(temp, "--help"));
    assertThat(help.out()).contains(COMMANDS);
  }

  static String[] commands() {
    return COMMANDS;
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyCommandHasHelpWithExamples(String command) {
    CliResult help = Expect.succeeded(Cli.run(temp, command, "--help"));
    assertThat(help.out()).contains(command);
    assertThat(help.out().toLowerCase()).contains("example");
    assertThat(Fixtures.listing(temp)).isEmpty();
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    CliResult result = Expect.exitCode(Cli.run(temp, "scafold"), 2);
    assertThat(result.err()).contains("scafold");
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    Path experiment = Fixtures.experiment("lr_sweep", temp);
    Map<String, Fixtures.FileState> before = Fixtures.snapshot(temp);

    CliResult result = Expect.exitCode(Cli.run(experiment, "scaffold", "--dryrun"), 2);

    assertThat(result.err()).contains("--dryrun");
    assertThat(Fixtures.snapshot(temp)).isEqualTo(before);
  }

  @Test
  void aDirectoryWithoutExperimentSummaryIsAnInputError() {
    CliResult result = Expect.exitCode(Cli.run(temp, "scaffold"), 2);
    assertThat(result.err()).contains("experiment_summary.yaml");
    assertThat(Fixtures.listing(temp)).isEmpty();
  }

  @Test
  void quietScaffoldStillWritesEverythingAndPrintsLess() {
    Path quietExperiment = Fixtures.experiment("lr_sweep", temp.resolve("quiet"));
    Path loudExperiment = Fixtures.experiment("lr_sweep", temp.resolve("loud"));

    CliResult quiet = Expect.succeeded(Cli.run(quietExperiment, "scaffold", "-q"));
    CliResult loud = Expect.succeeded(Cli.run(loudExperiment, "scaffold"));

    assertThat(quiet.allOutput().length()).isLessThan(loud.allOutput().length());
    for (String run : LrSweepScaffoldTest.RUNS) {
      assertThat(Fixtures.listing(quietExperiment.resolve(run)))
          .containsExactlyElementsOf(Scaffolded.RUN_FILES);
    }
  }
}
