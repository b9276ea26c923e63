package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.slurm.JobTag;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;
import tunesmith.testing.JobStandIns;
import tunesmith.testing.Json;
import tunesmith.testing.Processes;
import tunesmith.testing.RequiresLocalSlurm;

/**
 * The whole path on the local SLURM cluster (scripts/local-slurm): the six-run experiment is
 * scaffolded twice, one copy submitted run by run and the other as job arrays; the jobs really run,
 * with test stand-ins for module, conda and tune (one run's tune exits 1); then status must show
 * five COMPLETED and one FAILED, and every run's marker must be in its output directory. Then a
 * second submit is refused, --dry-run submits and writes nothing, and --force submits again.
 */
@RequiresLocalSlurm
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SuppressWarnings("unchecked")
class SlurmEndToEndTest {
  private static final String FAILING_RUN = "r32_lr1e-4";
  private static final List<String> RUNS =
      List.of("r8_lr1e-5", "r8_lr1e-4", "r16_lr1e-5", "r16_lr1e-4", "r32_lr1e-5", FAILING_RUN);
  private static final Duration JOBS_FINISH_WITHIN = Duration.ofSeconds(90);

  @TempDir static Path temp;

  private JobStandIns standIns;
  private Map<String, String> env;
  private Path perRun;
  private Path array;
  private CliResult perRunSubmit;
  private CliResult arraySubmit;
  private Map<String, Object> perRunStatus;
  private Map<String, Object> arrayStatus;
  private CliResult perRunWatch;

  @BeforeAll
  void submitBothWaysAndWaitForTheJobs() {
    standIns = JobStandIns.install(temp.resolve("stand-ins"));
    env = standIns.environment(temp, FAILING_RUN);
    perRun = scaffold("per_run");
    array = scaffold("array");

    perRunSubmit = Cli.run(perRun, env, "submit", "--json");
    arraySubmit = Cli.run(array, env, "submit", "--array", "--max-running", "3");
    Expect.succeeded(perRunSubmit);
    Expect.succeeded(arraySubmit);

    perRunWatch = watch(perRun);
    perRunStatus = Json.parseObject(perRunWatch.out());
    arrayStatus = Json.parseObject(watch(array).out());
  }

  @Test
  @Order(1)
  void perRunSubmissionRecordsEveryJobWithItsExactCommand() {
    Map<String, Object> report = Json.parseObject(perRunSubmit.out());
    assertThat((List<?>) report.get("submitted")).hasSize(6);
    Set<String> jobIds = new HashSet<>();
    for (String run : RUNS) {
      Map<String, Object> record = record(perRun, run);
      Path runDir = perRun.resolve(run);
      assertThat((String) record.get("job_id")).as(run).matches("\\d+");
      jobIds.add((String) record.get("job_id"));
      assertThat(record.get("command"))
          .as(run)
          .isEqualTo(
              List.of(
                  "sbatch",
                  "--parsable",
                  "--comment=tunesmith:" + JobTag.experimentId(perRun) + ":" + run + ":1",
                  "--chdir=" + runDir,
                  runDir + "/finetune.slurm"));
      assertThat(OffsetDateTime.parse((String) record.get("submitted_at"))).as(run).isNotNull();
      assertThat(record).as(run).doesNotContainKey("array_job_id");
    }
    assertThat(jobIds).as("one job per run").hasSize(6);
  }

  @Test
  @Order(1)
  void arraySubmissionGroupsRunsByResourcesAndSaysWhichDiffer() {
    assertThat(arraySubmit.out()).contains("2 different sets of resources", "mem", "r16_lr1e-4");
    Map<String, Object> mig = record(array, "r16_lr1e-4");
    Set<Object> sharedArray = new HashSet<>();
    List<Object> tasks = new ArrayList<>();
    for (String run : RUNS) {
      Map<String, Object> record = record(array, run);
      assertThat((String) record.get("job_id"))
          .as(run)
          .isEqualTo(record.get("array_job_id") + "_" + record.get("array_task_id"));
      if (!run.equals("r16_lr1e-4")) {
        sharedArray.add(record.get("array_job_id"));
        tasks.add(record.get("array_task_id"));
        assertThat((List<Object>) record.get("command")).as(run).contains("--array=0-4%3");
      }
    }
    assertThat(sharedArray).as("the five runs on full GPUs share one array").hasSize(1);
    assertThat(tasks).containsExactly(0L, 1L, 2L, 3L, 4L);
    assertThat(mig.get("array_job_id")).isNotIn(sharedArray);
    assertThat((List<Object>) mig.get("command")).contains("--array=0-0%3");
  }

