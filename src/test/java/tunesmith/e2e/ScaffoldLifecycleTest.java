package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;
import tunesmith.testing.Json;
import tunesmith.testing.PythonLoaders;

/**
 * What happens around one scaffold: the JSON report, plan and dry run, re-running, verify after
 * hand edits, and runs that were already submitted. Each test works on its own copy of
 * experiments/lr_sweep.
 */
class ScaffoldLifecycleTest {
  private static final List<String> RUNS = LrSweepScaffoldTest.RUNS;
  private static final String CONTROL = LrSweepScaffoldTest.CONTROL;
  private static final String LOG = "scaffold-torchtune.log";

  @TempDir Path temp;

  @Test
  void jsonReportIsOneObjectDescribingEveryRun() {
    Scaffolded s = Scaffolded.scaffold("lr_sweep", temp, "--json");
    s.assertSucceeded();

    Map<String, Object> report = Json.parseObject(s.result.out());
    assertThat(report).containsKeys("experiment", "runs", "controls_skipped", "log");
    assertThat(String.valueOf(report.get("log"))).isEqualTo(s.experiment.resolve(LOG).toString());
    assertThat(s.result.err())
        .as("human text goes to stderr with --json")
        .contains("## Scaffold Torchtune Complete");

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> runs = (List<Map<String, Object>>) report.get("runs");
    assertThat(runs).extracting(r -> r.get("run")).containsExactlyInAnyOrderElementsOf(RUNS);
    for (Map<String, Object> run : runs) {
      String name = (String) run.get("run");
      assertThat(run)
          .as(name)
          .containsKeys(
              "run", "status", "dir", "files", "parameters", "resources", "warnings", "errors");
      assertThat(run.get("status")).as(name).isInstanceOf(String.class);
      assertThat(Path.of((String) run.get("dir")).normalize()).isEqualTo(s.runDir(name));
      assertThat((List<?>) run.get("files"))
          .as(name + " files")
          .hasSize(3)
          .allSatisfy(
              f -> assertThat(Scaffolded.RUN_FILES).anyMatch(n -> String.valueOf(f).endsWith(n)));
      assertThat((List<?>) run.get("errors")).as(name + " errors").isEmpty();
      assertThat(String.valueOf(run.get("warnings")).toLowerCase())
          .as(name + " step-guard warning")
          .contains("warmup");

      @SuppressWarnings("unchecked")
      Map<String, Object> parameters = (Map<String, Object>) run.get("parameters");
      long rank = name.startsWith("rank8") ? 8 : 16;
      double lr = name.endsWith("1e-5") ? 1e-5 : 5e-5;
      assertThat(parameters.get("lora_rank"))
          .as(name + " lora_rank is a JSON number")
          .isInstanceOf(Number.class);
      assertThat(((Number) parameters.get("lora_rank")).longValue()).isEqualTo(rank);
      Object lrValue =
          parameters.containsKey("lr") ? parameters.get("lr") : parameters.get("learning_rate");
      assertThat(lrValue).as(name + " lr is a JSON number").isInstanceOf(Number.class);
      assertThat(((Number) lrValue).doubleValue()).as(name + " lr in %s", parameters).isEqualTo(lr);

      assertThat(run.get("resources")).as(name + " resources").isInstanceOf(Map.class);
      @SuppressWarnings("unchecked")
      Map<String, Object> resources = (Map<String, Object>) run.get("resources");
      assertThat(resources.values())
          .as(name + " resources")
          .contains(name.equals(LrSweepScaffoldTest.MIG_RUN) ? "16G" : "40G");
    }
    assertThat(String.valueOf(report.get("controls_skipped"))).contains(CONTROL);
    assertThat(Json.at(report, "environment.working_dir"))
        .as("claude.local.md's working directory is reported")
        .isEqualTo("/scratch/gpfs/MSALGANIK/niznik/GitHub/cruijff_kit");
    assertThat(s.result.err())
        .contains("working directory: /scratch/gpfs/MSALGANIK/niznik/GitHub/cruijff_kit");
    assertThat(report.get("controls_skipped")).isInstanceOf(List.class);
    assertThat(String.valueOf(report.get("experiment")))
        .contains(LrSweepScaffoldTest.EXPERIMENT_NAME);
  }

