package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.lock.Interruption;
import tunesmith.parallel.ProgressListener;
import tunesmith.plan.PlanLoader;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.scaffold.RunOutcome;
import tunesmith.scaffold.Scaffolder;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;
import tunesmith.testing.Json;

/**
 * Re-running scaffold after the plan changed or after an interruption: stale run directories are
 * reported and kept, runs not written are named by verify as incomplete, and debris of a killed
 * process is cleared.
 */
class RerunAndInterruptionTest {
  private static final List<String> RUNS = LrSweepScaffoldTest.RUNS;

  @TempDir Path temp;

  @Test
  void aRunThatLeftThePlanIsReportedStaleAndNeverDeleted() throws IOException {
    Path experiment = Fixtures.experiment("lr_sweep", temp);
    Expect.succeeded(Cli.run(experiment, "scaffold"));
    Map<String, Fixtures.FileState> oldRun = Fixtures.snapshot(experiment.resolve("rank16_lr5e-5"));
    Path summary = experiment.resolve("experiment_summary.yaml");
    Fixtures.write(
        summary, Fixtures.read(summary).replace("name: rank16_lr5e-5", "name: rank16_lr5e-5_v2"));
    Files.createDirectories(experiment.resolve("notes"));
    Fixtures.write(experiment.resolve("notes/readme.txt"), "not a run\n");

    CliResult result = Expect.succeeded(Cli.run(experiment, "scaffold", "--json"));

    assertThat(Fixtures.snapshot(experiment.resolve("rank16_lr5e-5")))
        .as("stale run untouched")
        .isEqualTo(oldRun);
    assertThat(result.err())
        .contains("### Stale Runs")
        .contains("rank16_lr5e-5/ (stale)")
        .doesNotContain("notes/");
    Map<String, Object> report = Json.parseObject(result.out());
    assertThat((List<?>) report.get("stale_runs")).hasSize(1);
    assertThat(Json.at(report, "stale_runs.0.run")).isEqualTo("rank16_lr5e-5");
    assertThat(Json.at(report, "stale_runs.0.status")).isEqualTo("stale");
    assertThat(Fixtures.read(experiment.resolve("scaffold-torchtune.log")))
        .contains("Stale: left as it was (not deleted)");
    assertThat(experiment.resolve("rank16_lr5e-5_v2/finetune.yaml")).isRegularFile();

    CliResult verify = Expect.succeeded(Cli.run(experiment, "verify", "--json"));
    assertThat(Json.at(Json.parseObject(verify.out()), "stale_runs.0")).isEqualTo("rank16_lr5e-5");
    assertThat(verify.err()).contains("stale, left as they are): rank16_lr5e-5");
  }

  @Test
  void anInterruptedScaffoldWritesNoFurtherRunLogsItAndVerifyNamesTheIncompleteRuns()
      throws IOException {
    Path experiment = Fixtures.experiment("lr_sweep", temp);
    ScaffoldPlan plan =
        PlanLoader.load(
            new PlanLoader.Request(
                experiment, experiment, Optional.empty(), Optional.empty(), Cli.DEFAULT_ENV));
    Interruption interruption = Interruption.manual();
    interruption.request();

    Scaffolder.Result result =
        new Scaffolder(Clock.systemUTC(), false, ProgressListener.NONE, ProgressListener.NONE)
            .run(plan, interruption, List.of());

    assertThat(result.interrupted()).isTrue();
    assertThat(result.outcomes())
        .extracting(RunOutcome::status)
        .containsOnly(RunOutcome.Status.INTERRUPTED);
    for (String run : RUNS) {
      assertThat(experiment.resolve(run)).doesNotExist();
    }
    assertThat(Fixtures.read(result.logFile()))
        .contains("ERROR: Interrupted")
        .contains("COMPLETE: Interrupted");

    CliResult verify = Expect.exitCode(Cli.run(experiment, "verify", "--json"), 1);
    for (String run : RUNS) {
      assertThat(verify.err()).contains("✗ " + run + "/ (incomplete)");
    }
    assertThat(Json.at(Json.parseObject(verify.out()), "runs.0.status")).isEqualTo("incomplete");
  }

