package tunesmith.scaffold;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.experiment.ExperimentYaml;
import tunesmith.lock.Interruption;
import tunesmith.parallel.ProgressListener;
import tunesmith.parallel.RunPool;
import tunesmith.parallel.RunPoolTest;
import tunesmith.plan.PlanLoader;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.report.ScaffoldReport;
import tunesmith.testing.Fixtures;

class ScaffoldWriterTest {

  @TempDir Path dir;

  private Path experiment;
  private final Clock clock = Clock.fixed(Instant.parse("2025-10-22T08:09:10Z"), ZoneOffset.UTC);

  @BeforeEach
  void experiment() throws IOException {
    experiment = dir.resolve("exp");
    ExperimentYaml.write(experiment, ExperimentYaml.typical(experiment));
    Files.writeString(dir.resolve("claude.local.md"), "- **Username**: `ada`\n");
  }

  private ScaffoldPlan plan() {
    return PlanLoader.load(
        new PlanLoader.Request(
            experiment,
            dir,
            Optional.of(dir.resolve("claude.local.md")),
            Optional.empty(),
            Map.of("USER", "ada")));
  }

  private List<RunOutcome> write(boolean force) throws IOException {
    ScaffoldLog log = new ScaffoldLog(clock);
    List<RunOutcome> outcomes =
        writer(log, force).write(plan(), RunPool.sizedToMachine(), ProgressListener.NONE);
    log.flush(experiment);
    return outcomes;
  }

  private Map<Path, FileTime> snapshot() throws IOException {
    Map<Path, FileTime> times = new HashMap<>();
    for (String run : List.of("r8_lr1e-5", "r16_lr5e-5")) {
      for (String file : ScaffoldWriter.RUN_FILES) {
        Path path = experiment.resolve(run).resolve(file);
        times.put(path, Files.getLastModifiedTime(path));
      }
    }
    return times;
  }

  @Test
  void writesEveryFineTunedRunAndSkipsControls() throws IOException {
    List<RunOutcome> outcomes = write(false);
    assertThat(outcomes)
        .extracting(o -> o.planned().run().name())
        .containsExactly("r8_lr1e-5", "r16_lr5e-5");
    assertThat(outcomes)
        .allSatisfy(
            o -> {
              assertThat(o.status()).isEqualTo(RunOutcome.Status.CREATED);
              assertThat(o.errors()).isEmpty();
            });
    for (String file : ScaffoldWriter.RUN_FILES) {
      assertThat(experiment.resolve("r8_lr1e-5").resolve(file)).isRegularFile();
    }
    assertThat(experiment.resolve("base")).doesNotExist();
  }

  @Test
  void rerunningAnUnchangedExperimentRewritesNothing() throws IOException, InterruptedException {
    write(false);
    Map<Path, FileTime> before = snapshot();
    Map<Path, String> texts = new HashMap<>();
    for (Path path : before.keySet()) {
      texts.put(path, Files.readString(path));
    }
    Thread.sleep(20);
    List<RunOutcome> again = write(false);
    assertThat(again)
        .allSatisfy(o -> assertThat(o.status()).isEqualTo(RunOutcome.Status.UNCHANGED));
    assertThat(snapshot()).isEqualTo(before);
    for (Path path : before.keySet()) {
      assertThat(Files.readString(path)).isEqualTo(texts.get(path));
    }
  }

  @Test
  void submittedRunIsNotOverwrittenWithoutForce() throws IOException {
    write(false);
    Path run = experiment.resolve("r8_lr1e-5");
    Files.createDirectories(run.resolve(".tunesmith"));
    Files.writeString(run.resolve(".tunesmith/submission.json"), "{}");
    Files.writeString(run.resolve("finetune.yaml"), "edited: true\n");

    List<RunOutcome> outcomes = write(false);
    RunOutcome r8 =
        outcomes.stream()
            .filter(o -> o.planned().run().name().equals("r8_lr1e-5"))
            .findFirst()
            .orElseThrow();
    assertThat(r8.failed()).isTrue();
    assertThat(r8.errors()).singleElement().satisfies(e -> assertThat(e).contains("--force"));
    assertThat(Files.readString(run.resolve("finetune.yaml"))).isEqualTo("edited: true\n");

    RunOutcome forced =
        write(true).stream()
            .filter(o -> o.planned().run().name().equals("r8_lr1e-5"))
            .findFirst()
            .orElseThrow();
    assertThat(forced.failed()).isFalse();
    assertThat(Files.readString(run.resolve("finetune.yaml"))).isNotEqualTo("edited: true\n");
  }