  @Test
  void planPrintsRunsParametersAndWarningsAndWritesNothing() {
    Path experiment = Fixtures.experiment("lr_sweep", temp);
    Map<String, Fixtures.FileState> before = Fixtures.snapshot(temp);

    CliResult plan = Expect.succeeded(Cli.run(experiment, "plan"));

    assertThat(Fixtures.snapshot(temp)).as("plan writes nothing").isEqualTo(before);
    for (String run : RUNS) {
      assertThat(plan.out()).contains(run);
    }
    assertThat(plan.out())
        .contains(CONTROL)
        .contains("lora_rank")
        .containsAnyOf("learning_rate", "lr");
    assertThat(plan.out()).as("resources").contains("40G").contains("16G");
    assertThat(plan.allOutput().toLowerCase()).as("warnings").contains("warmup");
  }

  @Test
  void scaffoldDryRunIsThePlanAndWritesNothing() {
    Path experiment = Fixtures.experiment("lr_sweep", temp);
    Map<String, Fixtures.FileState> before = Fixtures.snapshot(temp);

    CliResult plan = Expect.succeeded(Cli.run(temp, "plan", experiment.toString()));
    CliResult dryRun =
        Expect.succeeded(Cli.run(temp, "scaffold", "--dry-run", experiment.toString()));

    assertThat(Fixtures.snapshot(temp)).as("neither writes anything").isEqualTo(before);
    assertThat(dryRun.out()).isEqualTo(plan.out());
  }

  @Test
  void directoryDefaultsToTheCurrentDirectory() {
    Path experiment = Fixtures.experiment("lr_sweep", temp);

    Expect.succeeded(Cli.run(experiment, "scaffold"));

    for (String run : RUNS) {
      assertThat(Fixtures.listing(experiment.resolve(run)))
          .containsExactlyElementsOf(Scaffolded.RUN_FILES);
    }
  }

  @Test
  void rerunningOnAnUnchangedExperimentRewritesNothingAndAppendsToTheLog() throws IOException {
    Scaffolded first = Scaffolded.scaffold("lr_sweep", temp).assertSucceeded();
    // Age everything so that a rewrite cannot hide inside the file system's timestamp resolution;
    // the inputs are older still, so outputs stay newer than what they were made from.
    FileTime outputs = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    FileTime inputs = FileTime.from(Instant.parse("2019-01-01T00:00:00Z"));
    for (String run : RUNS) {
      for (String file : Scaffolded.RUN_FILES) {
        Files.setLastModifiedTime(first.runDir(run).resolve(file), outputs);
      }
    }
    Files.setLastModifiedTime(first.experiment.resolve("experiment_summary.yaml"), inputs);
    Files.setLastModifiedTime(first.experiment.resolve("claude.local.md"), inputs);
    String firstLog = Fixtures.read(first.experiment.resolve(LOG));
    // .tunesmith holds the experiment lock while scaffold runs: its own mtime changes, nothing else
    // may.
    Map<String, Fixtures.FileState> before =
        Fixtures.without(Fixtures.snapshot(first.experiment), LOG, ".tunesmith");

    CliResult second =
        Expect.succeeded(Cli.run(first.cwd, "scaffold", first.experiment.toString()));

    assertThat(Fixtures.without(Fixtures.snapshot(first.experiment), LOG, ".tunesmith"))
        .as("same bytes, same mtimes, same files\n%s", second.describe())
        .isEqualTo(before);
    String secondLog = Fixtures.read(first.experiment.resolve(LOG));
    assertThat(secondLog)
        .as("the log is appended to")
        .startsWith(firstLog)
        .hasSizeGreaterThan(firstLog.length());
  }

  @Test
  void verifyPassesOnAFreshScaffold() {
    Scaffolded s = Scaffolded.scaffold("lr_sweep", temp).assertSucceeded();
    Map<String, Fixtures.FileState> before = Fixtures.snapshot(s.experiment);

    Expect.succeeded(Cli.run(s.cwd, "verify", s.experiment.toString()));

    assertThat(Fixtures.without(Fixtures.snapshot(s.experiment), LOG))
        .as("verify changes no run file")
        .isEqualTo(Fixtures.without(before, LOG));
  }

