package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.CruijffExtractLoss;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;
import tunesmith.testing.HeadlessChromium;
import tunesmith.testing.JobStandIns;
import tunesmith.testing.Json;
import tunesmith.testing.RequiresLocalSlurm;

/**
 * summarize after real jobs on the local SLURM cluster: each training job prints torchtune's real
 * stdout (cruijff_kit's own fixture) before the {@code tune} stand-in checks its config, one run's
 * training fails. The final loss of every run is what cruijff_kit's extract_loss reads from the
 * same text, state and elapsed come from the scheduler, GPU hours from elapsed, and report.html
 * opens in Chromium with its charts drawn.
 */
@RequiresLocalSlurm
@SuppressWarnings("unchecked")
class SummarizeSlurmTest {
  private static final String FAILING_RUN = "r32_lr1e-4";
  private static final Duration JOBS_FINISH_WITHIN = Duration.ofSeconds(120);
  private static final Path TORCHTUNE_STDOUT =
      Fixtures.resource("summarize/torchtune/slurm_training_output.txt");

  @TempDir Path temp;

  @Test
  void finalLossesStatesAndComputeOfRealJobs() throws Exception {
    Map<String, String> env =
        new LinkedHashMap<>(
            JobStandIns.install(temp.resolve("stand-ins")).environment(temp, FAILING_RUN));
    Path printing = temp.resolve("printing-bin");
    Files.createDirectories(printing);
    Path tune = printing.resolve("tune");
    // TEST STAND-IN: torchtune's real stdout, then the checking stand-in (JobStandIns).
    Files.writeString(
        tune,
        "#!/bin/bash\n# TEST STAND-IN: prints torchtune's recorded stdout. Not torchtune.\ncat '"
            + TORCHTUNE_STDOUT.toAbsolutePath()
            + "'\nexec '"
            + temp.resolve("stand-ins/bin/tune")
            + "' \"$@\"\n");
    Files.setPosixFilePermissions(tune, PosixFilePermissions.fromString("rwxr-xr-x"));
    env.put("PATH", printing + ":" + env.get("PATH"));

    Path root = temp.resolve("exp");
    Path experiment = Fixtures.experiment("slurm_six", root, Map.of("/__TMP__", root.toString()));
    Expect.succeeded(Cli.run(experiment, "scaffold", "-q"));
    Expect.succeeded(Cli.run(experiment, env, "submit", "-q"));
    assertTimeoutPreemptively(
        JOBS_FINISH_WITHIN,
        () -> Cli.run(experiment, env, "status", "--watch", "--interval", "0.5", "-q"));

    CliResult result = Cli.run(experiment, env, "summarize", "--json");
    assertThat(result.exitCode())
        .as("a failed run has no result: exit 1\n" + result.describe())
        .isEqualTo(1);
    Map<String, Object> summary = Json.parseObject(result.out());

    List<Object> finalLoss = expectedFinalLoss();
    List<?> runs = (List<?>) summary.get("runs");
    assertThat(runs).hasSize(6);
    for (Object run : runs) {
      String name = (String) Json.at(run, "run");
      String jobId = (String) Json.at(run, "job_id");
      Map<String, Object> record =
          Json.parseObject(
              Fixtures.read(experiment.resolve(name).resolve(".tunesmith/submission.json")));
      assertThat(jobId).as(name).isEqualTo(record.get("job_id"));
      assertThat(Json.at(run, "state"))
          .as(name)
          .isEqualTo(name.equals(FAILING_RUN) ? "FAILED" : "COMPLETED");
      assertThat(Json.at(run, "attempt")).isEqualTo(1L);
      assertThat(
              List.of(
                  Json.at(run, "final_loss.epoch"),
                  Json.at(run, "final_loss.step"),
                  Json.at(run, "final_loss.loss")))
          .as(name)
          .isEqualTo(finalLoss);
      assertThat(Json.at(run, "steps")).isEqualTo(finalLoss.get(1));
      assertThat((List<?>) Json.at(run, "loss_curve")).hasSize(18);
      assertThat((String) Json.at(run, "output_file"))
          .as(name)
          .endsWith("/slurm-" + jobId + ".out");
      String elapsed = (String) Json.at(run, "elapsed");
      assertThat(elapsed).matches("\\d\\d:\\d\\d:\\d\\d");
      String[] clock = elapsed.split(":");
      long seconds =
          Long.parseLong(clock[0]) * 3600
              + Long.parseLong(clock[1]) * 60
              + Long.parseLong(clock[2]);
      assertThat((Double) Json.at(run, "gpu_hours"))
          .isEqualTo(seconds * (Long) Json.at(run, "gpus") / 3600.0);
      if (name.equals(FAILING_RUN)) {
        assertThat((List<Object>) Json.at(run, "problems")).isNotEmpty();
      } else {
        assertThat((List<Object>) Json.at(run, "problems")).as(name).isEmpty();
      }
    }

    String markdown = Fixtures.read(experiment.resolve("summary.md"));
    assertThat(markdown).contains("| COMPLETED | 1 | 0.26427456736564636 | 2 | 500 |");
    assertThat(markdown).contains("| FAILED | 1 | 0.26427456736564636 | 2 | 500 |");

    HeadlessChromium.Opened page = HeadlessChromium.open(experiment.resolve("report.html"), temp);
    assertThat(page.console()).as(page.stderr()).isEmpty();
    assertThat(page.rootAttribute("data-charts")).isEqualTo("2");
    assertThat(page.rootAttribute("data-charts-drawn")).isEqualTo("2");
  }

  /**
   * cruijff_kit's extract_loss.final_loss of the same stdout; recorded where there is no mirror.
   */
  private List<Object> expectedFinalLoss() {
    Optional<Path> script = CruijffExtractLoss.fromMirror(temp);
    if (script.isEmpty()) {
      System.out.println("SummarizeSlurmTest: no cruijff_kit mirror; recorded final_loss used");
      return List.of(2L, 500L, 0.26427456736564636);
    }
    List<Object> curve =
        (List<Object>) CruijffExtractLoss.run(script.get(), List.of(TORCHTUNE_STDOUT)).get(0);
    return (List<Object>) curve.get(curve.size() - 1);
  }
}
