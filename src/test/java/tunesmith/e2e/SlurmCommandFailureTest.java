package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;
import tunesmith.testing.Json;

/**
 * submit and status when SLURM's commands are missing or fail, and the input mistakes they catch
 * before asking SLURM anything. No cluster needed: the failing commands here are TEST STAND-INS
 * written by the test (a stand-in sbatch that refuses, or that accepts and prints a job id without
 * queueing anything).
 */
class SlurmCommandFailureTest {
  @TempDir Path temp;

  private Path experiment;
  private Path standIns;

  @BeforeEach
  void scaffold() throws IOException {
    Path root = temp.resolve("root");
    experiment = Fixtures.experiment("slurm_six", root, Map.of("/__TMP__", root.toString()));
    Expect.succeeded(Cli.run(experiment, "scaffold", "-q"));
    standIns = Files.createDirectories(temp.resolve("stand-ins"));
  }

  @Test
  void aMissingSbatchIsExit3WithTheReasonAndNothingRecorded() {
    CliResult named =
        Cli.run(
            experiment, Cli.envWith("SBATCH", "/nonexistent", "PATH", "/usr/bin:/bin"), "submit");
    CliResult notOnPath =
        Cli.run(experiment, Cli.envWith("PATH", temp.resolve("empty-bin").toString()), "submit");

    assertThat(named.exitCode()).as(named.describe()).isEqualTo(3);
    assertThat(named.allOutput()).contains("/nonexistent", "No such file or directory");
    assertThat(notOnPath.exitCode()).as(notOnPath.describe()).isEqualTo(3);
    assertThat(notOnPath.allOutput()).contains("sbatch", "not found on PATH");
    assertThat(experiment.resolve("r8_lr1e-5/.tunesmith")).doesNotExist();
    Expect.noStackTrace(named);
  }

  @Test
  void aFailingSbatchIsExit3WithItsOwnMessage() throws IOException {
    Path sbatch =
        standIn(
            "sbatch",
            "echo 'sbatch: error: Batch job submission failed: stand-in refuses everything' >&2\nexit 1\n");

    CliResult result =
        Cli.run(
            experiment,
            Cli.envWith("SBATCH", sbatch.toString(), "PATH", "/usr/bin:/bin"),
            "submit",
            "--json");

    assertThat(result.exitCode()).as(result.describe()).isEqualTo(3);
    assertThat(result.err())
        .contains(
            "SLURM refused run r8_lr1e-5: ",
            "Batch job submission failed: stand-in refuses everything");
    Map<String, Object> json = Json.parseObject(result.out());
    assertThat(Json.at(json, "refused")).as("a refusal stops nothing: each run was tried").isNull();
    assertThat((List<?>) json.get("refusals")).hasSize(6);
    assertThat(Json.at(json, "refusals.0.message")).isEqualTo("SLURM refused run r8_lr1e-5");
    assertThat(Json.at(json, "refusals.0.detail"))
        .asString()
        .contains("stand-in refuses everything");
    assertThat(Json.at(json, "refusals.5.message")).isEqualTo("SLURM refused run r32_lr1e-4");
    assertThat(experiment.resolve("r8_lr1e-5/.tunesmith")).doesNotExist();
  }

  @Test
  void statusWithAFailingSqueueIsExit3WithItsMessage() throws IOException {
    Expect.succeeded(
        Cli.run(
            experiment,
            Cli.envWith("SBATCH", acceptingSbatch().toString(), "PATH", "/usr/bin:/bin"),
            "submit",
            "--runs",
            "r8_lr1e-5"));
    Path squeue =
        standIn(
            "squeue",
            "echo 'squeue: error: stand-in: Unable to contact slurm controller (connect failure)' >&2\nexit 1\n");

    CliResult status =
        Cli.run(
            experiment,
            Cli.envWith("SQUEUE", squeue.toString(), "PATH", "/usr/bin:/bin"),
            "status");
    CliResult missing =
        Cli.run(
            experiment,
            Cli.envWith("SQUEUE", "/nonexistent/squeue", "PATH", "/usr/bin:/bin"),
            "status");

    assertThat(status.exitCode()).as(status.describe()).isEqualTo(3);
    assertThat(status.err()).contains("Unable to contact slurm controller (connect failure)");
    assertThat(missing.exitCode()).as(missing.describe()).isEqualTo(3);
    assertThat(missing.err()).contains("/nonexistent/squeue");
  }

