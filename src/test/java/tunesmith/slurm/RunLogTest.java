package tunesmith.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.Fixtures;

class RunLogTest {
  @TempDir Path experiment;

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T10:11:12Z"), ZoneOffset.UTC);

  private static RunStatus row(String run, String job, RunState state) {
    return new RunStatus(
        run,
        Optional.of(job),
        state,
        Optional.of(state.name()),
        Optional.empty(),
        "/o/",
        Optional.empty(),
        Optional.empty(),
        1,
        false,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  @Test
  void blocksAreCruijffKitsAndStateChangesAreLoggedOnce() throws Exception {
    RunLog log = new RunLog(experiment.resolve(RunLog.FILE_NAME), clock);
    log.submitted("r8", "finetune.slurm", "41");
    log.cancelled("r16", "42", "ada");

    assertThat(
            StateChanges.log(
                List.of(row("r8", "41", RunState.RUNNING)), List.of(), log, log.lastStates()))
        .isEqualTo(1);
    assertThat(
            StateChanges.log(
                List.of(row("r8", "41", RunState.RUNNING)), List.of(), log, log.lastStates()))
        .as("the same state is not logged again")
        .isZero();
    assertThat(
            StateChanges.log(
                List.of(row("r8", "41", RunState.COMPLETED)), List.of(), log, log.lastStates()))
        .isEqualTo(1);

    assertThat(Fixtures.read(experiment.resolve("run-torchtune.log")))
        .isEqualTo(
            """
            [2026-11-29 10:11:12] SUBMIT_JOB: r8
            Details: sbatch finetune.slurm
            Job ID: 41
            Result: success

            [2026-11-29 10:11:12] CANCEL_JOB: r16
            Details: scancel 42 (by ada)
            Result: cancelled

            [2026-11-29 10:11:12] STATE_CHANGE: r8
            Details: job 41: PENDING -> RUNNING
            Result: tracked

            [2026-11-29 10:11:12] STATE_CHANGE: r8
            Details: job 41: RUNNING -> COMPLETED
            Result: tracked

            """);
  }
}
