package tunesmith.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.slurm.JobTag;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.FaultySbatch;
import tunesmith.testing.Fixtures;
import tunesmith.testing.JobStandIns;
import tunesmith.testing.Json;
import tunesmith.testing.Processes;
import tunesmith.testing.RequiresLocalSlurm;

/**
 * The submit crash test (issue 24; docs/submitting.md, "Faults while submitting"): a 50-run 2026
 * experiment with its 101 evaluation cells (bench/generate), the first 20 runs submitted as job
 * arrays and the rest one job each, by {@code tunesmith submit} as a real process on the local
 * cluster, SIGKILLed at seeded moments, each kill followed by another submit. A kill lands at the
 * k-th sbatch call (k seeded), either before sbatch runs or after it accepted the job and before
 * tunesmith read the job id ({@link FaultySbatch}): the moment is decided by what happened, never
 * by timing. At the end every run and cell has exactly one job, every job of the experiment's tag
 * is recorded, and no run, cell or array was sent twice.
 *
 * <p>Tagged "crash" with the scaffold crash test; the seed is printed, {@code
 * -Dtunesmith.crash.seed=N} replays it. {@code -Dtunesmith.submitcrash.kills} sizes it (default 8).
 * The jobs run with the stand-ins of {@link JobStandIns} (training succeeds; cells' inspect is
 * missing, so they fail: only the submissions are under test); they are cancelled at the end.
 */
@Tag("crash")
@RequiresLocalSlurm
class SubmitCrashTest {
  private static final int RUNS = 50;
  private static final int ARRAY_RUNS = 20;
  private static final int KILLS = Integer.getInteger("tunesmith.submitcrash.kills", 8);
  private static final int SIGKILL_EXIT = 137;

  @TempDir Path temp;

  private String experimentId;

  @AfterEach
  void cancelOurJobs() {
    if (experimentId != null) {
      FaultySbatch.cancel(FaultySbatch.taggedJobs(experimentId).keySet());
    }
  }

  @Test
  void killedAtSeededSbatchCallsEveryRunAndCellEndsWithExactlyOneRecordedJob() throws Exception {
    Random random = ScaffoldKills.seeded("SubmitCrashTest");
    Path experiment = temp.resolve("exp/sweep");
    Expect.succeeded(
        Processes.run(
            List.of(
                Path.of("bench/generate").toAbsolutePath().toString(),
                "--format",
                "2026",
                Integer.toString(RUNS),
                experiment.toString()),
            null,
            null,
            60));
    Expect.succeeded(Cli.run(experiment, "scaffold", "-q"));
    experimentId = JobTag.experimentId(experiment);
    List<String> runs = fineTunedRuns(experiment);
    assertThat(runs).hasSize(RUNS);
    FaultySbatch sbatch = FaultySbatch.install(temp.resolve("sbatch"));
    Map<String, String> env =
        new LinkedHashMap<>(JobStandIns.install(temp.resolve("stand-ins")).environment(temp, ""));
    env.put("SBATCH", sbatch.program().toString());

    List<String> arrayPhase =
        List.of("submit", "--array", "--runs", String.join(",", runs.subList(0, ARRAY_RUNS)));
    List<String> restPhase = List.of("submit");
    int kills = 0;
    int acceptedThenKilled = 0;
    for (List<String> phase : List.of(arrayPhase, restPhase)) {
      while (true) {
        boolean killAfter = random.nextBoolean();
        int passes = random.nextInt(12);
        List<String> modes = new ArrayList<>();
        for (int i = 0; i < passes; i++) {
          modes.add("pass");
        }
        modes.add(kills < KILLS ? (killAfter ? "kill-after" : "kill-before") : "pass");
        sbatch.plan(modes.toArray(String[]::new));
        int acceptedBefore = sbatch.accepted().size();
        CliResult result =
            Processes.run(Cli.javaCommand(phase.toArray(String[]::new)), experiment, env, 300);
        Expect.noStackTrace(result);
        if (result.exitCode() == SIGKILL_EXIT) {
          kills++;
          acceptedThenKilled += sbatch.accepted().size() - acceptedBefore;
          System.out.printf(
              "SubmitCrashTest: kill %d %s sbatch call %d (%s)%n",
              kills,
              killAfter ? "after SLURM accepted" : "before",
              sbatch.calls(),
              phase == arrayPhase ? "arrays" : "one job per run");
          assertNoJobSentTwice(experiment);
          continue;
        }
        assertThat(result.exitCode()).as(result.describe()).isIn(0, 1);
        break;
      }
    }
    CliResult last = Cli.run(experiment, env, "submit", "--json");
    Expect.exitCode(last, 1); // everything is "already submitted"
    assertThat((List<?>) Json.parseObject(last.out()).get("submitted")).isEmpty();
    System.out.printf(
        "SubmitCrashTest: %d kills, %d of them after SLURM accepted the job; %d sbatch calls%n",
        kills, acceptedThenKilled, sbatch.calls());

    assertThat(kills).as("kills that landed").isEqualTo(KILLS);
    Map<String, String> records = records(experiment);
    List<String> cells = cellDirectories(experiment);
    assertThat(cells).hasSize(2 * RUNS + 1);
    assertThat(records).as("every run and cell recorded").hasSize(RUNS + cells.size());
    Map<String, String> tagged = assertNoJobSentTwice(experiment);
    assertThat(new HashSet<>(records.values()))
        .as("every job of the experiment's tag is recorded, and every record is such a job")
        .isEqualTo(tagged.keySet());
    for (String run : runs.subList(0, ARRAY_RUNS)) {
      assertThat(records.get(run)).as("%s went in as an array task", run).contains("_");
    }
  }

