package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;
import tunesmith.testing.Json;

/**
 * A job SLURM has forgotten (no accounting, past MinJobAge) keeps the last state status saw it end
 * in, from run-torchtune.log, marked as remembered and backed by the checkpoints on disk; a job
 * never seen ending is UNKNOWN. TEST STAND-INS: a squeue that lists nothing, a sacct that says
 * accounting is off.
 */
class RememberedStatusTest {
  @TempDir Path temp;

  @Test
  void aForgottenJobKeepsItsLastSeenEndAndOnlyAJobNeverSeenEndingIsUnknown() throws Exception {
    Path root = temp.resolve("root");
    Path experiment = Fixtures.experiment("slurm_six", root, Map.of("/__TMP__", root.toString()));
    Expect.succeeded(Cli.run(experiment, "scaffold", "-q"));
    record(experiment, root, "r8_lr1e-5", "41");
    record(experiment, root, "r8_lr1e-4", "42");
    record(experiment, root, "r16_lr1e-5", "43");
    Files.createDirectories(root.resolve("ck-outputs/slurm_six/ck-out-r8_lr1e-5/epoch_0"));
    Files.writeString(
        root.resolve("ck-outputs/slurm_six/ck-out-r8_lr1e-5/epoch_0/adapter_model.pt"), "x");
    Files.writeString(
        experiment.resolve("run-torchtune.log"),
        change("r8_lr1e-5", "41", "RUNNING", "COMPLETED")
            + change("r8_lr1e-4", "42", "RUNNING", "FAILED")
            + change("r16_lr1e-5", "43", "PENDING", "RUNNING"));
    Map<String, String> env =
        Cli.envWith(
            "SQUEUE", standIn("squeue", "exit 0"),
            "SACCT", standIn("sacct", "echo 'Slurm accounting storage is disabled' >&2; exit 1"));

    CliResult status = Cli.run(experiment, env, "status", "--json");

    Expect.exitCode(status, 1); // a remembered FAILED is still a run that ended badly
    Map<String, Object> json = Json.parseObject(status.out());
    assertThat(Json.at(json, "runs.0.state")).isEqualTo("COMPLETED");
    assertThat(Json.at(json, "runs.0.source")).isEqualTo("remembered");
    assertThat((String) Json.at(json, "runs.0.note"))
        .contains("SLURM no longer knows job 41; remembered COMPLETED (run-torchtune.log)")
        .contains("checkpoints on disk: epoch_0");
    assertThat(Json.at(json, "runs.1.state")).isEqualTo("FAILED");
    assertThat(Json.at(json, "runs.1.source")).isEqualTo("remembered");
    assertThat(Json.at(json, "runs.2.state")).isEqualTo("UNKNOWN");
    assertThat((String) Json.at(json, "runs.2.note"))
        .contains("SLURM does not know job 43 (any more); last seen RUNNING, never seen ending");
    assertThat(Fixtures.read(experiment.resolve("run-torchtune.log")))
        .as("nothing remembered is logged as a change")
        .doesNotContain("-> UNKNOWN");
  }

  private static void record(Path experiment, Path root, String run, String job) throws Exception {
    Files.createDirectories(experiment.resolve(run).resolve(".tunesmith"));
    Fixtures.write(
        experiment.resolve(run).resolve(".tunesmith/submission.json"),
        "{\"run\": \""
            + run
            + "\", \"job_id\": \""
            + job
            + "\", \"output_dir\": \""
            + root.resolve("ck-outputs/slurm_six/ck-out-" + run)
            + "/\"}");
  }

  private static String change(String run, String job, String from, String to) {
    return "[2026-12-06 01:00:00] STATE_CHANGE: "
        + run
        + "\nDetails: job "
        + job
        + ": "
        + from
        + " -> "
        + to
        + "\nResult: tracked\n\n";
  }

  private String standIn(String name, String body) throws Exception {
    Path file = temp.resolve(name);
    Files.writeString(file, "#!/bin/bash\n# TEST STAND-IN for " + name + "\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file.toString();
  }
}
