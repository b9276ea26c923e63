package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;
import tunesmith.testing.JobStandIns;
import tunesmith.testing.Json;
import tunesmith.testing.LocalSlurm;
import tunesmith.testing.PythonLoaders;
import tunesmith.testing.RequiresLocalSlurm;

/**
 * After submit, on the local SLURM cluster with a {@code tune} stand-in that prints torchtune's
 * progress ({@code epoch|step|Loss: x}, tqdm-style with carriage returns) and then: for the run
 * named by STANDIN_OOM_RUN, dies of a CUDA out-of-memory error while batch_size is above 2; for the
 * run named by STANDIN_SLEEP_RUN, sleeps until cancelled; else completes. Then: status names the
 * cause and the last loss, cancel takes the sleeper out of the queue, a bare retry halves the batch
 * of the OOM run (not the cancelled one), which completes and verifies. And {@code submit
 * --max-queued 1} is watched with squeue: never two of the experiment's jobs in the queue.
 */
@RequiresLocalSlurm
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlurmAfterSubmitTest {
  private static final String OOM_RUN = "r32_lr1e-4";
  private static final String SLEEP_RUN = "r8_lr1e-4";
  private static final String GOOD_RUN = "r8_lr1e-5";
  private static final Duration WITHIN = Duration.ofSeconds(150);

  private static final String TUNE =
      """
      #!/bin/bash
      # TEST STAND-IN for torchtune's `tune` (tunesmith's after-submit tests). Not torchtune.
      exec /usr/bin/python3 - "$4" <<'PY'
      import os, sys, time
      from omegaconf import OmegaConf
      cfg = OmegaConf.to_container(OmegaConf.load(sys.argv[1]), resolve=True)
      run, batch = cfg["my_wandb_run_name"], cfg["batch_size"]
      with open(os.path.join(cfg["output_dir"], "tune-stand-in.marker"), "w") as marker:
          marker.write("batch_size=%d\\ngradient_accumulation_steps=%d\\n"
                       % (batch, cfg["gradient_accumulation_steps"]))
      if run == os.environ.get("STANDIN_SLEEP_RUN"):
          time.sleep(600)
      for step, loss in enumerate(["2.5", "1.25", "0.6875"], start=1):
          sys.stderr.write("\\r1|%d|Loss: %s" % (step, loss))
          sys.stderr.flush()
      sys.stderr.write("\\n")
      time.sleep(float(os.environ.get("STANDIN_SECONDS", "0")))
      if run == os.environ.get("STANDIN_OOM_RUN") and batch > 2:
          print("Traceback (most recent call last):", file=sys.stderr)
          print('  File "recipes/lora_finetune_single_device.py", line 700, in train', file=sys.stderr)
          print("torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB", file=sys.stderr)
          sys.exit(1)
      PY
      """;

  @TempDir static Path temp;

  private Map<String, String> env;

  @BeforeAll
  void standIns() throws IOException {
    JobStandIns standIns = JobStandIns.install(temp.resolve("stand-ins"));
    Path tune = temp.resolve("stand-ins/bin/tune");
    Files.writeString(tune, TUNE);
    Files.setPosixFilePermissions(tune, PosixFilePermissions.fromString("rwxr-xr-x"));
    env = new LinkedHashMap<>(standIns.environment(temp, "none"));
    env.put("STANDIN_OOM_RUN", OOM_RUN);
    env.put("STANDIN_SLEEP_RUN", SLEEP_RUN);
  }

  @Test
  @Order(1)
  void cancelRetryAndStatusCauses() {
    Path experiment = scaffold("after");
    Expect.succeeded(
        Cli.run(
            experiment, env, "submit", "--runs", String.join(",", OOM_RUN, SLEEP_RUN, GOOD_RUN)));

    Map<String, Object> status =
        waitFor(experiment, rows -> finished(rows, OOM_RUN) && finished(rows, GOOD_RUN));
    Object good = row(status, GOOD_RUN);
    assertThat(Json.at(good, "state")).isEqualTo("COMPLETED");
    assertThat(Json.at(good, "attempt")).isEqualTo(1L);
    assertThat(Json.at(good, "progress.step")).isEqualTo(3L);
    assertThat(((Number) Json.at(good, "progress.loss")).doubleValue()).isEqualTo(0.6875);
    Object oom = row(status, OOM_RUN);
    assertThat(Json.at(oom, "state")).isEqualTo("FAILED");
    assertThat(Json.at(oom, "failure.cause")).isEqualTo("CUDA_OUT_OF_MEMORY");
    assertThat((String) Json.at(oom, "failure.line")).contains("torch.OutOfMemoryError");

    String sleeper = jobId(experiment, SLEEP_RUN);
    CliResult cancel = Cli.run(experiment, env, "cancel", "--runs", SLEEP_RUN);
    Expect.succeeded(cancel);
    assertThat(cancel.out()).contains("✓ " + SLEEP_RUN + ": job " + sleeper + " cancelled");
    assertTimeoutPreemptively(
        WITHIN,
        () -> {
          while (LocalSlurm.queued().contains(sleeper)) {
            Thread.sleep(100); // polls for the job to leave the queue
          }
        });
    Map<String, Object> record = record(experiment, SLEEP_RUN);
    assertThat(Json.at(record, "cancelled.by")).isEqualTo("testuser");
    Object cancelled = row(statusJson(experiment), SLEEP_RUN);
    assertThat(Json.at(cancelled, "state")).isEqualTo("CANCELLED");
    assertThat(Json.at(cancelled, "cancelled_on_purpose")).isEqualTo(true);

    String oomJob = jobId(experiment, OOM_RUN);
    CliResult retry = Cli.run(experiment, env, "retry", "--json");
    assertThat(retry.exitCode()).as(retry.describe()).isZero();
    Map<String, Object> report = Json.parseObject(retry.out());
    assertThat((List<?>) report.get("retried")).hasSize(1);
    assertThat(Json.at(report, "retried.0.run")).isEqualTo(OOM_RUN);
    assertThat(Json.at(report, "retried.0.changes.batch_size.to")).isEqualTo("2");
    assertThat(Json.at(report, "retried.0.changes.gradient_accumulation_steps.to")).isEqualTo("2");
    assertThat(Json.at(report, "not_retried.0.run")).isEqualTo(SLEEP_RUN);
    assertThat(jobId(experiment, SLEEP_RUN)).as("not retried by a bare retry").isEqualTo(sleeper);
    assertThat(jobId(experiment, OOM_RUN)).isNotEqualTo(oomJob);
    assertThat(Json.at(record(experiment, OOM_RUN), "attempt")).isEqualTo(2L);
    Path finetune = experiment.resolve(OOM_RUN).resolve("finetune.yaml");
    Map<String, Object> loaded = PythonLoaders.omegaconf(finetune);
    assertThat(((Number) loaded.get("batch_size")).longValue()).isEqualTo(2);
    assertThat(((Number) loaded.get("gradient_accumulation_steps")).longValue()).isEqualTo(2);
    assertThat(Fixtures.read(experiment.resolve(OOM_RUN).resolve("setup_finetune.yaml")))
        .contains("batch_size: 2");

    Map<String, Object> after = waitFor(experiment, rows -> finished(rows, OOM_RUN));
    Object retried = row(after, OOM_RUN);
    assertThat(Json.at(retried, "state")).isEqualTo("COMPLETED");
    assertThat(Json.at(retried, "attempt")).isEqualTo(2L);
    assertThat(Json.at(retried, "failure")).isNull();
    CliResult verify = Cli.run(experiment, env, "verify");
    assertThat(verify.exitCode()).as(verify.describe()).isZero();
    // Without its recorded adjustments the retried run no longer verifies: verify holds it to them.
    Path adjustments = experiment.resolve(OOM_RUN).resolve(".tunesmith/adjustments.json");
    String recorded = Fixtures.read(adjustments);
    Fixtures.write(adjustments, "{\"adjustments\": []}\n");
    CliResult unadjusted = Cli.run(experiment, env, "verify");
    assertThat(unadjusted.exitCode()).as(unadjusted.describe()).isNotZero();
    assertThat(unadjusted.allOutput()).contains(OOM_RUN, "batch_size");
    Fixtures.write(adjustments, recorded);

    String log = Fixtures.read(experiment.resolve("run-torchtune.log"));
    assertThat(log)
        .contains(
            "] SUBMIT_JOB: " + OOM_RUN + "\nDetails: sbatch finetune.slurm\nJob ID: " + oomJob,
            "] STATE_CHANGE: " + OOM_RUN + "\nDetails: job " + oomJob + ": ",
            " -> FAILED\nResult: tracked",
            "] CANCEL_JOB: " + SLEEP_RUN + "\nDetails: scancel " + sleeper,
            "] OOM_RETRY: " + OOM_RUN,
            "batch_size 4 -> 2; gradient_accumulation_steps 1 -> 2 (attempt 2)",
            "Result: resubmitted as job " + jobId(experiment, OOM_RUN));
    // cruijff_kit's harvest regex pairs every run with its first job.
    Matcher harvest =
        Pattern.compile("SUBMIT_JOB: ([\\w.-]+)\\n.*?\\nJob ID: (\\d+)", Pattern.DOTALL)
            .matcher(log);
    Set<String> harvested = new HashSet<>();
    while (harvest.find()) {
      harvested.add(harvest.group(1) + "=" + harvest.group(2));
    }
    assertThat(harvested).contains(OOM_RUN + "=" + oomJob, SLEEP_RUN + "=" + sleeper);
  }

  @Test
  @Order(2)
  void maxQueuedKeepsOneJobOfTheExperimentInTheQueueAndSubmitsThemAll() throws Exception {
    Path experiment = scaffold("queue");
    Map<String, String> slow = new LinkedHashMap<>(env);
    slow.put("STANDIN_SLEEP_RUN", "none");
    slow.put("STANDIN_OOM_RUN", "none");
    slow.put("STANDIN_SECONDS", "2");
    CompletableFuture<CliResult> submit =
        CompletableFuture.supplyAsync(
            () -> Cli.run(experiment, slow, "submit", "--max-queued", "1", "--json"));
    List<Integer> samples = LocalSlurm.queuedWhile(submit, () -> recordedJobs(experiment));
    int most = samples.stream().mapToInt(Integer::intValue).max().orElse(0);
    CliResult result = submit.get();
    Expect.succeeded(result);
    assertThat(recordedJobs(experiment)).hasSize(6);
    assertThat(samples).as("squeue was asked while submit ran").hasSizeGreaterThan(3);
    assertThat(most).as("the experiment's jobs in the queue at once").isLessThanOrEqualTo(1);
    assertThat(samples).as("a job was seen in the queue").contains(1);
    // The last job is still queued when submit returns: let it finish before the files go.
    Set<String> ours = new HashSet<>(recordedJobs(experiment));
    assertTimeoutPreemptively(
        WITHIN,
        () -> {
          while (LocalSlurm.queued().stream().anyMatch(ours::contains)) {
            Thread.sleep(100); // polls for the jobs to leave the queue
          }
        });
  }

  private Map<String, Object> waitFor(
      Path experiment, java.util.function.Predicate<Map<String, Object>> done) {
    return assertTimeoutPreemptively(
        WITHIN,
        () -> {
          Map<String, Object> status = statusJson(experiment);
          while (!done.test(status)) {
            Thread.sleep(300); // polls for the event; the answer does not depend on the pause
            status = statusJson(experiment);
          }
          return status;
        });
  }

  private Map<String, Object> statusJson(Path experiment) {
    CliResult status = Cli.run(experiment, env, "status", "--json", "-q");
    assertThat(status.exitCode()).as(status.describe()).isIn(0, 1);
    return Json.parseObject(status.out());
  }

  private static boolean finished(Map<String, Object> status, String run) {
    return List.of("COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "OUT_OF_MEMORY")
        .contains(Json.at(row(status, run), "state"));
  }

  private static Object row(Map<String, Object> status, String run) {
    for (Object row : (List<?>) status.get("runs")) {
      if (run.equals(Json.at(row, "run"))) {
        return row;
      }
    }
    throw new AssertionError("no row for " + run + " in " + status);
  }

  private Path scaffold(String name) {
    Path root = temp.resolve(name);
    Path experiment = Fixtures.experiment("slurm_six", root, Map.of("/__TMP__", root.toString()));
    Expect.succeeded(Cli.run(experiment, "scaffold", "-q"));
    return experiment;
  }

  private static Map<String, Object> record(Path experiment, String run) {
    return Json.parseObject(
        Fixtures.read(experiment.resolve(run).resolve(".tunesmith/submission.json")));
  }

  private static String jobId(Path experiment, String run) {
    return (String) record(experiment, run).get("job_id");
  }

  private static List<String> recordedJobs(Path experiment) {
    List<String> jobs = new ArrayList<>();
    try (var runs = Files.list(experiment)) {
      for (Path run : runs.toList()) {
        Path file = run.resolve(".tunesmith/submission.json");
        if (Files.exists(file)) {
          try {
            jobs.add((String) Json.parseObject(Files.readString(file)).get("job_id"));
          } catch (IOException | RuntimeException beingWritten) {
            // written by rename, so never half there; a vanished file is read next time
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return jobs;
  }
}
