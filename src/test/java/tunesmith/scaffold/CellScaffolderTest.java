package tunesmith.scaffold;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.lock.Interruption;
import tunesmith.parallel.ProgressListener;
import tunesmith.parallel.RunPool;
import tunesmith.parallel.RunPoolTest;
import tunesmith.plan.PlanLoader;
import tunesmith.plan.ScaffoldPlan;

/** The evaluation cells written on a pool of threads, as the runs are. */
class CellScaffolderTest {
  private static final int RUNS = 24;
  private static final Set<String> INPUTS = Set.of("experiment_summary.yaml", "claude.local.md");

  /** Its run directory is a regular file, so the run fails and its cells are skipped. */
  private static final String BLOCKED = "r5";

  @TempDir Path dir;

  private Path experiment;
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-20T08:09:10Z"), ZoneOffset.UTC);

  @BeforeEach
  void experiment() throws IOException {
    experiment = dir.resolve("exp");
    Files.createDirectories(experiment);
    Path example = Path.of("examples/capitalization_sweep_2026");
    String summary = Files.readString(example.resolve("experiment_summary.yaml"));
    // The example's header, models and data; RUNS fine-tuned runs each evaluated after both
    // epochs, plus the example's control and eval-only runs.
    StringBuilder runs = new StringBuilder("runs:\n");
    StringBuilder matrix = new StringBuilder();
    int[] ranks = {8, 16, 32, 64};
    String[] rates = {"1e-5", "2e-5", "5e-5", "1e-4", "2e-4", "5e-4"};
    for (int run = 0; run < RUNS; run++) {
      runs.append("  - name: r")
          .append(run)
          .append("\n    type: fine-tuned\n    model: Llama-3.2-1B-Instruct\n")
          .append("    parameters: {lora_rank: ")
          .append(ranks[run % ranks.length])
          .append(", lr: ")
          .append(rates[run / ranks.length])
          .append("}\n");
      matrix
          .append("    - run: r")
          .append(run)
          .append("\n      tasks: [capitalization]\n      epochs: [0, 1]\n");
    }
    String controls = summary.substring(summary.indexOf("  - name: Llama-3.2-1B-Instruct_base"));
    controls = controls.substring(0, controls.indexOf("\nevaluation:") + 1);
    String evaluation = summary.substring(summary.indexOf("\nevaluation:") + 1);
    evaluation =
        evaluation.substring(0, evaluation.indexOf("  matrix:\n"))
            + "  matrix:\n"
            + matrix
            + "    - run: Llama-3.2-1B-Instruct_base\n      tasks: [capitalization]\n      epochs: null\n"
            + "    - run: r8_lr1e-4_from_october\n      tasks: [capitalization]\n      epochs: null\n";
    Files.writeString(
        experiment.resolve("experiment_summary.yaml"),
        summary.substring(0, summary.indexOf("\nvariables:") + 1)
            + summary.substring(summary.indexOf("\ncontrols:") + 1, summary.indexOf("\nruns:") + 1)
            + runs
            + controls
            + evaluation);
    Files.copy(example.resolve("claude.local.md"), experiment.resolve("claude.local.md"));
    Files.writeString(experiment.resolve(BLOCKED), "not a directory\n");
  }

  private ScaffoldPlan plan() {
    return PlanLoader.load(
        new PlanLoader.Request(
            experiment,
            experiment,
            Optional.of(experiment.resolve("claude.local.md")),
            Optional.empty(),
            Map.of("USER", "ada")));
  }

  /**
   * Scaffolds the runs and then the cells on {@code pool}, each new run with its cells staged in it
   * as scaffold does; one line per cell outcome.
   */
  private List<String> writeAll(
      ScaffoldPlan plan, RunPool pool, boolean interruptBeforeCells, ProgressListener progress)
      throws IOException {
    return writeAll(plan, pool, interruptBeforeCells, progress, RunCells.of(plan));
  }

  /** As above; with {@link RunCells#NONE}, every cell is staged and renamed on its own. */
  private List<String> writeAll(
      ScaffoldPlan plan,
      RunPool pool,
      boolean interruptBeforeCells,
      ProgressListener progress,
      RunCells runCells)
      throws IOException {
    ScaffoldLog log = new ScaffoldLog(clock);
    Interruption interruption = Interruption.manual();
    List<RunOutcome> runs =
        new ScaffoldWriter(log, false, interruption, runCells)
            .write(plan, pool, ProgressListener.NONE);
    if (interruptBeforeCells) {
      interruption.request();
    }
    List<CellOutcome> cells =
        new CellScaffolder(log, interruption, false).write(plan, runs, pool, progress);
    log.flush(experiment);
    return cells.stream()
        .map(
            cell ->
                cell.cell().run().name()
                    + "/"
                    + cell.cell().name()
                    + " "
                    + cell.status().word()
                    + cell.error().map(error -> ": " + error).orElse(""))
        .toList();
  }

