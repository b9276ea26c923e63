package tunesmith.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlurmStatesTest {
  @ParameterizedTest
  @CsvSource({
    "PENDING, PENDING",
    "REQUEUED, PENDING",
    "REQUEUE_HOLD, PENDING",
    "RUNNING, RUNNING",
    "COMPLETING, RUNNING",
    "CONFIGURING, RUNNING",
    "SUSPENDED, RUNNING",
    "COMPLETED, COMPLETED",
    "FAILED, FAILED",
    "NODE_FAIL, FAILED",
    "BOOT_FAIL, FAILED",
    "PREEMPTED, FAILED",
    "DEADLINE, FAILED",
    "CANCELLED, CANCELLED",
    "'CANCELLED by 1000', CANCELLED",
    "TIMEOUT, TIMEOUT",
    "OUT_OF_MEMORY, OUT_OF_MEMORY",
    "running, RUNNING",
    "SOMETHING_NEW, UNKNOWN",
    "'', UNKNOWN"
  })
  void slurmStateNamesMapToRunStates(String slurm, RunState expected) {
    assertThat(SlurmStates.of(slurm)).isEqualTo(expected);
  }

  @Test
  void onlyQueuedAndRunningJobsAreUnfinished() {
    assertThat(Arrays.stream(RunState.values()).filter(state -> !state.finished()))
        .containsExactly(RunState.PENDING, RunState.RUNNING);
  }
}
