package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;

/**
 * The CLI as a real {@code java} process: exit codes reach the shell, output is complete, no stack
 * traces.
 */
class SubprocessTest {
  /** A UTF-8 locale, as on a login node, so the report's ✓ can be checked byte for byte. */
  private static final Map<String, String> ENV = Cli.envWith("LANG", "C.UTF-8");

  @TempDir Path temp;

  @Test
  void scaffoldExitsZeroAndWritesEveryRun() {
    Path experiment = Fixtures.experiment("lr_sweep", temp);

    CliResult result =
        Expect.succeeded(Cli.subprocess(temp, ENV, "scaffold", experiment.toString()));

    assertThat(result.out())
        .startsWith("## Scaffold Torchtune Complete")
        .contains("✓ rank8_lr1e-5/");
    for (String run : LrSweepScaffoldTest.RUNS) {
      assertThat(Fixtures.listing(experiment.resolve(run)))
          .containsExactlyElementsOf(Scaffolded.RUN_FILES);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"param_typo", "alias_bomb", "malformed_yaml", "empty_file", "multi_error"})
  void invalidInputExitsTwoWithoutAStackTraceAndWritesNothing(String brokenCase)
      throws IOException {
    Path experiment = Files.createDirectories(temp.resolve("experiment"));
    Files.copy(
        Fixtures.resource("broken/" + brokenCase + "/experiment_summary.yaml"),
        experiment.resolve("experiment_summary.yaml"));
    Map<String, Fixtures.FileState> before = Fixtures.snapshot(temp);

    CliResult result = Expect.exitCode(Cli.subprocess(experiment, ENV, "scaffold"), 2);

    assertThat(result.err()).contains("experiment_summary.yaml");
    assertThat(Fixtures.snapshot(temp)).isEqualTo(before);
  }

  @Test
  void verifyExitCodesReachTheShell() {
    Path experiment = Fixtures.experiment("lr_sweep", temp);
    Expect.succeeded(Cli.subprocess(experiment, ENV, "scaffold"));
    Expect.succeeded(Cli.subprocess(experiment, ENV, "verify"));

    Path finetune = experiment.resolve("rank8_lr1e-5/finetune.yaml");
    Fixtures.write(
        finetune, Fixtures.read(finetune).replaceFirst("lora_rank: 8\\b", "lora_rank: 9"));

    CliResult verify = Expect.exitCode(Cli.subprocess(experiment, ENV, "verify"), 1);
    assertThat(verify.allOutput()).contains("rank8_lr1e-5").contains("lora_rank");
  }

  @Test
  void helpExitsZero() {
    CliResult help = Expect.succeeded(Cli.subprocess(temp, ENV, "--help"));
    assertThat(help.out()).contains("scaffold");
  }

  @Test
  void anUnknownCommandIsAUsageErrorWithoutAStackTrace() {
    CliResult result = Expect.exitCode(Cli.subprocess(temp, ENV, "scafold"), 2);
    assertThat(result.err()).contains("scafold");
  }

  @Test
  void aDirectoryWithoutAnExperimentIsReportedWithoutAStackTrace() {
    CliResult result =
        Expect.exitCode(
            Cli.subprocess(temp, ENV, "scaffold", temp.resolve("nowhere").toString()), 2);
    assertThat(result.err()).contains("nowhere");
    assertThat(Fixtures.listing(temp)).isEmpty();
  }
}