  @Test
  void aRunWithSomeFilesMissingIsIncompleteAndOneWithAnOldFileDiffersNeitherIsGood()
      throws IOException {
    Path experiment = Fixtures.experiment("lr_sweep", temp);
    Expect.succeeded(Cli.run(experiment, "scaffold"));
    Files.delete(experiment.resolve("rank8_lr5e-5/setup_finetune.yaml"));
    // As if killed mid-update: the run's finetune.yaml is from another version of the experiment
    // (epochs changed).
    Path half = experiment.resolve("rank16_lr1e-5/finetune.yaml");
    Fixtures.write(half, Fixtures.read(half).replaceFirst("(?m)^epochs: 1$", "epochs: 3"));

    CliResult verify = Expect.exitCode(Cli.run(experiment, "verify"), 1);

    assertThat(verify.out())
        .contains("✗ rank8_lr5e-5/ (incomplete)")
        .contains("setup_finetune.yaml is missing")
        .contains("✗ rank16_lr1e-5/ (differs from the plan)")
        .contains("✓ rank8_lr1e-5/")
        .contains("2 of 4 runs match");
  }

  @Test
  void temporaryFilesOfAKilledProcessAreRemovedAndNeverTakenForRunFiles() throws Exception {
    Path experiment = Fixtures.experiment("lr_sweep", temp);
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path run = Files.createDirectories(experiment.resolve("rank8_lr1e-5"));
    Fixtures.write(run.resolve(".finetune.yaml.tmp-" + gone.pid()), "half a fi");
    Process live = new ProcessBuilder("sleep", "60").start();
    Fixtures.write(run.resolve(".finetune.slurm.tmp-" + live.pid()), "a live process's write");

    CliResult verifyBefore = Expect.exitCode(Cli.run(experiment, "verify"), 1);
    assertThat(verifyBefore.out()).contains("✗ rank8_lr1e-5/ (incomplete)");
    Expect.succeeded(Cli.run(experiment, "scaffold"));

    live.destroy();
    assertThat(Fixtures.listing(run))
        .containsExactly(
            ".finetune.slurm.tmp-" + live.pid(),
            "finetune.slurm",
            "finetune.yaml",
            "setup_finetune.yaml");
    Expect.succeeded(Cli.run(experiment, "verify"));
  }

  @Test
  void runDirectoriesAKilledProcessLeftHalfStagedAreRemovedAndNeverTakenForRuns() throws Exception {
    Path experiment = Fixtures.experiment("lr_sweep", temp);
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path halfMade = Files.createDirectories(experiment.resolve(".rank8_lr1e-5.tmp-" + gone.pid()));
    Fixtures.write(halfMade.resolve("setup_finetune.yaml"), "half a fi");
    Process live = new ProcessBuilder("sleep", "60").start();
    Path beingMade =
        Files.createDirectories(experiment.resolve(".rank16_lr5e-5.tmp-" + live.pid()));
    Fixtures.write(beingMade.resolve("setup_finetune.yaml"), "a live process's write");

    CliResult result = Expect.succeeded(Cli.run(experiment, "scaffold", "--json"));

    live.destroy();
    assertThat(halfMade).doesNotExist();
    assertThat(beingMade.resolve("setup_finetune.yaml")).hasContent("a live process's write");
    assertThat((List<?>) Json.parseObject(result.out()).get("stale_runs")).isEmpty();
    for (String run : RUNS) {
      assertThat(Fixtures.listing(experiment.resolve(run)))
          .containsExactly("finetune.slurm", "finetune.yaml", "setup_finetune.yaml");
    }
    Expect.succeeded(Cli.run(experiment, "verify"));
  }
}
