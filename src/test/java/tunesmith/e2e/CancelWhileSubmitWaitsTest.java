package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.cli.Main;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;
import tunesmith.testing.JobStandIns;
import tunesmith.testing.Json;
import tunesmith.testing.LocalSlurm;
import tunesmith.testing.RequiresLocalSlurm;

/**
 * The lock guards writing, not waiting (docs/submitting.md, "Queue limits"), on the local cluster:
 * a job that sleeps until cancelled fills a queue cap of 1; while {@code submit --max-queued 1}
 * waits for it to leave the queue, status and cancel work, and the runs cancel withdrew from the
 * waiting submit are never sent.
 */
@RequiresLocalSlurm
class CancelWhileSubmitWaitsTest {
  private static final String SLEEPER = "r8_lr1e-5";
  private static final Duration WITHIN = Duration.ofSeconds(150);

  private static final String TUNE =
      """
      #!/bin/bash
      # TEST STAND-IN for torchtune's `tune`: the run named by STANDIN_SLEEP_RUN sleeps until
      # cancelled; every other run ends at once. Not torchtune.
      if grep -q "my_wandb_run_name: $STANDIN_SLEEP_RUN\\$" "$4"; then sleep 600; fi
      echo "tune stand-in: trained $4"
      """;

  @TempDir Path temp;