  @Test
  void statusOfAnExperimentNeverSubmittedNeedsNoSlurm() {
    CliResult status =
        Cli.run(
            experiment,
            Cli.envWith(
                "SQUEUE", "/nonexistent", "SCONTROL", "/nonexistent", "PATH", "/nonexistent"),
            "status",
            "--json");

    Expect.succeeded(status);
    Map<String, Object> json = Json.parseObject(status.out());
    assertThat(json.get("counts")).isEqualTo(Map.of("NOT_SUBMITTED", 6L));
    assertThat(Json.at(json, "runs.0.job_id")).isNull();
    assertThat(status.err()).contains("| r8_lr1e-5 | – | – | NOT_SUBMITTED | – |");
  }

  @Test
  void anUnreadableSubmissionRecordIsUnknownToStatusAndStillBlocksASecondSubmit()
      throws IOException {
    Path record =
        Files.createDirectories(experiment.resolve("r8_lr1e-5/.tunesmith"))
            .resolve("submission.json");
    Fixtures.write(record, "{\"run\": \"r8_lr1e-5\"");

    CliResult status =
        Cli.run(
            experiment, Cli.envWith("SQUEUE", "/nonexistent", "PATH", "/nonexistent"), "status");
    CliResult submit =
        Cli.run(experiment, Cli.envWith("SBATCH", "/nonexistent"), "submit", "--runs", "r8_lr1e-5");

    Expect.succeeded(status);
    assertThat(status.out())
        .contains(
            "| r8_lr1e-5 | – | – | UNKNOWN |", "the submission record is unreadable: " + record);
    assertThat(submit.exitCode()).as(submit.describe()).isEqualTo(1);
    assertThat(submit.out()).contains("✗ r8_lr1e-5: already submitted (" + record);
  }

  @Test
  void runsThatAreNotScaffoldedOrDoNotVerifyAreNotSubmittedAndListed() throws IOException {
    Path edited = experiment.resolve("r8_lr1e-4/finetune.yaml");
    Fixtures.write(edited, Fixtures.read(edited).replace("lora_rank: 8", "lora_rank: 64"));
    Files.delete(experiment.resolve("r16_lr1e-5/finetune.slurm"));

    CliResult result =
        Cli.run(
            experiment,
            Cli.envWith("SBATCH", acceptingSbatch().toString(), "PATH", "/usr/bin:/bin"),
            "submit");

    assertThat(result.exitCode())
        .as("some runs could not be submitted while others were\n%s", result.describe())
        .isEqualTo(1);
    assertThat(result.out())
        .contains(
            "✗ r8_lr1e-4: does not verify (finetune.yaml model.lora_rank: found 64, expected 8)",
            "✗ r16_lr1e-5: not scaffolded (",
            "✓ r8_lr1e-5: job ");
    assertThat(experiment.resolve("r8_lr1e-4/.tunesmith")).doesNotExist();
    assertThat(experiment.resolve("r8_lr1e-5/.tunesmith/submission.json")).exists();
  }

  @Test
  void unknownRunNamesAndMisusedOptionsAreInvalidInput() {
    CliResult unknown =
        Cli.run(
            experiment, Cli.envWith("SBATCH", "/nonexistent"), "submit", "--runs", "r8_lr1e-5,r99");
    CliResult throttle =
        Cli.run(experiment, Cli.envWith("SBATCH", "/nonexistent"), "submit", "--max-running", "2");

    assertThat(unknown.exitCode()).as(unknown.describe()).isEqualTo(2);
    assertThat(unknown.err())
        .contains(
            "r99",
            "the fine-tuned runs are: r8_lr1e-5, r8_lr1e-4, r16_lr1e-5, r16_lr1e-4, r32_lr1e-5, r32_lr1e-4");
    assertThat(throttle.exitCode()).as(throttle.describe()).isEqualTo(2);
    assertThat(throttle.err()).contains("--max-running");
    assertThat(experiment.resolve("r8_lr1e-5/.tunesmith")).doesNotExist();
  }