  /**
   * Every tag names one job (an array: one array job), no two records share a job, no intent is
   * left unsettled after a completed submit; the experiment's tagged jobs by key.
   */
  private Map<String, String> assertNoJobSentTwice(Path experiment) {
    Map<String, String> tagged = FaultySbatch.taggedJobs(experimentId);
    Map<String, Set<String>> jobsByTag = new HashMap<>();
    tagged.forEach(
        (key, tag) ->
            jobsByTag.computeIfAbsent(tag, any -> new HashSet<>()).add(key.split("_", 2)[0]));
    jobsByTag.forEach((tag, jobs) -> assertThat(jobs).as("the jobs tagged %s", tag).hasSize(1));
    Map<String, Long> names =
        jobsByTag.keySet().stream()
            .map(tag -> tag.split(":")[2])
            .collect(Collectors.groupingBy(name -> name, Collectors.counting()));
    names.forEach((name, count) -> assertThat(count).as("jobs sent for %s", name).isEqualTo(1));
    Map<String, String> records = records(experiment);
    assertThat(new HashSet<>(records.values()))
        .as("no two runs or cells recorded with one job")
        .hasSize(records.size());
    return tagged;
  }

  /** Each recorded run and cell (its directory, relative) and its job. */
  private static Map<String, String> records(Path experiment) {
    Map<String, String> records = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(experiment)) {
      files
          .filter(file -> file.endsWith(Path.of(".tunesmith", "submission.json")))
          .forEach(
              file ->
                  records.put(
                      experiment.relativize(file.getParent().getParent()).toString(),
                      (String) Json.parseObject(Fixtures.read(file)).get("job_id")));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return records;
  }

  private static List<String> cellDirectories(Path experiment) throws java.io.IOException {
    try (Stream<Path> files = Files.walk(experiment)) {
      return files
          .filter(file -> file.getFileName().toString().equals("cell.slurm"))
          .map(file -> experiment.relativize(file.getParent()).toString())
          .toList();
    }
  }

  private static List<String> fineTunedRuns(Path experiment) throws java.io.IOException {
    try (Stream<Path> entries = Files.list(experiment)) {
      return entries
          .filter(entry -> Files.exists(entry.resolve("finetune.slurm")))
          .map(entry -> entry.getFileName().toString())
          .sorted()
          .toList();
    }
  }
}