  @Test
  void statusAndCancelWorkWhileSubmitWaitsOnTheQueueAndWithdrawnRunsAreNotSent() throws Exception {
    JobStandIns standIns = JobStandIns.install(temp.resolve("stand-ins"));
    Path tune = temp.resolve("stand-ins/bin/tune");
    Files.writeString(tune, TUNE);
    Files.setPosixFilePermissions(tune, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env = new java.util.LinkedHashMap<>(standIns.environment(temp, "none"));
    env.put("STANDIN_SLEEP_RUN", SLEEPER);
    Path root = temp.resolve("exp");
    Path experiment = Fixtures.experiment("slurm_six", root, Map.of("/__TMP__", root.toString()));
    Expect.succeeded(Cli.run(experiment, "scaffold", "-q"));
    Expect.succeeded(Cli.run(experiment, env, "submit", "--runs", SLEEPER, "-q"));
    String sleeperJob = jobOf(experiment, SLEEPER);
    assertThat(LocalSlurm.queued()).contains(sleeperJob);
    // --force does not start a second job beside a queued or running one.
    CliResult twice = Cli.run(experiment, env, "submit", "--runs", SLEEPER, "--force");
    Expect.exitCode(twice, 1);
    assertThat(twice.out())
        .containsPattern("which is (PENDING|RUNNING): not sent twice")
        .contains("`tunesmith cancel " + experiment + " --runs " + SLEEPER + "` first");
    assertThat(jobOf(experiment, SLEEPER)).isEqualTo(sleeperJob);

    CountDownLatch waiting = new CountDownLatch(1);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream =
        new PrintStream(new Watching(err, "waiting for the queue", waiting), true, UTF8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<Integer> submit =
        CompletableFuture.supplyAsync(
            () ->
                Main.execute(
                    new String[] {"submit", "--max-queued", "1"},
                    experiment,
                    Map.copyOf(env),
                    new PrintStream(out, true, UTF8),
                    errStream));
    assertThat(waiting.await(WITHIN.toSeconds(), TimeUnit.SECONDS))
        .as("submit says it waits for the queue: %s", err)
        .isTrue();
    assertThat(submit).as("submit still waits").isNotDone();

    CliResult status = Cli.run(experiment, env, "status", "--json", "-q");
    assertThat(status.exitCode()).as(status.describe()).isIn(0, 1);
    assertThat(status.out()).contains(sleeperJob);

    CliResult cancel = Cli.run(experiment, env, "cancel", "--json");
    Expect.succeeded(cancel);
    Map<String, Object> report = Json.parseObject(cancel.out());
    for (Object row : (List<?>) report.get("runs")) {
      assertThat(Json.at(row, "cancelled")).as("%s", row).isEqualTo(true);
      if (!SLEEPER.equals(Json.at(row, "run"))) {
        assertThat((String) Json.at(row, "message"))
            .contains("withdrawn from the submit waiting on the queue");
      }
    }

    int code = assertTimeoutPreemptively(WITHIN, () -> submit.get());
    String said = out.toString(UTF8);
    assertThat(code).as(said + err).isEqualTo(1);
    assertThat(said)
        .contains("r8_lr1e-4: cancelled by testuser at ")
        .contains("while submit waited on the queue: not sent");
    try (var runs = Files.list(experiment)) {
      List<Path> submitted =
          runs.filter(Files::isDirectory)
              .filter(run -> Files.exists(run.resolve(".tunesmith/submission.json")))
              .toList();
      assertThat(submitted).as("only the sleeper was ever submitted").hasSize(1);
    }
    assertThat(experiment.resolve(".tunesmith/waiting")).doesNotExist();
    assertThat(experiment.resolve(".tunesmith/lock")).doesNotExist();
  }

  /** One scancel for all the jobs of the runs, not one per job (a wrapper counts the calls). */
  @Test
  void cancelSendsOneScancelForManyJobs() throws IOException {
    JobStandIns standIns = JobStandIns.install(temp.resolve("stand-ins"));
    Path tune = temp.resolve("stand-ins/bin/tune");
    Files.writeString(tune, TUNE);
    Files.setPosixFilePermissions(tune, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path calls = temp.resolve("scancel-calls");
    Path scancel = temp.resolve("stand-ins/scancel-counting");
    Files.writeString(
        scancel,
        "#!/bin/bash\n# TEST WRAPPER: logs each call, then runs the real scancel on all but the"
            + " first job,\n# which it says ended meanwhile, as some SLURM versions do (exit 1).\n"
            + "echo \"$*\" >> "
            + calls
            + "\nfirst=$1; shift; scancel \"$@\"\n"
            + "echo \"scancel: error: Kill job error on job id $first: Job/step already"
            + " completing or completed\" >&2; exit 1\n");
    Files.setPosixFilePermissions(scancel, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env = new java.util.LinkedHashMap<>(standIns.environment(temp, "none"));
    env.put("STANDIN_SLEEP_RUN", ".*"); // every run sleeps until cancelled
    Path root = temp.resolve("many");
    Path experiment = Fixtures.experiment("slurm_six", root, Map.of("/__TMP__", root.toString()));
    Expect.succeeded(Cli.run(experiment, "scaffold", "-q"));
    Expect.succeeded(Cli.run(experiment, env, "submit", "-q"));
    env.put("SCANCEL", scancel.toString());

    CliResult cancel = Cli.run(experiment, env, "cancel", "--json");

    List<String> jobs = new java.util.ArrayList<>();
    try {
      Expect.succeeded(cancel);
      List<?> rows = (List<?>) Json.parseObject(cancel.out()).get("runs");
      for (Object row : rows) {
        jobs.add((String) Json.at(row, "job_id"));
      }
      assertThat(jobs).hasSize(6);
      List<String> lines = Files.readAllLines(calls);
      assertThat(lines).as("scancel calls").hasSize(1);
      assertThat(List.of(lines.get(0).split(" "))).containsExactlyElementsOf(jobs);
      // The job scancel said had ended is not recorded as cancelled; the others are.
      assertThat(Json.at(rows.get(0), "cancelled")).isEqualTo(false);
      assertThat((String) Json.at(rows.get(0), "message")).contains("ended meanwhile");
      for (Object row : rows.subList(1, rows.size())) {
        assertThat(Json.at(row, "cancelled")).as("%s", row).isEqualTo(true);
      }
    } finally {
      List<String> scancelAll = new java.util.ArrayList<>(List.of("scancel"));
      scancelAll.addAll(jobs);
      tunesmith.testing.Processes.run(scancelAll, null, null, 30);
    }
  }

  @Test
  void aSecondSubmitIsRefusedWhileOneWaitsOnTheQueue() throws IOException {
    Path root = temp.resolve("second");
    Path experiment = Fixtures.experiment("slurm_six", root, Map.of("/__TMP__", root.toString()));
    Expect.succeeded(Cli.run(experiment, "scaffold", "-q"));
    // The notice of a live process on this host (the one that started this JVM) that waits.
    long waiter = ProcessHandle.current().parent().orElseThrow().pid();
    String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    Files.writeString(
        experiment.resolve(".tunesmith/waiting"),
        "pid=" + waiter + "\nhost=" + host + "\nsince=2026-12-06T05:00:00Z\n");
    CliResult second = Cli.run(experiment, "submit", "--dry-run");
    Expect.exitCode(second, 0); // a dry run writes nothing and takes no lock
    CliResult submit = Cli.run(experiment, "submit");
    Expect.exitCode(submit, 3);
    assertThat(submit.err())
        .contains("another tunesmith submit (pid " + waiter)
        .contains("is waiting on the queue");
    try (var runs = Files.list(experiment)) {
      assertThat(runs.filter(run -> Files.exists(run.resolve(".tunesmith/submission.json"))))
          .isEmpty();
    }
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private static String jobOf(Path experiment, String run) throws IOException {
    return (String)
        Json.parseObject(Files.readString(experiment.resolve(run + "/.tunesmith/submission.json")))
            .get("job_id");
  }

  /** Passes bytes through, and counts {@code latch} down once {@code text} has gone by. */
  private static final class Watching extends OutputStream {
    private final ByteArrayOutputStream sink;
    private final String text;
    private final CountDownLatch latch;

    Watching(ByteArrayOutputStream sink, String text, CountDownLatch latch) {
      this.sink = sink;
      this.text = text;
      this.latch = latch;
    }

    @Override
    public synchronized void write(int b) {
      sink.write(b);
      if (sink.toString(UTF8).contains(text)) {
        latch.countDown();
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      sink.write(b, off, len);
      if (sink.toString(UTF8).contains(text)) {
        latch.countDown();
      }
    }
  }
}
