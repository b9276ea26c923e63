package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;
import tunesmith.testing.JobStandIns;
import tunesmith.testing.Json;
import tunesmith.testing.Processes;
import tunesmith.testing.RequiresLocalSlurm;

/**
 * Without $USER (a cron entry, a job's own shell), the cancellation record names the account the
 * process runs as, as {@code id -un} does, never "unknown user" (issue 23.15).
 */
@RequiresLocalSlurm
class CancelWithoutUserTest {
  private static final String RUN = "r8_lr1e-5";

  private static final String TUNE =
      """
      #!/bin/bash
      # TEST STAND-IN for torchtune's `tune`: sleeps until cancelled. Not torchtune.
      exec sleep 600
      """;

  @TempDir Path temp;

  @Test
  void theCancellationNamesTheAccountWhenUserIsUnset() throws IOException {
    JobStandIns standIns = JobStandIns.install(temp.resolve("stand-ins"));
    Path tune = temp.resolve("stand-ins/bin/tune");
    Files.writeString(tune, TUNE);
    Files.setPosixFilePermissions(tune, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env = new LinkedHashMap<>(standIns.environment(temp, "none"));
    Path root = temp.resolve("exp");
    Path experiment = Fixtures.experiment("slurm_six", root, Map.of("/__TMP__", root.toString()));
    Expect.succeeded(Cli.run(experiment, "scaffold", "-q"));
    Expect.succeeded(Cli.run(experiment, env, "submit", "--runs", RUN, "--no-eval"));

    env.remove("USER");
    CliResult cancel = Expect.succeeded(Cli.run(experiment, env, "cancel", "--runs", RUN));

    String account =
        Processes.run(List.of("id", "-un"), temp, Map.of("PATH", "/usr/bin:/bin"), 10).out().trim();
    Map<String, Object> record =
        Json.parseObject(
            Fixtures.read(experiment.resolve(RUN).resolve(".tunesmith/submission.json")));
    assertThat(Json.at(record, "cancelled.by")).as(cancel.describe()).isEqualTo(account);
    assertThat(account).isNotBlank().isNotEqualTo("unknown user");
  }
}
