package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;

/** A report's first lines say what happened, never more (issue 23.12). */
class HeadlinesTest {
  private static final String[] RUNS = {
    "rank8_lr1e-5", "rank8_lr5e-5", "rank16_lr1e-5", "rank16_lr5e-5"
  };

  @TempDir Path temp;

  @Test
  void noRunWrittenIsNoSuccess() throws IOException {
    Path experiment = Fixtures.experiment("lr_sweep", temp);
    for (String run : RUNS) {
      Fixtures.write(experiment.resolve(run), "not a directory\n");
    }

    CliResult result = Expect.exitCode(Cli.run(experiment, "scaffold"), 1);

    assertThat(result.out())
        .startsWith("## Scaffold Torchtune Finished With Failures")
        .contains("No fine-tuning run scaffolded (4 failed (see Failed Runs)) in:")
        .contains("### Failed Runs")
        .doesNotContain("Successfully", "### Created Runs");
  }

  @Test
  void someFailedSaysHowManyOfHowMany() throws IOException {
    Path experiment = Fixtures.experiment("lr_sweep", temp);
    Fixtures.write(experiment.resolve("rank8_lr5e-5"), "not a directory\n");

    CliResult result = Expect.exitCode(Cli.run(experiment, "scaffold"), 1);

    assertThat(result.out())
        .contains("Scaffolded 3 of 4 fine-tuning runs (1 failed (see Failed Runs)) in:")
        .doesNotContain("Successfully");
  }

  @Test
  void anUnchangedRerunSaysUnchangedNotCreated() throws IOException {
    Path experiment = Fixtures.experiment("lr_sweep", temp);
    Expect.succeeded(Cli.run(experiment, "scaffold", "-q"));
    Path setup = experiment.resolve("rank8_lr1e-5/setup_finetune.yaml");
    Files.writeString(setup, Files.readString(setup).replace("lr: 1e-5", "lr: 3e-5"));

    CliResult again = Expect.succeeded(Cli.run(experiment, "scaffold"));

    assertThat(again.out())
        .startsWith("## Scaffold Torchtune Complete")
        .contains("Successfully scaffolded 4 fine-tuning runs (1 updated, 3 unchanged) in:")
        .contains("### Scaffolded Runs")
        .doesNotContain("created", "### Created Runs");
  }

  @Test
  void aDryRunWithNothingToSubmitHasNoCommandsSection() throws IOException {
    Path experiment = Fixtures.experiment("lr_sweep", temp);
    Expect.succeeded(Cli.run(experiment, "scaffold", "-q"));
    Path setup = experiment.resolve("rank8_lr1e-5/setup_finetune.yaml");
    Files.writeString(setup, Files.readString(setup).replace("lr: 1e-5", "lr: 3e-5"));

    CliResult dryRun = Cli.run(experiment, "submit", "--dry-run", "--runs", "rank8_lr1e-5");

    assertThat(dryRun.out())
        .as(dryRun.describe())
        .contains("### Not Submitted")
        .doesNotContain("### Commands");
  }
}