  @Test
  void verifyFailsTheRunWhoseLoraRankWasEditedByHand() {
    Scaffolded s = Scaffolded.scaffold("lr_sweep", temp).assertSucceeded();
    Path finetune = s.runDir("rank8_lr1e-5").resolve("finetune.yaml");
    String text = Fixtures.read(finetune);
    assertThat(text)
        .as("finetune.yaml writes the rank as 'lora_rank: 8'")
        .containsPattern("lora_rank: 8\\b");
    Fixtures.write(finetune, text.replaceFirst("lora_rank: 8\\b", "lora_rank: 9"));

    CliResult verify = Expect.exitCode(Cli.run(s.cwd, "verify", s.experiment.toString()), 1);

    assertThat(verify.allOutput()).contains("rank8_lr1e-5").contains("lora_rank");
  }

  @Test
  void verifyFailsTheRunWhoseMemoryWasEditedByHand() {
    Scaffolded s = Scaffolded.scaffold("lr_sweep", temp).assertSucceeded();
    Path slurm = s.runDir("rank16_lr1e-5").resolve("finetune.slurm");
    String text = Fixtures.read(slurm);
    assertThat(text).containsPattern("--mem[= ]40G");
    Fixtures.write(slurm, text.replace("--mem=40G", "--mem=8G").replace("--mem 40G", "--mem 8G"));

    CliResult verify = Expect.exitCode(Cli.run(s.cwd, "verify", s.experiment.toString()), 1);

    assertThat(verify.allOutput()).contains("rank16_lr1e-5").contains("mem");
  }

  @Test
  void verifyFailsARunWhoseFinetuneYamlIsGone() throws IOException {
    Scaffolded s = Scaffolded.scaffold("lr_sweep", temp).assertSucceeded();
    Files.delete(s.runDir("rank8_lr5e-5").resolve("finetune.yaml"));

    CliResult verify = Expect.exitCode(Cli.run(s.cwd, "verify", s.experiment.toString()), 1);

    assertThat(verify.allOutput()).contains("rank8_lr5e-5").contains("finetune.yaml");
  }

  @Test
  void aSubmittedRunIsNotOverwrittenWithoutForce() throws IOException {
    Scaffolded s = Scaffolded.scaffold("lr_sweep", temp).assertSucceeded();
    Path submitted = s.runDir("rank8_lr1e-5");
    Files.createDirectories(submitted.resolve(".tunesmith"));
    Fixtures.write(
        submitted.resolve(".tunesmith/submission.json"),
        "{\"job_id\": \"4242\", \"time\": \"2025-10-22T16:31:00\", \"command\": \"sbatch finetune.slurm\"}\n");
    Path summary = s.experiment.resolve("experiment_summary.yaml");
    Fixtures.write(summary, Fixtures.read(summary).replace("  epochs: 1\n", "  epochs: 2\n"));
    byte[] before = Files.readAllBytes(submitted.resolve("finetune.yaml"));

    CliResult withoutForce = Cli.run(s.cwd, "scaffold", s.experiment.toString());
    Expect.noStackTrace(withoutForce);

    assertThat(Files.readAllBytes(submitted.resolve("finetune.yaml")))
        .as("submitted run kept\n%s", withoutForce.describe())
        .isEqualTo(before);
    assertThat(withoutForce.allOutput()).contains("rank8_lr1e-5");
    assertThat(
            PythonLoaders.omegaconf(s.runDir("rank8_lr5e-5").resolve("finetune.yaml"))
                .get("epochs"))
        .as("the other runs are updated")
        .isEqualTo(2L);

    Expect.succeeded(Cli.run(s.cwd, "scaffold", "--force", s.experiment.toString()));
    assertThat(PythonLoaders.omegaconf(submitted.resolve("finetune.yaml")).get("epochs"))
        .as("--force overwrites")
        .isEqualTo(2L);
  }

  @Test
  void aRunThatCannotBeWrittenFailsAloneAndTheExitCodeIsOne() throws IOException {
    Path experiment = Fixtures.experiment("lr_sweep", temp);
    // A file where the run's directory should go: that run cannot be written, the others can.
    Fixtures.write(experiment.resolve("rank8_lr5e-5"), "not a directory\n");

    CliResult result = Expect.exitCode(Cli.run(experiment, "scaffold", experiment.toString()), 1);

    assertThat(result.out()).contains("### Failed Runs").contains("✗ rank8_lr5e-5/");
    for (String run : RUNS) {
      if (!run.equals("rank8_lr5e-5")) {
        assertThat(experiment.resolve(run).resolve("finetune.yaml"))
            .as(run + " still written")
            .isRegularFile();
      }
    }
    assertThat(Fixtures.read(experiment.resolve(LOG))).contains("ERROR: rank8_lr5e-5");
  }
}
