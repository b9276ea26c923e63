package tunesmith.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tunesmith.slurm.Failure;
import tunesmith.slurm.FailureCause;
import tunesmith.slurm.RunState;
import tunesmith.slurm.RunStatus;
import tunesmith.slurm.TrainingProgress;
import tunesmith.testing.Json;

class StatusReportTest {
  private static RunStatus row(
      String run,
      RunState state,
      int attempt,
      boolean onPurpose,
      Optional<TrainingProgress> progress,
      Optional<Failure> failure) {
    return new RunStatus(
        run,
        Optional.of("7"),
        state,
        Optional.of(state.name()),
        Optional.of("00:01:02"),
        "/out/" + run + "/",
        Optional.of("scontrol"),
        Optional.empty(),
        attempt,
        onPurpose,
        progress,
        failure,
        Optional.empty());
  }

  private static final List<RunStatus> ROWS =
      List.of(
          row(
              "done",
              RunState.COMPLETED,
              2,
              false,
              Optional.of(new TrainingProgress(1, 30, "0.6875")),
              Optional.empty()),
          row(
              "oom",
              RunState.FAILED,
              1,
              false,
              Optional.of(new TrainingProgress(1, 3, "nan")),
              Optional.of(
                  new Failure(
                      FailureCause.CUDA_OUT_OF_MEMORY,
                      Optional.of("torch.OutOfMemoryError: CUDA out of memory.")))),
          row(
              "stopped",
              RunState.CANCELLED,
              1,
              true,
              Optional.empty(),
              Optional.of(new Failure(FailureCause.CANCELLED, Optional.empty()))));

  @Test
  void theTableShowsAttemptProgressAndTheCauseOfAFailure() {
    String text = StatusReport.text(ROWS, java.nio.file.Path.of("/exp"));
    assertThat(text)
        .contains(
            "| done | 7 | 2 | COMPLETED | 00:01:02 | epoch 1, step 30, loss 0.6875 | /out/done/ |",
            "| stopped | 7 | 1 | CANCELLED (on purpose) |",
            "- oom failed: CUDA out of memory: torch.OutOfMemoryError: CUDA out of memory.")
        .doesNotContain("stopped failed");
  }

  @Test
  void theJsonHasAllOfIt() {
    Map<String, Object> json =
        Json.parseObject(
            StatusReport.json(
                new ReportJson.Header("status", "exp", Path.of("/exp"), Optional.empty()),
                ROWS,
                List.of()));
    assertThat(Json.at(json, "runs.0.attempt")).isEqualTo(2L);
    assertThat(Json.at(json, "runs.0.progress.loss")).isEqualTo(0.6875);
    assertThat(Json.at(json, "runs.0.progress.step")).isEqualTo(30L);
    assertThat(Json.has(json, "runs.0.failure")).as("every field in every row").isTrue();
    assertThat(Json.at(json, "runs.0.failure")).isNull();
    assertThat(Json.at(json, "runs.1.progress.loss")).as("nan stays text").isEqualTo("nan");
    assertThat(Json.at(json, "runs.1.failure.cause")).isEqualTo("CUDA_OUT_OF_MEMORY");
    assertThat(Json.at(json, "runs.1.failure.line"))
        .isEqualTo("torch.OutOfMemoryError: CUDA out of memory.");
    assertThat(Json.at(json, "runs.2.cancelled_on_purpose")).isEqualTo(true);
  }
}
