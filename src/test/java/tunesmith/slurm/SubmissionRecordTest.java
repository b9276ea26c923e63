package tunesmith.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tunesmith.testing.Json;

class SubmissionRecordTest {
  private static final SubmissionRecord ARRAY_TASK =
      new SubmissionRecord(
          "r8",
          "41_3",
          Optional.of("41"),
          Optional.of(3),
          "2026-11-29T01:02:03Z",
          List.of("sbatch", "--parsable", "--array=0-5%2", "/x y/'q'.slurm"),
          "/x y/'q'.slurm",
          "/out/ck-out-r8/");

  @Test
  void aRecordReadsBackAsWritten() throws IOException {
    assertThat(SubmissionRecord.parse(ARRAY_TASK.toJson())).isEqualTo(ARRAY_TASK);
    SubmissionRecord single =
        new SubmissionRecord(
            "r8", "42", Optional.empty(), Optional.empty(), "t", List.of("sbatch"), "s", "o");
    assertThat(SubmissionRecord.parse(single.toJson())).isEqualTo(single);
  }

  @Test
  void theFileIsPlainJsonWithTheFieldsTheSpecNames() {
    Map<String, Object> json = Json.parseObject(ARRAY_TASK.toJson());
    assertThat(json)
        .containsEntry("job_id", "41_3")
        .containsEntry("array_job_id", "41")
        .containsEntry("array_task_id", 3L)
        .containsEntry("submitted_at", "2026-11-29T01:02:03Z")
        .containsKey("command");
  }

  @Test
  void attemptAndCancellationReadBackAndAnOldRecordIsAFirstAttempt() throws IOException {
    SubmissionRecord cancelled =
        ARRAY_TASK
            .withAttempt(3)
            .cancelled(new SubmissionRecord.Cancellation("ada", "2026-11-29T02:00:00Z"));
    SubmissionRecord read = SubmissionRecord.parse(cancelled.toJson());
    assertThat(read).isEqualTo(cancelled);
    assertThat(read.attempt()).isEqualTo(3);
    assertThat(Json.parseObject(cancelled.toJson()))
        .containsEntry("attempt", 3L)
        .containsEntry("cancelled", Map.of("by", "ada", "at", "2026-11-29T02:00:00Z"));
    SubmissionRecord old = SubmissionRecord.parse("{\"job_id\": \"12\"}");
    assertThat(old.attempt()).isEqualTo(1);
    assertThat(old.cancellation()).isEmpty();
  }

  @Test
  void aRecordWithoutAJobIdIsRefusedWithAReason() {
    assertThatThrownBy(() -> SubmissionRecord.parse("{\"run\": \"r8\"}"))
        .hasMessageContaining("no job_id");
    assertThatThrownBy(() -> SubmissionRecord.parse("{\"job_id\": \"12; rm -rf /\"}"))
        .hasMessageContaining("no job_id");
    assertThatThrownBy(() -> SubmissionRecord.parse("[1]"))
        .hasMessageContaining("not a JSON object");
  }
}