  @Test
  void cellsWrittenInParallelGiveTheSameOutcomesLogAndFilesAsOneAtATime() throws IOException {
    ScaffoldPlan plan = plan();
    int cellCount = plan.evaluation().cells().size();
    assertThat(cellCount).isEqualTo(RUNS * 2 + 2);

    List<String> sequential = writeAll(plan, new RunPool(1), false, ProgressListener.NONE);
    String sequentialLog = Files.readString(experiment.resolve(ScaffoldLog.FILE_NAME));
    Map<String, String> sequentialFiles = files();
    clearOutputs();
    RunPoolTest.CountingProgress progress = new RunPoolTest.CountingProgress();
    List<String> parallel = writeAll(plan, new RunPool(4), false, progress);

    assertThat(sequential)
        .filteredOn(outcome -> outcome.startsWith(BLOCKED + "/"))
        .hasSize(2)
        .allMatch(outcome -> outcome.endsWith("failed: not written: run r5 failed to scaffold"));
    assertThat(sequential)
        .filteredOn(outcome -> outcome.endsWith(" created"))
        .hasSize(cellCount - 2);
    assertThat(sequentialLog)
        .contains("] ERROR: r5/eval/capitalization_epoch1\n")
        .contains("] WRITE_CELL: r23/eval/capitalization_epoch1\n");
    assertThat(sequentialFiles).containsKey("r0/eval/capitalization_epoch0/cell.slurm rwxr-xr-x");

    assertThat(parallel).containsExactlyElementsOf(sequential);
    assertThat(Files.readString(experiment.resolve(ScaffoldLog.FILE_NAME)))
        .isEqualTo(sequentialLog);
    assertThat(files()).isEqualTo(sequentialFiles);
    assertThat(progress.done).as("every cell went through the pool").hasValue(cellCount);
  }

  @Test
  void cellsStagedWithTheirNewRunGiveTheSameOutcomesLogAndFilesAsCellsStagedOneByOne()
      throws IOException {
    ScaffoldPlan plan = plan();
    List<String> oneByOne =
        writeAll(plan, new RunPool(2), false, ProgressListener.NONE, RunCells.NONE);
    String oneByOneLog = Files.readString(experiment.resolve(ScaffoldLog.FILE_NAME));
    Map<String, String> oneByOneFiles = files();
    clearOutputs();

    List<String> withRuns = writeAll(plan, new RunPool(2), false, ProgressListener.NONE);

    assertThat(withRuns).containsExactlyElementsOf(oneByOne);
    assertThat(Files.readString(experiment.resolve(ScaffoldLog.FILE_NAME))).isEqualTo(oneByOneLog);
    assertThat(files()).isEqualTo(oneByOneFiles);
  }

  @Test
  void anInterruptionBeforeTheCellsWritesNoneOfTheSeparateOnesOnAPool() throws IOException {
    ScaffoldPlan plan = plan();
    List<String> cells = writeAll(plan, new RunPool(4), true, ProgressListener.NONE, RunCells.NONE);

    assertThat(cells)
        .hasSize(plan.evaluation().cells().size())
        .allMatch(outcome -> outcome.endsWith(" interrupted"));
    assertThat(experiment.resolve("r0/eval")).doesNotExist();
    assertThat(Files.readString(experiment.resolve(ScaffoldLog.FILE_NAME)))
        .doesNotContain("WRITE_CELL");
  }