  @Test
  void logEntriesHaveTheSpecShape() throws IOException {
    write(false);
    String log = Files.readString(experiment.resolve(ScaffoldLog.FILE_NAME));
    assertThat(log).startsWith("[2025-10-22 08:09:10] ");
    String[] entries = log.split("\n\n");
    for (String entry : entries) {
      List<String> lines = entry.lines().toList();
      assertThat(lines).as(entry).hasSize(3);
      assertThat(lines.get(0)).matches("\\[\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}] [A-Z_]+: .+");
      assertThat(lines.get(1)).startsWith("Details: ");
      assertThat(lines.get(2)).startsWith("Result: ");
      String action =
          lines
              .get(0)
              .substring(
                  lines.get(0).indexOf("] ") + 2,
                  lines.get(0).indexOf(':', lines.get(0).indexOf("] ")));
      assertThat(ScaffoldLog.Action.valueOf(action)).isNotNull();
    }
    assertThat(log)
        .contains("] CREATE_RUN_DIR: r8_lr1e-5")
        .contains("] VERIFY: r16_lr5e-5")
        .contains("tunesmith setup --config_file setup_finetune.yaml");
    write(false);
    assertThat(Files.readString(experiment.resolve(ScaffoldLog.FILE_NAME)))
        .as("appended")
        .startsWith(log)
        .hasSizeGreaterThan(log.length());
  }

  @Test
  void reportListsCreatedRunsAndSkippedControls() throws IOException {
    ScaffoldPlan plan = plan();
    List<RunOutcome> outcomes =
        writer(new ScaffoldLog(clock), false)
            .write(plan, RunPool.sizedToMachine(), ProgressListener.NONE);
    String report = ScaffoldReport.text(plan, outcomes, experiment.resolve(ScaffoldLog.FILE_NAME));
    assertThat(report)
        .startsWith("## Scaffold Torchtune Complete")
        .contains("Successfully created 2 fine-tuning runs")
        .contains("✓ r8_lr1e-5/")
        .contains("✓ r16_lr5e-5/")
        .contains("base")
        .contains(experiment.resolve(ScaffoldLog.FILE_NAME).toString());
    String json =
        ScaffoldReport.json(
            "scaffold",
            plan,
            outcomes,
            experiment.resolve(ScaffoldLog.FILE_NAME),
            List.of(),
            List.of());
    assertThat(json)
        .contains("\"runs\"")
        .contains("\"controls_skipped\"")
        .contains("\"log\"")
        .contains("r16_lr5e-5");
  }

  @Test
  void runsWrittenInParallelGiveTheSameOutcomesAndTheSameLogAsOneAtATime() throws IOException {
    StringBuilder runs = new StringBuilder();
    for (int run = 0; run < 40; run++) {
      runs.append("  - name: run")
          .append(run)
          .append("\n    type: fine-tuned\n    model: Llama-3.2-1B-Instruct\n")
          .append("    parameters: {lora_rank: ")
          .append(run % 2 == 0 ? 8 : 16)
          .append(", learning_rate: ")
          .append(run % 3 == 0 ? "1e-5" : "5e-5")
          .append("}\n");
    }
    ExperimentYaml.write(
        experiment,
        ExperimentYaml.summary(experiment, ExperimentYaml.DEFAULT_CONTROLS, runs.toString()));

    List<String> sequential = writeAll(new RunPool(1));
    String sequentialLog = Files.readString(experiment.resolve(ScaffoldLog.FILE_NAME));
    for (int run = 0; run < 40; run++) {
      Fixtures.deleteTree(experiment.resolve("run" + run));
    }
    Files.delete(experiment.resolve(ScaffoldLog.FILE_NAME));
    RunPoolTest.CountingProgress progress = new RunPoolTest.CountingProgress();
    List<String> parallel = writeAll(new RunPool(4), progress);

    assertThat(parallel)
        .hasSize(40)
        .allMatch(outcome -> outcome.endsWith(" created"))
        .containsExactlyElementsOf(sequential);
    assertThat(Files.readString(experiment.resolve(ScaffoldLog.FILE_NAME)))
        .isEqualTo(sequentialLog);
    assertThat(progress.done).hasValue(40);
  }

  private List<String> writeAll(RunPool pool) throws IOException {
    return writeAll(pool, ProgressListener.NONE);
  }

  private List<String> writeAll(RunPool pool, ProgressListener progress) throws IOException {
    ScaffoldLog log = new ScaffoldLog(clock);
    List<RunOutcome> outcomes = writer(log, false).write(plan(), pool, progress);
    log.flush(experiment);
    return outcomes.stream()
        .map(outcome -> outcome.planned().run().name() + " " + outcome.status().word())
        .toList();
  }

  private static ScaffoldWriter writer(ScaffoldLog log, boolean force) {
    return new ScaffoldWriter(log, force, Interruption.manual(), RunCells.NONE);
  }
}