  @Test
  @Order(2)
  void statusShowsFiveCompletedAndOneFailedEitherWay() {
    assertThat(perRunWatch.exitCode())
        .as("a failed run makes status exit 1\n%s", perRunWatch.describe())
        .isEqualTo(1);
    for (Map<String, Object> status : List.of(perRunStatus, arrayStatus)) {
      assertThat(status.get("counts")).isEqualTo(Map.of("COMPLETED", 5L, "FAILED", 1L));
      assertThat(status.get("finished")).isEqualTo(true);
      List<?> rows = (List<?>) status.get("runs");
      assertThat(rows).hasSize(6);
      for (Object row : rows) {
        String run = (String) Json.at(row, "run");
        assertThat(Json.at(row, "state"))
            .as(run)
            .isEqualTo(run.equals(FAILING_RUN) ? "FAILED" : "COMPLETED");
        assertThat((String) Json.at(row, "elapsed")).as(run).matches("\\d\\d:\\d\\d:\\d\\d");
        assertThat(Json.at(row, "source")).as(run).isIn("squeue", "sacct", "scontrol");
      }
    }
    Object perRunRow = ((List<?>) perRunStatus.get("runs")).get(0);
    assertThat(Json.at(perRunRow, "job_id")).isEqualTo(record(perRun, "r8_lr1e-5").get("job_id"));
    assertThat(Json.at(perRunRow, "output_dir"))
        .isEqualTo(temp + "/per_run/ck-outputs/slurm_six/ck-out-r8_lr1e-5/");
  }

  @Test
  @Order(2)
  void everyJobRanItsRunWithTheStandInsAndLeftItsMarker() {
    for (Path experiment : List.of(perRun, array)) {
      for (String run : RUNS) {
        Path output = experiment.getParent().resolve("ck-outputs/slurm_six/ck-out-" + run);
        String marker = Fixtures.read(output.resolve(JobStandIns.MARKER));
        assertThat(marker)
            .as(run)
            .contains(
                "run=" + run + "\n",
                "config=" + experiment.resolve(run) + "/finetune.yaml\n",
                "lora_rank=" + run.substring(1, run.indexOf('_')) + "\n");
        assertThat(output.resolve("finetune.yaml"))
            .as("the script copied its config")
            .hasSameTextualContentAs(experiment.resolve(run + "/finetune.yaml"));
        try (Stream<Path> files = Files.list(output)) {
          assertThat(files.map(f -> f.getFileName().toString()))
              .as("the job's log in the run's output dir")
              .anyMatch(name -> name.matches("slurm-\\d+\\.out"));
        } catch (java.io.IOException e) {
          throw new AssertionError(e);
        }
      }
    }
    assertThat(Fixtures.read(standIns.calls().resolve("module"))).contains("load anaconda3/2025.6");
    assertThat(Fixtures.read(standIns.calls().resolve("conda")))
        .contains("activate tunesmith_test");
  }

  @Test
  @Order(3)
  void aSecondSubmissionIsRefusedRunByRun() {
    Map<String, String> before = recordTexts(perRun);

    CliResult again = Cli.run(perRun, env, "submit");

    assertThat(again.exitCode()).as(again.describe()).isEqualTo(1);
    for (String run : RUNS) {
      assertThat(again.out())
          .contains("✗ " + run + ": already submitted as job " + record(perRun, run).get("job_id"));
    }
    assertThat(recordTexts(perRun)).isEqualTo(before);
  }

  @Test
  @Order(4)
  void dryRunPrintsTheCommandsAndChangesNothing() {
    // Only this experiment's jobs (by their --comment tag): other users' jobs may come and go.
    String tag = "tunesmith:" + JobTag.experimentId(perRun) + ":";
    Set<String> queueBefore = queue(tag);
    Set<String> jobsBefore = jobsSlurmKnows(tag);
    Map<String, Fixtures.FileState> filesBefore = Fixtures.snapshot(temp.resolve("per_run"));

    CliResult dryRun =
        Cli.run(perRun, env, "submit", "--force", "--overwrite-completed", "--dry-run");

    Expect.succeeded(dryRun);
    for (String run : RUNS) {
      assertThat(dryRun.out())
          .contains(
              "sbatch --parsable --comment=tunesmith:"
                  + JobTag.experimentId(perRun)
                  + ":"
                  + run
                  + ":2 --chdir="
                  + perRun.resolve(run)
                  + " "
                  + perRun.resolve(run)
                  + "/finetune.slurm\n");
    }
    // Jobs of the experiment may leave the queue meanwhile; none may join it.
    assertThat(queue(tag)).as("squeue gained no job").isSubsetOf(queueBefore);
    assertThat(jobsSlurmKnows(tag))
        .as("no job submitted, not even one that finished at once")
        .isEqualTo(jobsBefore);
    assertThat(Fixtures.snapshot(temp.resolve("per_run")))
        .as("nothing written")
        .isEqualTo(filesBefore);
  }

