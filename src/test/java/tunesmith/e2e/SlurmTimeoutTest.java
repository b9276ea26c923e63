package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;
import tunesmith.testing.JobStandIns;
import tunesmith.testing.Json;
import tunesmith.testing.RequiresLocalSlurm;

/**
 * A run past its {@code --time} on the local cluster (SLURM's smallest limit is a minute, and it
 * ends the job at its next check: two minutes or so, hence the tag): status names TIMEOUT, and
 * retry would give it half as much time again.
 */
@Tag("slow")
@RequiresLocalSlurm
class SlurmTimeoutTest {
  private static final String RUN = "r8_lr1e-5";

  @TempDir Path temp;

  @Test
  void aRunPastItsTimeIsTimeoutAndRetryGivesItMoreTime() {
    JobStandIns standIns = JobStandIns.install(temp.resolve("stand-ins"));
    Map<String, String> env = new LinkedHashMap<>(standIns.environment(temp, "none"));
    // `module` is the first command the job runs: the stand-in sleeps there for this run.
    Fixtures.write(
        temp.resolve("stand-ins/bin/module"),
        "#!/bin/bash\n# TEST STAND-IN for `module`: outlives the job's time limit.\nsleep 600\n");
    Path root = temp.resolve("t");
    Path experiment =
        Fixtures.experiment(
            "slurm_six",
            root,
            Map.of(
                "/__TMP__",
                root.toString(),
                "parameters: {lora_rank: 8, learning_rate: 1e-5}",
                "parameters: {lora_rank: 8, learning_rate: 1e-5}\n    slurm_overrides: {time: \"1\"}"));
    Expect.succeeded(Cli.run(experiment, "scaffold", "-q"));
    Expect.succeeded(Cli.run(experiment, env, "submit", "--runs", RUN));

    Map<String, Object> status =
        assertTimeoutPreemptively(
            Duration.ofMinutes(4),
            () -> {
              while (true) {
                CliResult result = Cli.run(experiment, env, "status", "--json", "-q");
                Map<String, Object> json = Json.parseObject(result.out());
                Object row = ((List<?>) json.get("runs")).get(0);
                if (!List.of("PENDING", "RUNNING").contains(Json.at(row, "state"))) {
                  return json;
                }
                Thread.sleep(2000); // polls for the end of the job
              }
            });
    Object row = ((List<?>) status.get("runs")).get(0);
    assertThat(Json.at(row, "run")).isEqualTo(RUN);
    assertThat(Json.at(row, "state")).isEqualTo("TIMEOUT");
    assertThat(Json.at(row, "failure.cause")).isEqualTo("TIMEOUT");

    CliResult retry = Cli.run(experiment, env, "retry", "--dry-run", "--json");
    Expect.succeeded(retry);
    Map<String, Object> report = Json.parseObject(retry.out());
    assertThat(Json.at(report, "retried.0.changes.time.from")).isEqualTo("1");
    assertThat(Json.at(report, "retried.0.changes.time.to")).isEqualTo("00:02:00");
  }
}
