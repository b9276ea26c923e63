package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
 * Faults while submitting, on the local cluster (docs/submitting.md, "Faults while submitting"):
 * tunesmith SIGKILLed before sbatch and after sbatch accepted the job, an sbatch that never
 * answers, slurmctld unreachable in the middle, and a run SLURM refuses. Each fault is injected by
 * {@link FaultySbatch} around the real sbatch (the shared slurmctld is never stopped); each test
 * counts only its own experiment's jobs, by their tag. Afterwards every run has exactly one job and
 * every job is recorded.
 */
@RequiresLocalSlurm
class SubmitFaultsTest {
  private static final List<String> RUNS =
      List.of("r8_lr1e-5", "r8_lr1e-4", "r16_lr1e-5", "r16_lr1e-4", "r32_lr1e-5", "r32_lr1e-4");

  /** How Java reports a process ended by SIGKILL: 128 + 9. */
  private static final int SIGKILL_EXIT = 137;

  @TempDir Path temp;

  private Path experiment;
  private FaultySbatch sbatch;
  private Map<String, String> env;
  private String experimentId;

  @BeforeEach
  void scaffold() {
    Path root = temp.resolve("root");
    experiment = Fixtures.experiment("slurm_six", root, Map.of("/__TMP__", root.toString()));
    Expect.succeeded(Cli.run(experiment, "scaffold", "-q"));
    sbatch = FaultySbatch.install(temp.resolve("sbatch"));
    env = new LinkedHashMap<>(JobStandIns.install(temp.resolve("stand-ins")).environment(temp, ""));
    env.put("SBATCH", sbatch.program().toString());
    experimentId = JobTag.experimentId(experiment);
  }

  @AfterEach
  void cancelOurJobs() {
    FaultySbatch.cancel(FaultySbatch.taggedJobs(experimentId).keySet());
  }

  @Test
  void killedAfterSbatchAcceptedTheJobTheNextSubmitRecordsItAndSendsNothingTwice() {
    sbatch.plan("pass", "kill-after");

    CliResult killed = submitProcess();

    assertThat(killed.exitCode()).as(killed.describe()).isEqualTo(SIGKILL_EXIT);
    assertThat(sbatch.accepted()).hasSize(1);
    String orphan = sbatch.accepted().get(0);
    assertThat(experiment.resolve("r8_lr1e-4/.tunesmith/submission.json")).doesNotExist();
    assertThat(experiment.resolve("r8_lr1e-4/.tunesmith/intent.json")).exists();

    CliResult again = Cli.run(experiment, env, "submit");

    Expect.exitCode(again, 1); // the two runs sent before are "already submitted"
    assertThat(again.out()).contains("✗ r8_lr1e-4: already submitted as job " + orphan);
    assertThat(again.err())
        .contains("r8_lr1e-4: job " + orphan + " was submitted but not recorded");
    assertThat(recordedJob("r8_lr1e-4")).isEqualTo(orphan);
    assertExactlyOneJobPerRunAndEveryJobRecorded();
    Map<String, Object> status =
        Json.parseObject(Cli.run(experiment, env, "status", "--json").out());
    assertThat(Json.at(status, "runs.1.run")).isEqualTo("r8_lr1e-4");
    assertThat(Json.at(status, "runs.1.job_id")).isEqualTo(orphan);
    assertThat(Fixtures.read(experiment.resolve("run-torchtune.log")))
        .contains("SUBMIT_JOB: r8_lr1e-4\nDetails: sbatch finetune.slurm (found by its tag");
  }

  @Test
  void killedBeforeSbatchTheIntentIsWithdrawnAndTheRunSentOnce() {
    sbatch.plan("kill-before");

    CliResult killed = submitProcess();

    assertThat(killed.exitCode()).as(killed.describe()).isEqualTo(SIGKILL_EXIT);
    assertThat(experiment.resolve("r8_lr1e-5/.tunesmith/intent.json")).exists();
    assertThat(FaultySbatch.taggedJobs(experimentId)).isEmpty();

    Expect.exitCode(Cli.run(experiment, env, "submit"), 0);

    assertThat(experiment.resolve("r8_lr1e-5/.tunesmith/intent.json")).doesNotExist();
    assertExactlyOneJobPerRunAndEveryJobRecorded();
  }

