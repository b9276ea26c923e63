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
import tunesmith.testing.PythonLoaders;
import tunesmith.testing.RequiresLocalSlurm;

/**
 * A run past its {@code --time} on the local cluster (SLURM's smallest limit is a minute, and it
 * ends the job at its next check: two minutes or so, hence the tag) after saving its first epoch:
 * status names TIMEOUT, and retry resumes it from that epoch; the resumed job sees
 * resume_from_checkpoint and the saved adapter, and completes.
 */
@Tag("slow")
@RequiresLocalSlurm
class SlurmTimeoutTest {
  private static final String RUN = "r8_lr1e-5";

  /**
   * TEST STAND-IN for torchtune's {@code tune}: without resume_from_checkpoint it saves epoch_0 as
   * torchtune nightly does (adapter and recipe state) and then outlives the time limit; resuming,
   * it checks the adapter it is given exists and writes what it resumed from.
   */
  private static final String TUNE =
      """
      #!/bin/bash
      # TEST STAND-IN for torchtune's `tune` (tunesmith's time-limit test). Not torchtune.
      exec /usr/bin/python3 - "$4" <<'PY'
      import os, sys, time
      from omegaconf import OmegaConf
      cfg = OmegaConf.to_container(OmegaConf.load(sys.argv[1]), resolve=True)
      out = cfg["output_dir"]
      if not cfg["resume_from_checkpoint"]:
          os.makedirs(os.path.join(out, "epoch_0"), exist_ok=True)
          for name in ("adapter_model.pt", "recipe_state.pt"):
              with open(os.path.join(out, "epoch_0", name), "w") as saved:
                  saved.write("stand-in")
          sys.stderr.write("1|10|Loss: 1.5\\n")
          sys.stderr.flush()
          time.sleep(600)
      adapter = cfg["checkpointer"]["adapter_checkpoint"]
      if not os.path.isfile(adapter):
          print("tune stand-in: no adapter_checkpoint %s" % adapter, file=sys.stderr)
          sys.exit(1)
      with open(os.path.join(out, "tune-stand-in.marker"), "w") as marker:
          marker.write("resumed=%s\\nrecipe_checkpoint=%s\\n"
                       % (adapter, cfg["checkpointer"]["recipe_checkpoint"]))
      sys.stderr.write("2|20|Loss: 0.75\\n")
      PY
      """;

  @TempDir Path temp;

  @Test
  void aRunPastItsTimeIsTimeoutAndRetryResumesItFromItsSavedEpoch() {
    JobStandIns standIns = JobStandIns.install(temp.resolve("stand-ins"));
    Map<String, String> env = new LinkedHashMap<>(standIns.environment(temp, "none"));
    Fixtures.write(temp.resolve("stand-ins/bin/tune"), TUNE);
    Path root = temp.resolve("t");
    Path experiment =
        Fixtures.experiment(
            "slurm_six",
            root,
            Map.of(
                "/__TMP__",
                root.toString(),
                "epochs: 1",
                "epochs: 2",
                "parameters: {lora_rank: 8, learning_rate: 1e-5}",
                "parameters: {lora_rank: 8, learning_rate: 1e-5}\n    slurm_overrides: {time: \"1\"}"));
    Expect.succeeded(Cli.run(experiment, "scaffold", "-q"));
    Expect.succeeded(Cli.run(experiment, env, "submit", "--runs", RUN));

    Object row = waitForEnd(experiment, env, Duration.ofMinutes(4));
    assertThat(Json.at(row, "run")).isEqualTo(RUN);
    assertThat(Json.at(row, "state")).isEqualTo("TIMEOUT");
    assertThat(Json.at(row, "failure.cause")).isEqualTo("TIMEOUT");

    Path out = root.resolve("ck-outputs/slurm_six/ck-out-" + RUN);
    String adapter = out.resolve("epoch_0/adapter_model.pt").toString();
    CliResult dryRun = Cli.run(experiment, env, "retry", "--dry-run", "--json");
    Expect.succeeded(dryRun);
    Map<String, Object> planned = Json.parseObject(dryRun.out());
    assertThat(Json.at(planned, "retried.0.changes.resume_from_checkpoint.to")).isEqualTo("true");
    assertThat(Json.at(planned, "retried.0.changes.resume_adapter_checkpoint.to"))
        .isEqualTo(adapter);
    assertThat(Json.at(planned, "retried.0.changes.time")).isNull();

    CliResult retry = Cli.run(experiment, env, "retry", "--json");
    assertThat(retry.exitCode()).as(retry.describe()).isZero();
    assertThat(Json.at(Json.parseObject(retry.out()), "retried.0.job_id")).isNotNull();
    Map<String, Object> finetune =
        PythonLoaders.omegaconf(experiment.resolve(RUN).resolve("finetune.yaml"));
    assertThat(finetune.get("resume_from_checkpoint")).isEqualTo(true);
    assertThat(Json.at(finetune, "checkpointer.adapter_checkpoint")).isEqualTo(adapter);

    Object resumed = waitForEnd(experiment, env, Duration.ofMinutes(2));
    assertThat(Json.at(resumed, "state")).as(resumed.toString()).isEqualTo("COMPLETED");
    assertThat(Json.at(resumed, "attempt")).isEqualTo(2L);
    assertThat(Fixtures.read(out.resolve(JobStandIns.MARKER)))
        .contains("resumed=" + adapter, "recipe_checkpoint=None");
    Expect.succeeded(Cli.run(experiment, env, "verify", "-q"));
  }

  private static Object waitForEnd(Path experiment, Map<String, String> env, Duration within) {
    return assertTimeoutPreemptively(
        within,
        () -> {
          while (true) {
            CliResult result = Cli.run(experiment, env, "status", "--json", "-q");
            Map<String, Object> json = Json.parseObject(result.out());
            Object row =
                ((List<?>) json.get("runs"))
                    .stream()
                        .filter(one -> RUN.equals(Json.at(one, "run")))
                        .findFirst()
                        .orElseThrow();
            if (!List.of("PENDING", "RUNNING", "NOT_SUBMITTED").contains(Json.at(row, "state"))) {
              return row;
            }
            Thread.sleep(2000); // polls for the end of the job
          }
        });
  }
}