  @Test
  void dryRunNeedsNoSbatchAndShowsEachArrayTask() {
    var before = Fixtures.snapshot(experiment);
    CliResult dryRun =
        Cli.run(
            experiment,
            Cli.envWith("SBATCH", "/opt/slurm/bin/sbatch"),
            "submit",
            "--array",
            "--max-running",
            "2",
            "--dry-run",
            "--json");

    Expect.succeeded(dryRun);
    Map<String, Object> json = Json.parseObject(dryRun.out());
    assertThat((List<?>) json.get("submissions")).hasSize(2);
    assertThat(Json.at(json, "commands.0.0")).isEqualTo("/opt/slurm/bin/sbatch");
    assertThat(Json.at(json, "commands.0.2")).asString().startsWith("--comment=tunesmith:");
    assertThat(Json.at(json, "commands.0.3")).isEqualTo("--array=0-4%2");
    assertThat(Json.at(json, "submissions.1.runs")).isEqualTo(List.of("r16_lr1e-4"));
    assertThat(Json.at(json, "submissions.1.resources.mem")).isEqualTo("16G");
    assertThat(dryRun.err()).contains("  task 4: r32_lr1e-4", "differ in mem, partition");
    assertThat(Fixtures.snapshot(experiment)).as("a dry run writes nothing").isEqualTo(before);
  }

  @Test
  void submitWaitsForNoOtherWriterAndTellsWhoHoldsTheLock() throws IOException {
    Files.createDirectories(experiment.resolve(".tunesmith"));
    // A lock held by a live process on this host: this test JVM.
    String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    Fixtures.write(
        experiment.resolve(".tunesmith/lock"),
        "pid="
            + ProcessHandle.current().pid()
            + "\nhost="
            + host
            + "\nsince=2026-11-29T00:00:00Z\n");
    Path sbatch = acceptingSbatch();

    CliResult locked =
        Cli.run(
            experiment,
            Cli.envWith("SBATCH", sbatch.toString(), "PATH", "/usr/bin:/bin"),
            "submit");
    assertThat(locked.exitCode()).as(locked.describe()).isEqualTo(3);
    assertThat(locked.err()).contains("pid " + ProcessHandle.current().pid(), "--wait");
    assertThat(sbatch.resolveSibling("sbatch-accepting.count"))
        .as("sbatch was never called")
        .doesNotExist();
    assertThat(experiment.resolve("r8_lr1e-5/.tunesmith")).doesNotExist();
    // A dry run takes no lock (it asks sbatch --test-only, which submits nothing).
    CliResult dryRun =
        Cli.run(
            experiment,
            Cli.envWith("SBATCH", sbatch.toString(), "PATH", "/usr/bin:/bin"),
            "submit",
            "--dry-run");

    Expect.succeeded(dryRun);

    Files.delete(experiment.resolve(".tunesmith/lock"));
    Expect.succeeded(
        Cli.run(
            experiment,
            Cli.envWith("SBATCH", sbatch.toString(), "PATH", "/usr/bin:/bin"),
            "submit",
            "--runs",
            "r8_lr1e-5"));
    assertThat(experiment.resolve(".tunesmith/lock"))
        .as("released after submitting")
        .doesNotExist();
  }

  /** TEST STAND-IN sbatch that accepts every script and prints a new job id, queueing nothing. */
  private Path acceptingSbatch() throws IOException {
    return standIn(
        "sbatch-accepting",
        "n=$(cat \"$0.count\" 2>/dev/null || echo 100); n=$((n + 1)); echo \"$n\" > \"$0.count\"; echo \"$n\"\n");
  }

  private Path standIn(String name, String body) throws IOException {
    Path file = standIns.resolve(name);
    Files.writeString(
        file, "#!/bin/bash\n# TEST STAND-IN for SLURM's " + name + " (tunesmith tests)\n" + body);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