  @Test
  void anInterruptionAfterTheRunsReportsTheCellsANewRunWasMadeWithAsWritten() throws IOException {
    ScaffoldPlan plan = plan();
    List<String> cells = writeAll(plan, new RunPool(4), true, ProgressListener.NONE);

    // Each new run appeared with its cells in one rename: they are on disk, and said to be.
    assertThat(cells)
        .filteredOn(outcome -> outcome.matches("r\\d+/.*") && !outcome.startsWith(BLOCKED + "/"))
        .hasSize(RUNS * 2 - 2)
        .allMatch(outcome -> outcome.endsWith(" created"));
    assertThat(experiment.resolve("r0/eval/capitalization_epoch1/eval.yaml")).isRegularFile();
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(
                    experiment.resolve("r0/eval/capitalization_epoch1/cell.slurm"))))
        .isEqualTo("rwxr-xr-x");
    // The rest were never started: the blocked run's, the control's and the eval-only run's.
    assertThat(cells)
        .filteredOn(outcome -> !outcome.matches("r\\d+/.*") || outcome.startsWith(BLOCKED + "/"))
        .hasSize(4)
        .allMatch(outcome -> outcome.endsWith(" interrupted"));
    assertThat(Files.readString(experiment.resolve(ScaffoldLog.FILE_NAME)))
        .contains("] WRITE_CELL: r0/eval/capitalization_epoch0\n");
  }

  @Test
  void cellsWrittenWithARunThatThenFailedAreReportedAsNotReady() throws IOException {
    ScaffoldPlan plan = plan();
    ScaffoldLog log = new ScaffoldLog(clock);
    RunPool pool = new RunPool(2);
    List<RunOutcome> runs =
        new ScaffoldWriter(log, false, Interruption.manual(), RunCells.of(plan))
            .write(plan, pool, ProgressListener.NONE);
    // As if r0's check had failed after its directory, cells included, was renamed into place.
    List<RunOutcome> r0Failed =
        runs.stream()
            .map(
                run ->
                    run.planned().run().name().equals("r0")
                        ? new RunOutcome(
                            run.planned(),
                            RunOutcome.Status.FAILED,
                            run.files(),
                            List.of("a mismatch"),
                            run.withCells())
                        : run)
            .toList();
    assertThat(r0Failed.get(0).withCells()).isTrue();

    List<CellOutcome> cells =
        new CellScaffolder(log, Interruption.manual(), false)
            .write(plan, r0Failed, pool, ProgressListener.NONE);

    assertThat(cells)
        .filteredOn(cell -> cell.cell().run().name().equals("r0"))
        .hasSize(2)
        .allSatisfy(
            cell -> {
              assertThat(cell.status()).isEqualTo(RunOutcome.Status.FAILED);
              assertThat(cell.error())
                  .hasValue("written with run r0, which then failed: not ready");
            });
    assertThat(cells)
        .filteredOn(cell -> cell.cell().run().name().equals("r1"))
        .allMatch(cell -> cell.status() == RunOutcome.Status.CREATED);
  }

  @Test
  void cellsWrittenIntoExistingDirectoriesMatchCellsMadeAtOnceAndHalfStagedCellsAreCleared()
      throws Exception {
    ScaffoldPlan plan = plan();
    writeAll(plan, new RunPool(2), false, ProgressListener.NONE);
    Map<String, String> madeAtOnce = files();
    // Every cell's files gone but its directories kept: each is written the careful way.
    for (var cell : plan.evaluation().cells()) {
      if (cell.run().name().equals(BLOCKED)) {
        continue;
      }
      Files.deleteIfExists(cell.evalYaml());
      Files.deleteIfExists(cell.script());
    }
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path evalDirectory = experiment.resolve("r0/eval");
    Path halfMade = Files.createDirectories(evalDirectory.resolve(".extra.tmp-" + gone.pid()));
    Files.createDirectories(halfMade.resolve("logs"));
    Files.writeString(halfMade.resolve("eval.yaml"), "half");
    Process live = new ProcessBuilder("sleep", "60").start();
    Path beingMade = Files.createDirectories(evalDirectory.resolve(".other.tmp-" + live.pid()));

    List<String> again;
    try {
      again = writeAll(plan, new RunPool(2), false, ProgressListener.NONE);
      assertThat(beingMade).as("a live process's cell is left alone").isDirectory();
      Files.delete(beingMade);
    } finally {
      live.destroy();
    }

    assertThat(halfMade).doesNotExist();
    assertThat(again)
        .filteredOn(outcome -> outcome.endsWith(" created"))
        .hasSize(plan.evaluation().cells().size() - 2);
    Map<String, String> writtenCarefully = files();
    // The scaffold log is appended to, not rewritten.
    writtenCarefully.keySet().removeIf(key -> key.startsWith(ScaffoldLog.FILE_NAME + " "));
    madeAtOnce.keySet().removeIf(key -> key.startsWith(ScaffoldLog.FILE_NAME + " "));
    assertThat(writtenCarefully).isEqualTo(madeAtOnce);
  }

  /** Every file and directory scaffold made: its path and mode, and the text of each file. */
  private Map<String, String> files() throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(experiment)) {
      for (Path path : paths.toList()) {
        String key =
            experiment.relativize(path)
                + " "
                + PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        files.put(key, Files.isRegularFile(path) ? Files.readString(path) : "(directory)");
      }
    }
    return files;
  }

  /** Deletes everything scaffold wrote, keeping the inputs and the blocking file. */
  private void clearOutputs() throws IOException {
    try (Stream<Path> paths = Files.walk(experiment)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        String name = experiment.relativize(path).toString();
        if (!path.equals(experiment) && !INPUTS.contains(name) && !name.equals(BLOCKED)) {
          Files.delete(path);
        }
      }
    }
  }
}