  @Test
  @Order(5)
  void forceSubmitsAgainAndRecordsTheNewJob() {
    String oldJob = (String) record(perRun, "r8_lr1e-5").get("job_id");

    Expect.exitCode(Cli.run(perRun, env, "submit", "--overwrite-completed"), 2);
    // A COMPLETED run is not trained again over its checkpoints by --force alone.
    CliResult refused = Cli.run(perRun, env, "submit", "--force", "--runs", "r8_lr1e-5");
    Expect.exitCode(refused, 1);
    assertThat(refused.out())
        .contains("✗ r8_lr1e-5: already submitted as job " + oldJob)
        .contains("which COMPLETED (checkpoints in ")
        .contains(
            "`tunesmith submit "
                + perRun
                + " --runs r8_lr1e-5 --force --overwrite-completed` does");
    assertThat(record(perRun, "r8_lr1e-5").get("job_id")).isEqualTo(oldJob);

    CliResult forced =
        Cli.run(perRun, env, "submit", "--force", "--overwrite-completed", "--runs", "r8_lr1e-5");

    Expect.succeeded(forced);
    assertThat(forced.err())
        .contains("run r8_lr1e-5 COMPLETED as job " + oldJob)
        .contains("it trains over its checkpoints in ");
    // The attempt count goes on across --force.
    assertThat(((Number) record(perRun, "r8_lr1e-5").get("attempt")).intValue()).isEqualTo(2);
    String newJob = (String) record(perRun, "r8_lr1e-5").get("job_id");
    assertThat(Long.parseLong(newJob)).isGreaterThan(Long.parseLong(oldJob));
    assertThat(forced.out()).contains("✓ r8_lr1e-5: job " + newJob);
    Map<String, Object> status = Json.parseObject(watch(perRun).out());
    assertThat(Json.at(status, "runs.0.job_id")).isEqualTo(newJob);
    assertThat(Json.at(status, "runs.0.state")).isEqualTo("COMPLETED");
  }

  private Path scaffold(String name) {
    Path root = temp.resolve(name);
    Path experiment = Fixtures.experiment("slurm_six", root, Map.of("/__TMP__", root.toString()));
    Expect.succeeded(Cli.run(experiment, "scaffold", "-q"));
    return experiment;
  }

  /**
   * {@code status --watch --json}, which returns once every run has finished; a hung watch fails
   * the test.
   */
  private CliResult watch(Path experiment) {
    return assertTimeoutPreemptively(
        JOBS_FINISH_WITHIN,
        () -> Cli.run(experiment, env, "status", "--watch", "--interval", "0.5", "--json", "-q"));
  }

  private static Map<String, Object> record(Path experiment, String run) {
    return Json.parseObject(
        Fixtures.read(experiment.resolve(run).resolve(".tunesmith/submission.json")));
  }

  private static Map<String, String> recordTexts(Path experiment) {
    Map<String, String> texts = new java.util.TreeMap<>();
    RUNS.forEach(
        run ->
            texts.put(
                run, Fixtures.read(experiment.resolve(run).resolve(".tunesmith/submission.json"))));
    return texts;
  }

  /** Every job slurmctld knows, finished ones included (it keeps them for MinJobAge, a day). */
  private static Set<String> jobsSlurmKnows(String tag) {
    CliResult scontrol = Processes.run(List.of("scontrol", "-o", "show", "jobs"), null, null, 30);
    assertThat(scontrol.exitCode()).as(scontrol.describe()).isZero();
    return new HashSet<>(
        scontrol
            .out()
            .lines()
            .filter(line -> line.contains(" Comment=" + tag))
            .map(line -> line.split("\\s+", 2)[0])
            .toList());
  }

  /** Every job squeue lists whose comment starts with the tag, by id. */
  private static Set<String> queue(String tag) {
    CliResult squeue = Processes.run(List.of("squeue", "-h", "-r", "-o", "%i|%k"), null, null, 30);
    assertThat(squeue.exitCode()).as(squeue.describe()).isZero();
    return new HashSet<>(
        squeue
            .out()
            .lines()
            .map(String::strip)
            .filter(line -> line.contains("|" + tag))
            .map(line -> line.substring(0, line.indexOf('|')))
            .toList());
  }
}