  @Test
  void anSbatchThatNeverAnswersIsGivenUpOnAndTheNextCommandSettlesItByTheTag() {
    sbatch.plan("pass", "hang");

    CliResult hung = Cli.run(experiment, env, "submit", "--sbatch-timeout", "3", "--json");

    Expect.exitCode(hung, 3);
    assertThat(hung.err())
        .contains(
            "no answer from SLURM about run r8_lr1e-4", "whether it was accepted is not known")
        .contains("Not attempted after that: r16_lr1e-5, r16_lr1e-4, r32_lr1e-5, r32_lr1e-4");
    assertThat((List<?>) Json.parseObject(hung.out()).get("submitted")).hasSize(1);
    assertThat(experiment.resolve("r8_lr1e-4/.tunesmith/intent.json")).exists();

    CliResult status = Cli.run(experiment, env, "status", "--json");

    Expect.noStackTrace(status);
    // Decided from what happened: the stand-in keeps the id of a job the real sbatch accepted.
    if (sbatch.accepted().isEmpty()) {
      assertThat(Json.at(Json.parseObject(status.out()), "runs.1.state"))
          .isEqualTo("NOT_SUBMITTED");
    } else {
      assertThat(Json.at(Json.parseObject(status.out()), "runs.1.job_id"))
          .isEqualTo(sbatch.accepted().get(0));
      assertThat(recordedJob("r8_lr1e-4")).isEqualTo(sbatch.accepted().get(0));
    }
    Expect.exitCode(Cli.run(experiment, env, "submit"), 1);
    assertExactlyOneJobPerRunAndEveryJobRecorded();
  }

  @Test
  void slurmctldUnreachableMidSubmitIsExit3NamingWhatWasSentAndTheNextSubmitSendsTheRest() {
    sbatch.plan("pass", "pass", "unreachable");

    CliResult down = Cli.run(experiment, env, "submit");

    Expect.exitCode(down, 3);
    assertThat(down.allOutput())
        .contains("✓ r8_lr1e-5: job", "✓ r8_lr1e-4: job")
        .contains("cannot submit run r16_lr1e-5 (nothing was sent)", "Unable to contact slurm")
        .contains("Not attempted after that: r16_lr1e-4, r32_lr1e-5, r32_lr1e-4");
    for (String run : RUNS) {
      assertThat(experiment.resolve(run).resolve(".tunesmith/intent.json")).doesNotExist();
      assertThat(experiment.resolve(run).resolve(".tunesmith/submission.json").toFile().exists())
          .as(run)
          .isEqualTo(run.startsWith("r8_"));
    }

    CliResult back = Cli.run(experiment, env, "submit");

    Expect.exitCode(back, 1); // the two runs sent before are "already submitted"
    assertThat(back.out()).contains("✓ r16_lr1e-5: job", "✓ r32_lr1e-4: job");
    assertExactlyOneJobPerRunAndEveryJobRecorded();
  }

  @Test
  void aRunSlurmRefusesDoesNotStopTheOthersUnlessAsked() {
    sbatch.plan("pass", "refuse");

    CliResult refused = Cli.run(experiment, env, "submit", "--json");

    Expect.exitCode(refused, 3);
    Map<String, Object> json = Json.parseObject(refused.out());
    assertThat((List<?>) json.get("submitted")).hasSize(5);
    assertThat(Json.at(json, "refusals.0.message")).isEqualTo("SLURM refused run r8_lr1e-4");
    assertThat(Json.at(json, "refusals.0.detail")).asString().contains("feature");
    assertThat(experiment.resolve("r8_lr1e-4/.tunesmith")).doesNotExist();

    Path other = temp.resolve("other");
    Path second = Fixtures.experiment("slurm_six", other, Map.of("/__TMP__", other.toString()));
    Expect.succeeded(Cli.run(second, "scaffold", "-q"));
    sbatch.plan("pass", "refuse");
    CliResult stopped = Cli.run(second, env, "submit", "--stop-on-refusal", "--json");
    String secondId = JobTag.experimentId(second);
    try {
      Expect.exitCode(stopped, 3);
      assertThat((List<?>) Json.parseObject(stopped.out()).get("submitted")).hasSize(1);
      assertThat(stopped.err())
          .contains("Not attempted after that: r16_lr1e-5, r16_lr1e-4, r32_lr1e-5, r32_lr1e-4");
    } finally {
      FaultySbatch.cancel(FaultySbatch.taggedJobs(secondId).keySet());
    }
  }

  private CliResult submitProcess() {
    return Processes.run(Cli.javaCommand("submit"), experiment, env, 120);
  }

  private String recordedJob(String run) {
    Path record = experiment.resolve(run).resolve(".tunesmith/submission.json");
    return (String) Json.parseObject(Fixtures.read(record)).get("job_id");
  }

  private void assertExactlyOneJobPerRunAndEveryJobRecorded() {
    Map<String, String> jobs = FaultySbatch.taggedJobs(experimentId);
    Set<String> recorded = new HashSet<>();
    for (String run : RUNS) {
      assertThat(Files.exists(experiment.resolve(run).resolve(".tunesmith/intent.json")))
          .as("%s has no unsettled intent", run)
          .isFalse();
      recorded.add(recordedJob(run));
      assertThat(jobs.values().stream().filter(tag -> tag.split(":")[2].equals(run)))
          .as("the jobs tagged for %s: %s", run, jobs)
          .hasSize(1);
    }
    assertThat(jobs.keySet()).as("every job of the experiment is recorded").isEqualTo(recorded);
  }
}
