package tunesmith.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailureDiagnosisTest {
  private static final String TRACEBACK =
      """
      1|10|Loss: 2.1\r1|11|Loss: 2.0
      Traceback (most recent call last):
        File "/x/recipes/lora_finetune_single_device.py", line 700, in train
          loss.backward()
      %s
      srun: error: node1: task 0: Exited with exit code 1
      """;

  @ParameterizedTest
  @CsvSource({
    "'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB'",
    "'torch.cuda.OutOfMemoryError: out of memory on device 0'",
    "'RuntimeError: CUDA out of memory. Tried to allocate 20.00 MiB'"
  })
  void aFailedJobThatRanOutOfGpuMemoryIsCudaOom(String line) {
    Failure failure = FailureDiagnosis.of("FAILED", TRACEBACK.formatted(line)).orElseThrow();
    assertThat(failure.cause()).isEqualTo(FailureCause.CUDA_OUT_OF_MEMORY);
    assertThat(failure.line()).contains(line);
  }

  @Test
  void anotherErrorIsTheLastLineOfTheTraceback() {
    Failure failure =
        FailureDiagnosis.of("FAILED", TRACEBACK.formatted("ValueError: bad dataset column 'x'"))
            .orElseThrow();
    assertThat(failure.cause()).isEqualTo(FailureCause.ERROR);
    assertThat(failure.line()).contains("ValueError: bad dataset column 'x'");
    assertThat(FailureDiagnosis.of("FAILED", "only this\n").orElseThrow().line())
        .contains("only this");
    assertThat(FailureDiagnosis.of("FAILED", "").orElseThrow().line()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "TIMEOUT, TIMEOUT",
    "OUT_OF_MEMORY, HOST_OUT_OF_MEMORY",
    "NODE_FAIL, NODE_FAILURE",
    "PREEMPTED, NODE_FAILURE",
    "BOOT_FAIL, NODE_FAILURE",
    "'CANCELLED by 1000', CANCELLED"
  })
  void slurmsOwnStateDecidesWhereItIsSpecific(String state, FailureCause cause) {
    // Even with a CUDA message in the output: SLURM ended the job for its own reason.
    assertThat(FailureDiagnosis.of(state, "CUDA out of memory").map(Failure::cause))
        .contains(cause);
  }

  @ParameterizedTest
  @CsvSource({"PENDING", "RUNNING", "COMPLETED", "COMPLETING"})
  void aJobThatDidNotFailHasNoCause(String state) {
    assertThat(FailureDiagnosis.of(state, "CUDA out of memory")).isEqualTo(Optional.empty());
  }
}
