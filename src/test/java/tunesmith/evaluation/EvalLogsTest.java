package tunesmith.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.EvalLogFiles;

class EvalLogsTest {
  private static final String SUCCESS_HEADER =
      """
      {"version": 2, "status": "success", "eval": {"model": "hf/r8_epoch_0"},
       "results": {"scores": [
         {"name": "match", "scorer": "match", "metrics": {
           "accuracy": {"name": "accuracy", "value": 0.8125},
           "stderr": {"name": "stderr", "value": 0.02}}},
         {"name": "includes", "metrics": {"accuracy": {"name": "accuracy", "value": 1}}}]}}
      """;

  @TempDir Path logs;

  private Path log(String name, String... entries) {
    return EvalLogFiles.write(logs.resolve(name), entries);
  }

  @Test
  void theNewestLogByItsTimestampedNameIsRead() throws IOException {
    log("2026-11-29T10-00-00+00-00_cap_a.eval", "header.json", "{\"status\": \"error\"}");
    Path newest = log("2026-11-29T11-30-00+00-00_cap_b.eval", "header.json", SUCCESS_HEADER);
    log("2026-11-29T09-00-00+00-00_cap_c.eval", "header.json", "{\"status\": \"error\"}");
    Files.writeString(logs.resolve("2026-12-01T00-00-00+00-00_notes.txt"), "not a log");

    EvalLogSummary summary = EvalLogs.newestSummary(logs).orElseThrow();

    assertThat(summary.file()).isEqualTo(newest);
    assertThat(summary.succeeded()).isTrue();
    assertThat(summary.scores())
        .containsExactly(
            new EvalLogSummary.Score("match", "accuracy", 0.8125),
            new EvalLogSummary.Score("match", "stderr", 0.02),
            new EvalLogSummary.Score("includes", "accuracy", 1.0));
    assertThat(summary.scores().get(0).render()).isEqualTo("match/accuracy=0.8125");
  }

  @Test
  void anErrorLogCarriesInspectsMessage() throws IOException {
    Path file =
        log(
            "x.eval",
            "header.json",
            "{\"status\": \"error\", \"error\": {\"message\": \"CUDA out of memory\"}}");
    EvalLogSummary summary = EvalLogs.read(file);
    assertThat(summary.status()).isEqualTo("error");
    assertThat(summary.error()).contains("CUDA out of memory");
    assertThat(summary.scores()).isEmpty();
  }

  @Test
  void aLogWithOnlyItsJournalIsStillRunning() throws IOException {
    Path file = log("x.eval", "_journal/start.json", "{\"version\": 2}");
    assertThat(EvalLogs.read(file).status()).isEqualTo("started");
  }

  @Test
  void aBrokenFileIsUnreadableNotAnException() throws IOException {
    Path notZip = Files.writeString(logs.resolve("broken.eval"), "PK garbage");
    Path badJson = log("bad.eval", "header.json", "{\"status\": ");
    assertThat(EvalLogs.read(notZip).status()).isEqualTo(EvalLogSummary.UNREADABLE);
    assertThat(EvalLogs.read(badJson).status()).isEqualTo(EvalLogSummary.UNREADABLE);
    assertThat(EvalLogs.read(badJson).error()).isPresent();
  }

  @Test
  void noLogDirectoryOrNoLogMeansNoSummary() throws IOException {
    assertThat(EvalLogs.newestSummary(logs.resolve("missing"))).isEmpty();
    assertThat(EvalLogs.newestSummary(logs)).isEmpty();
  }

  @Test
  void aCompletedJobCountsOnlyWithASuccessfulLog() throws IOException {
    EvalLogSummary success = EvalLogs.read(log("s.eval", "header.json", SUCCESS_HEADER));
    EvalLogSummary error = EvalLogs.read(log("e.eval", "header.json", "{\"status\": \"error\"}"));
    assertThat(CellState.of("COMPLETED", Optional.of(success))).isEqualTo("COMPLETED");
    assertThat(CellState.of("COMPLETED", Optional.of(error))).isEqualTo("FAILED");
    assertThat(CellState.of("COMPLETED", Optional.empty())).isEqualTo("FAILED");
    assertThat(CellState.of("FAILED", Optional.of(success))).isEqualTo("FAILED");
    assertThat(CellState.of("PENDING", Optional.empty())).isEqualTo("PENDING");
  }
}
