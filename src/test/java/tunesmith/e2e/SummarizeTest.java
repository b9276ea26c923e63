package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;
import tunesmith.testing.HeadlessChromium;
import tunesmith.testing.Json;
import tunesmith.testing.Processes;

/**
 * {@code tunesmith summarize} on the 2026 example with inspect-ai's own test logs dropped where the
 * cells' jobs would have left them, one truncated log and one cell without a log: each accuracy and
 * sample count is the log's (read again here with Python's zipfile), the interval brackets it,
 * summary.md shows them, report.html opens in Chromium with its charts drawn, and what is missing
 * or broken is named while the rest is summarised.
 */
@SuppressWarnings("unchecked")
class SummarizeTest {
  private static final String MATCH_LOG =
      "2025-02-11T15-18-04-05-00_popularity_mj7khqpMM4GBCfVQozKgzB.eval";
  private static final String STREAMING_LOG = "log_streaming.eval";

  @TempDir Path temp;

  private Path experiment;

  @BeforeEach
  void scaffoldTheExample() throws Exception {
    experiment =
        Fixtures.copyTree(
            Path.of("examples/capitalization_sweep_2026"), temp.resolve("exp"), Map.of());
    Expect.succeeded(Cli.run(experiment, "scaffold", "-q"));
  }

  private Path cellLogs(String run, String cell) {
    return experiment.resolve(run).resolve("eval").resolve(cell).resolve("logs");
  }

  private Path drop(String fixture, Path logs) throws Exception {
    Files.createDirectories(logs);
    return Files.copy(Fixtures.resource("summarize/inspect/" + fixture), logs.resolve(fixture));
  }

  @Test
  void scoresAreTheLogsOwnAndWhatIsMissingOrBrokenIsNamed() throws Exception {
    Path match = drop(MATCH_LOG, cellLogs("r8_lr1e-5", "capitalization_epoch0"));
    Path streaming = drop(STREAMING_LOG, cellLogs("r8_lr1e-5", "capitalization_epoch1"));
    Path logs = cellLogs("Llama-3.2-1B-Instruct_base", "capitalization");
    Files.createDirectories(logs);
    byte[] whole = Files.readAllBytes(Fixtures.resource("summarize/inspect/" + MATCH_LOG));
    Path truncated = logs.resolve("2026-01-01T00-00-00+00-00_cap_x.eval");
    Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));

    CliResult result = Cli.run(experiment, "summarize", "--json");
    assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
    Map<String, Object> summary = Json.parseObject(result.out());
    assertThat(Json.parseObject(Fixtures.read(experiment.resolve("summary.json"))))
        .as("summary.json holds what --json printed")
        .isEqualTo(summary);
    List<?> cells = (List<?>) summary.get("cells");
    assertThat(cells).hasSize(4);

    for (Map.Entry<Path, Object> entry :
        Map.of(match, cells.get(0), streaming, cells.get(1)).entrySet()) {
      Object cell = entry.getValue();
      Map<String, Object> header = header(entry.getKey());
      double accuracy = (Double) Json.at(header, "accuracy");
      assertThat(Json.at(cell, "metrics.accuracy")).isEqualTo(accuracy);
      assertThat(Json.at(cell, "metrics.samples")).isEqualTo(Json.at(header, "samples"));
      List<?> ci = (List<?>) Json.at(cell, "metrics.accuracy_ci95");
      assertThat((Double) ci.get(0)).isLessThan(accuracy);
      assertThat((Double) ci.get(1)).isGreaterThan(accuracy);
      assertThat(Json.at(cell, "scorers.accuracy")).isEqualTo("match");
      assertThat(Json.at(cell, "log")).isEqualTo(entry.getKey().toString());
      assertThat((List<?>) Json.at(cell, "problems")).isEmpty();
    }
    assertThat(Json.at(cells.get(0), "run")).isEqualTo("r8_lr1e-5");
    assertThat(Json.at(cells.get(0), "epoch")).isEqualTo(0L);
    assertThat(Json.at(cells.get(0), "task")).isEqualTo("capitalization");

    Object broken = cells.get(2);
    assertThat(Json.at(broken, "metrics")).isNull();
    assertThat(Json.at(broken, "log_status")).isEqualTo("unreadable");
    assertThat((List<?>) Json.at(broken, "problems"))
        .singleElement()
        .asString()
        .contains(truncated.toString(), "not a readable inspect log");
    Object missing = cells.get(3);
    assertThat(Json.at(missing, "metrics")).isNull();
    assertThat((List<Object>) Json.at(missing, "problems")).containsExactly("not submitted");

    String markdown = Fixtures.read(experiment.resolve("summary.md"));
    assertThat(markdown)
        .contains(
            "| r8_lr1e-5 | capitalization | 0 | NOT_SUBMITTED | 10 | 0.8000 | [0.4902, 0.9433] |")
        .contains("| r8_lr1e-5 | capitalization | 1 | NOT_SUBMITTED | 4 | 0.7500 |")
        .contains(truncated + ": not a readable inspect log")
        .contains("## Training Results", "## Datasets Used", "## Compute");
    HeadlessChromium.Opened page = HeadlessChromium.open(experiment.resolve("report.html"), temp);
    assertThat(page.console()).as(page.stderr()).isEmpty();
    // Score per epoch, and the score against each of the four varying parameters.
    assertThat(page.rootAttribute("data-charts")).isEqualTo("5");
    assertThat(page.rootAttribute("data-charts-drawn")).isEqualTo("5");
    assertThat(page.dom()).contains("No loss curve yet");
    for (Object run : (List<?>) summary.get("runs")) {
      assertThat(Json.at(run, "final_loss")).isNull();
      assertThat((List<Object>) Json.at(run, "problems")).contains("not submitted");
    }
  }

  /** The log's own accuracy and sample count, read with Python's zipfile and json. */
  private static Map<String, Object> header(Path log) {
    CliResult python =
        Processes.run(
            List.of(
                "/usr/bin/python3",
                "-c",
                "import json, sys, zipfile\n"
                    + "h = json.loads(zipfile.ZipFile(sys.argv[1]).read('header.json'))\n"
                    + "s = [x for x in h['results']['scores'] if x['name'] == 'match'][0]\n"
                    + "print(json.dumps({'accuracy': s['metrics']['accuracy']['value'],"
                    + " 'samples': h['results']['completed_samples']}))",
                log.toString()),
            null,
            null,
            60);
    assertThat(python.exitCode()).as(python.describe()).isZero();
    return Json.parseObject(python.out());
  }
}
