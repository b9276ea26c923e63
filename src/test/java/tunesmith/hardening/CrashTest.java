package tunesmith.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static tunesmith.hardening.ScaffoldKills.read;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tunesmith.evaluation.EvalCell;
import tunesmith.files.AtomicFiles;
import tunesmith.hardening.ScaffoldKills.Started;
import tunesmith.plan.PlanLoader;
import tunesmith.plan.PlannedRun;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.scaffold.RunFiles;
import tunesmith.scaffold.ScaffoldWriter;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;
import tunesmith.testing.Json;
import tunesmith.testing.LargeExperiment;
import tunesmith.testing.Processes;
import tunesmith.verify.CellUnderCheck;

/**
 * scaffold as a real process on a 2,000-run experiment, killed (SIGKILL) at random moments while it
 * writes: after each kill every file present is whole (byte for byte what a full scaffold of one of
 * the experiment's versions writes), verify names exactly the runs that are not complete, the dead
 * process's lock is taken over by the next scaffold, and the next scaffold that is not killed
 * completes every run. Each kill is followed by a resumed scaffold, not a fresh start; when one
 * finishes, the experiment is changed (epochs) so the next has every run to rewrite. The same on a
 * cruijff_kit-0.3 format experiment, whose runs have evaluation cells: a run appears with all its
 * cells or not at all. Then Ctrl-C (SIGINT), and two scaffolds started together.
 *
 * <p>Tagged "crash": {@code scripts/test} (and CI) run it; the quick {@code mvn test} leaves it
 * out. The seed is printed; {@code -Dtunesmith.crash.seed=N} replays one. Sizes: {@code
 * -Dtunesmith.crash.runs}, {@code .kills}, {@code .2026.runs}, {@code .2026.kills}.
 */
@Tag("crash")
class CrashTest {
  private static final int RUNS = Integer.getInteger("tunesmith.crash.runs", 2000);
  private static final int KILLS = Integer.getInteger("tunesmith.crash.kills", 20);
  private static final Map<String, String> ENV = Cli.envWith("LANG", "C.UTF-8");

  /** The 2026 test: runs with two cells each, and a control with one; about a minute on 2 cores. */
  private static final int RUNS_2026 = Integer.getInteger("tunesmith.crash.2026.runs", 300);

  private static final int KILLS_2026 = Integer.getInteger("tunesmith.crash.2026.kills", 10);

  @TempDir Path temp;

  private ScaffoldKills scaffolds;

  @BeforeEach
  void scaffolds() {
    scaffolds = new ScaffoldKills(temp, ENV);
  }

  /** What a full scaffold writes for the experiment as it now stands: file -> text. */
  private static Map<Path, String> expectedFiles(Path experiment) {
    Map<Path, String> texts = new java.util.HashMap<>();
    for (PlannedRun run :
        PlanLoader.load(
                new PlanLoader.Request(
                    experiment, experiment, Optional.empty(), Optional.empty(), ENV))
            .runs()) {
      texts.putAll(RunFiles.of(run));
    }
    return texts;
  }

  private static void setEpochs(Path experiment, int epochs) throws IOException {
    Path summary = experiment.resolve("experiment_summary.yaml");
    Files.writeString(
        summary,
        Files.readString(summary).replaceFirst("(?m)^  epochs: \\d+$", "  epochs: " + epochs));
  }

  /** Counts for the README. */
  private int filesChecked;

  private int incompleteSeen;

  /**
   * After a kill: each file is absent or whole (current or previous version), temporary files are
   * only killed processes', and verify names exactly the runs not complete in the current version.
   */
  private void assertNothingPartial(
      Path experiment, List<String> runs, Map<Path, String> current, Map<Path, String> previous)
      throws IOException {
    Set<String> notComplete = new TreeSet<>();
    Set<String> missingFiles = new HashSet<>();
    for (String run : runs) {
      Path directory = experiment.resolve(run);
      for (String name : List.of("setup_finetune.yaml", "finetune.yaml", "finetune.slurm")) {
        Path file = directory.resolve(name);
        String text;
        try {
          text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException missing) {
          notComplete.add(run);
          missingFiles.add(run);
          continue;
        }
        filesChecked++;
        assertThat(text.equals(current.get(file)) || text.equals(previous.get(file)))
            .as(
                "%s is whole: what a full scaffold writes for one of the experiment's versions",
                file)
            .isTrue();
        if (!text.equals(current.get(file))) {
          notComplete.add(run);
        }
      }
      if (Files.isDirectory(directory)) {
        try (Stream<Path> entries = Files.list(directory)) {
          entries
              .filter(entry -> AtomicFiles.isTemporary(entry.getFileName().toString()))
              .forEach(scaffolds::assertDebrisOfAKilledProcess);
        }
      }
    }
    incompleteSeen += notComplete.size();

    Map<String, String> flagged = notReady(experiment);
    assertThat(flagged.keySet())
        .as("verify names exactly the runs that are not complete")
        .isEqualTo(notComplete);
    missingFiles.forEach(
        run ->
            assertThat(flagged.get(run)).as("%s has a file missing", run).isEqualTo("incomplete"));
  }

  /**
   * What {@code verify --json} names as not ready, name -> status; its exit code must agree (1 when
   * any, else 0).
   */
  private static Map<String, String> notReady(Path experiment) {
    CliResult verify = Cli.run(experiment, ENV, "verify", "--json", "-q");
    Map<String, Object> report = Json.parseObject(verify.out());
    Map<String, String> flagged = new TreeMap<>();
    // Runs by name, cells as {run}/eval/{cell}.
    for (String section : List.of("runs", "cells")) {
      for (Object one : (List<?>) report.get(section)) {
        Map<?, ?> status = (Map<?, ?>) one;
        if (!"ok".equals(status.get("status"))) {
          flagged.put(
              status.get("run") + (section.equals("cells") ? "/eval/" + status.get("cell") : ""),
              (String) status.get("status"));
        }
      }
    }
    assertThat(verify.exitCode()).as(verify.describe()).isEqualTo(flagged.isEmpty() ? 0 : 1);
    return flagged;
  }

  /** After a scaffold that finished: every run complete, no debris, no lock, verify clean. */
  private static void assertComplete(Path experiment, List<String> runs, Map<Path, String> current)
      throws IOException {
    for (String run : runs) {
      try (Stream<Path> entries = Files.list(experiment.resolve(run))) {
        assertThat(entries.map(p -> p.getFileName().toString()).sorted().toList())
            .as(run)
            .containsExactly("finetune.slurm", "finetune.yaml", "setup_finetune.yaml");
      }
    }
    for (Map.Entry<Path, String> file : current.entrySet()) {
      assertThat(Files.readString(file.getKey()))
          .as("%s", file.getKey())
          .isEqualTo(file.getValue());
    }
    assertLockReleasedAndVerifyPasses(experiment);
  }

  private static void assertLockReleasedAndVerifyPasses(Path experiment) {
    assertThat(experiment.resolve(".tunesmith/lock")).as("lock released").doesNotExist();
    CliResult verify = Cli.run(experiment, ENV, "verify", "-q");
    assertThat(verify.exitCode()).as(verify.describe()).isZero();
  }

  @Test
  void killedAtRandomMomentsNothingIsPartialAndTheNextScaffoldCompletesEveryRun() throws Exception {
    Random random = ScaffoldKills.seeded("CrashTest");
    Path experiment = LargeExperiment.write(temp.resolve("big"), RUNS, 1);
    List<String> runs = LargeExperiment.runNames(RUNS);
    Map<Integer, Map<Path, String>> versions =
        Map.of(1, expectedFiles(experiment), 2, expectedFilesWithEpochs(experiment, 2));
    var checks =
        new ScaffoldKills.Checks() {
          int epochs = 1;

          // After kills 7 and 14 the next scaffold is left to finish: it must complete every run;
          // then the experiment changes, so the later kills land in updates (old file or new,
          // never a part of one).
          @Override
          public boolean letFinish(int kills, boolean afterKill) {
            return afterKill && kills % 7 == 0;
          }

          @Override
          public void afterKill(ScaffoldKills.Round round, int kills) throws IOException {
            long checkStart = System.nanoTime();
            assertNothingPartial(experiment, runs, versions.get(epochs), versions.get(3 - epochs));
            System.out.printf(
                "CrashTest: kill %d after %d ms of writing (epochs %d); checked in %d ms%n",
                kills, round.delayMillis(), epochs, (System.nanoTime() - checkStart) / 1_000_000);
          }

          @Override
          public void afterFinish(ScaffoldKills.Round round, int kills) throws IOException {
            System.out.printf(
                "CrashTest: scaffold after %d kills finished; its writing took %d ms%n",
                kills, round.writingMillis());
            assertComplete(experiment, runs, versions.get(epochs));
            epochs = 3 - epochs;
            setEpochs(experiment, epochs);
          }
        };
    ScaffoldKills.Summary summary =
        scaffolds.killRepeatedly(experiment, KILLS, random, 3000, checks);
    assertComplete(experiment, runs, versions.get(checks.epochs));
    System.out.printf(
        "CrashTest: %d runs, %d SIGKILLs survived in %d rounds (%d scaffolds finished between kills), "
            + "%d files found whole and none partial, %d incomplete runs named by verify and completed, "
            + "%d temporary files of killed processes cleared; %d kills came after the lock was "
            + "released and counted as finished%n",
        RUNS,
        summary.kills(),
        summary.rounds(),
        summary.completions(),
        filesChecked,
        incompleteSeen,
        scaffolds.debrisSeen,
        scaffolds.lateKills);
  }

  private Map<Path, String> expectedFilesWithEpochs(Path experiment, int epochs)
      throws IOException {
    Path summary = experiment.resolve("experiment_summary.yaml");
    String original = Files.readString(summary);
    setEpochs(experiment, epochs);
    try {
      return expectedFiles(experiment);
    } finally {
      Files.writeString(summary, original);
    }
  }

  /** The fine-tuned runs and the cells of a 2026 experiment. */
  private record Layout2026(
      Map<String, String> runs, Map<String, String> cells, Map<String, List<String>> cellsOfRun) {
    /**
     * Run name -> directory, cell name ({run}/eval/{cell}) -> directory (relative), and each run's
     * cells by name.
     */
    static Layout2026 of(Path experiment) {
      ScaffoldPlan plan =
          PlanLoader.load(
              new PlanLoader.Request(
                  experiment, experiment, Optional.empty(), Optional.empty(), ENV));
      Map<String, String> runs = new TreeMap<>();
      plan.runs()
          .forEach(
              run -> runs.put(run.run().name(), experiment.relativize(run.directory()).toString()));
      Map<String, String> cells = new TreeMap<>();
      Map<String, List<String>> cellsOfRun = new TreeMap<>();
      for (EvalCell cell : plan.evaluation().cells()) {
        cells.put(CellUnderCheck.name(cell), experiment.relativize(cell.directory()).toString());
        cellsOfRun
            .computeIfAbsent(cell.run().name(), run -> new ArrayList<>())
            .add(CellUnderCheck.name(cell));
      }
      return new Layout2026(runs, cells, cellsOfRun);
    }

    /** The files a complete scaffold writes, relative. */
    Set<String> files() {
      Set<String> files = new TreeSet<>();
      runs.values()
          .forEach(run -> ScaffoldWriter.RUN_FILES.forEach(name -> files.add(run + "/" + name)));
      cells
          .values()
          .forEach(
              cell ->
                  List.of(EvalCell.EVAL_YAML, EvalCell.CELL_SLURM)
                      .forEach(name -> files.add(cell + "/" + name)));
      return files;
    }
  }

  /** A file's text and mode; a directory's text is null. */
  private record Entry(String text, String mode) {}

  /** In the experiment directory: the inputs, the log (appended) and the lock. */
  private static final Set<String> NOT_SCAFFOLDED =
      Set.of("experiment_summary.yaml", "claude.local.md", "logs", ".tunesmith");

  /**
   * Everything scaffold made under {@code experiment}, relative path -> entry; each {@code
   * .NAME.tmp-PID} file or directory goes to {@code debris} instead, and is not entered.
   */
  private static Map<String, Entry> written(Path experiment, Consumer<Path> debris)
      throws IOException {
    Map<String, Entry> entries = new TreeMap<>();
    Files.walkFileTree(
        experiment,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes)
              throws IOException {
            if (directory.equals(experiment)) {
              return FileVisitResult.CONTINUE;
            }
            if (skipped(directory)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            entries.put(relative(directory), new Entry(null, mode(directory)));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            if (!skipped(file)) {
              String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
              entries.put(relative(file), new Entry(text, mode(file)));
            }
            return FileVisitResult.CONTINUE;
          }

          private boolean skipped(Path path) {
            if (AtomicFiles.isTemporary(path.getFileName().toString())) {
              debris.accept(path);
              return true;
            }
            return path.getParent().equals(experiment)
                && NOT_SCAFFOLDED.contains(path.getFileName().toString());
          }

          private String relative(Path path) {
            return experiment.relativize(path).toString();
          }
        });
    return entries;
  }

  /** The entries, each mention of the directory {@code from} in their text made {@code to}. */
  private static Map<String, Entry> moved(Map<String, Entry> entries, Path from, Path to) {
    Map<String, Entry> moved = new TreeMap<>();
    entries.forEach(
        (path, entry) ->
            moved.put(
                path,
                new Entry(
                    entry.text() == null
                        ? null
                        : entry.text().replace(from.toString(), to.toString()),
                    entry.mode())));
    return moved;
  }

  private static void noDebris(Path debris) {
    throw new AssertionError(debris + " left by a scaffold that finished");
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static Path generate2026(Path directory, int runs) {
    Expect.succeeded(
        Processes.run(
            List.of(
                Path.of("bench/generate").toAbsolutePath().toString(),
                "--format",
                "2026",
                Integer.toString(runs),
                directory.toString()),
            null,
            null,
            60));
    return directory;
  }

  /** Counts of the 2026 test. */
  private int filesFoundWhole;

  private int runsFoundWithAllCells;

  /** Run directories present after the last kill, or 0 since the runs were last removed. */
  private int runsPresentAtLastKill;

  /** Kills after which more runs were present than before, but not all: they landed mid-write. */
  private int killsWhileRunsAppeared;

  /**
   * After a kill, on a 2026 experiment: every file present is whole (text and mode as the complete
   * reference scaffold wrote it) and every cell.slurm present is rwxr-xr-x; a run directory present
   * has its three files and all its cells, and a cell directory present has both its files; verify
   * names exactly the runs and cells with a file missing, each as incomplete. Returns whether
   * nothing was missing.
   *
   * <p>Why a run directory is all or nothing here: every run directory is made by one scaffold in
   * one step, staged whole with its cells in {@code .NAME.tmp-PID/} and renamed (docs/FILES.md);
   * the experiment never changes, so no scaffold rewrites a run or a cell once it exists, and the
   * cells written one by one (the control's) are each staged the same way. Only the directories
   * above a control's cell may be made on their own.
   */
  private boolean assertEveryRunWithAllItsCells(
      Path experiment, Layout2026 layout, Map<String, Entry> reference) throws IOException {
    Map<String, Entry> onDisk = written(experiment, scaffolds::assertDebrisOfAKilledProcess);
    onDisk.forEach(
        (path, entry) -> {
          assertThat(reference)
              .as("%s is something a complete scaffold makes", path)
              .containsKey(path);
          assertThat(entry)
              .as("%s is whole: what a complete scaffold writes, with its mode", path)
              .isEqualTo(reference.get(path));
          if (path.endsWith("/" + EvalCell.CELL_SLURM)) {
            assertThat(entry.mode()).as("%s is executable", path).isEqualTo("rwxr-xr-x");
          }
        });
    Set<String> incomplete = new TreeSet<>();
    layout
        .runs()
        .forEach(
            (run, directory) -> {
              if (!ScaffoldWriter.RUN_FILES.stream()
                  .allMatch(name -> onDisk.containsKey(directory + "/" + name))) {
                incomplete.add(run);
              }
            });
    layout
        .cells()
        .forEach(
            (cell, directory) -> {
              if (!onDisk.containsKey(directory + "/" + EvalCell.EVAL_YAML)
                  || !onDisk.containsKey(directory + "/" + EvalCell.CELL_SLURM)) {
                incomplete.add(cell);
              }
            });
    int runsPresent = 0;
    for (Map.Entry<String, String> run : layout.runs().entrySet()) {
      if (onDisk.containsKey(run.getValue())) {
        runsPresent++;
        assertThat(
                Stream.concat(
                        Stream.of(run.getKey()), layout.cellsOfRun().get(run.getKey()).stream())
                    .filter(incomplete::contains))
            .as("run %s is present, so it appeared whole with all its cells; missing", run.getKey())
            .isEmpty();
      }
    }
    layout
        .cells()
        .forEach(
            (cell, directory) -> {
              if (onDisk.containsKey(directory)) {
                assertThat(incomplete)
                    .as("cell %s is present, so it appeared whole", cell)
                    .doesNotContain(cell);
              }
            });
    Map<String, String> flagged = notReady(experiment);
    assertThat(flagged.keySet())
        .as("verify names exactly the runs and cells with a file missing")
        .isEqualTo(incomplete);
    assertThat(new TreeSet<>(flagged.values())).isSubsetOf("incomplete");
    filesFoundWhole += (int) onDisk.values().stream().filter(entry -> entry.text() != null).count();
    runsFoundWithAllCells += runsPresent;
    if (runsPresent > runsPresentAtLastKill && runsPresent < layout.runs().size()) {
      killsWhileRunsAppeared++;
    }
    runsPresentAtLastKill = runsPresent;
    return incomplete.isEmpty();
  }

  /**
   * After a scaffold that finished: exactly what the reference scaffold made, no debris, the lock
   * released, verify clean.
   */
  private static void assertComplete2026(Path experiment, Map<String, Entry> reference)
      throws IOException {
    Map<String, Entry> onDisk = written(experiment, CrashTest::noDebris);
    assertThat(onDisk.keySet()).containsExactlyElementsOf(reference.keySet());
    reference.forEach(
        (path, entry) -> assertThat(onDisk.get(path)).as("%s", path).isEqualTo(entry));
    assertLockReleasedAndVerifyPasses(experiment);
  }

  /**
   * cruijff_kit-0.3 format: a new fine-tuned run appears with all its evaluation cells or not at
   * all, however a kill lands; the resumed scaffolds finish every run and every cell. Each scaffold
   * resumes what the last one killed left; when one finishes, or is killed with nothing left to
   * write, the runs and cells are removed, so that the next again has everything to write. The
   * reference is a complete scaffold of the same generated experiment in another directory, its
   * paths replaced.
   */
  @Test
  void format2026KilledAtRandomMomentsEveryRunAppearsWithAllItsCellsAndTheLastScaffoldCompletesAll()
      throws Exception {
    Random random = ScaffoldKills.seeded("CrashTest 2026");
    // The same name (files hold it) in parents of equal length (files hold those too, as
    // project_dir): replacing one parent's path with the other's changes nothing else.
    Path referenceDirectory = generate2026(temp.resolve("ref/sweep"), RUNS_2026);
    Path experiment = generate2026(temp.resolve("exp/sweep"), RUNS_2026);
    // A resumed scaffold first reads back every run already there, which takes longer than writing
    // it: kill moments spread over the longer of a fresh scaffold and one that rewrites nothing.
    long writeMillis = 0;
    for (int scaffold = 0; scaffold < 2; scaffold++) {
      ScaffoldKills.Round complete = scaffolds.scaffold(referenceDirectory, -1);
      assertThat(complete.scaffold().process().exitValue())
          .as(complete.scaffold().describe())
          .isZero();
      writeMillis = Math.max(writeMillis, complete.writingMillis());
    }
    Map<String, Entry> reference =
        moved(
            written(referenceDirectory, CrashTest::noDebris),
            referenceDirectory.getParent(),
            experiment.getParent());
    Layout2026 layout = Layout2026.of(experiment);
    assertThat(layout.runs()).hasSize(RUNS_2026);
    assertThat(layout.cells()).hasSize(2 * RUNS_2026 + 1);
    assertThat(reference.entrySet().stream().filter(entry -> entry.getValue().text() != null))
        .extracting(Map.Entry::getKey)
        .as("the reference scaffold made every run's files and every cell's, nothing else")
        .containsExactlyElementsOf(layout.files());

    var checks =
        new ScaffoldKills.Checks() {
          // Not done before a kill landed while runs were appearing: the moment staging guards.
          @Override
          public boolean wantsMoreKills() {
            return killsWhileRunsAppeared == 0;
          }

          @Override
          public void afterKill(ScaffoldKills.Round round, int kills) throws IOException {
            long checkStart = System.nanoTime();
            boolean complete = assertEveryRunWithAllItsCells(experiment, layout, reference);
            System.out.printf(
                "CrashTest 2026: kill %d after %d ms of writing, %d of %d runs present; checked in"
                    + " %d ms%n",
                kills,
                round.delayMillis(),
                runsPresentAtLastKill,
                RUNS_2026,
                (System.nanoTime() - checkStart) / 1_000_000);
            // Killed after its last write: the next scaffold would have nothing to write.
            if (complete) {
              removeRuns();
            }
          }

          @Override
          public void afterFinish(ScaffoldKills.Round round, int kills) throws IOException {
            System.out.printf(
                "CrashTest 2026: scaffold after %d kills finished; its writing took %d ms%n",
                kills, round.writingMillis());
            assertComplete2026(experiment, reference);
            removeRuns();
          }

          /** The next scaffold starts from no run and no cell, with the last one's lock left. */
          private void removeRuns() {
            for (String made : topLevel(reference.keySet())) {
              Fixtures.deleteTree(experiment.resolve(made));
            }
            runsPresentAtLastKill = 0;
          }
        };
    ScaffoldKills.Summary summary =
        scaffolds.killRepeatedly(experiment, KILLS_2026, random, writeMillis, checks);
    assertComplete2026(experiment, reference);
    System.out.printf(
        "CrashTest 2026: %d runs, %d cells, kills within %d ms; %d SIGKILLs survived in %d"
            + " rounds (%d scaffolds finished between kills; %d kills landed while runs appeared);"
            + " %d files found whole, %d run directories found with all their cells, none partial;"
            + " %d temporary files of killed processes cleared; %d kills came after the lock was"
            + " released%n",
        RUNS_2026,
        layout.cells().size(),
        writeMillis,
        summary.kills(),
        summary.rounds(),
        summary.completions(),
        killsWhileRunsAppeared,
        filesFoundWhole,
        runsFoundWithAllCells,
        scaffolds.debrisSeen,
        scaffolds.lateKills);
  }

  /** The first names of these relative paths. */
  private static Set<String> topLevel(Set<String> paths) {
    Set<String> names = new TreeSet<>();
    paths.forEach(path -> names.add(Path.of(path).getName(0).toString()));
    return names;
  }

  /** Ctrl-C and SIGTERM stop a scaffold the same way; the code is the shell's, 128 + signal. */
  @ParameterizedTest(name = "SIG{0} exits {1}")
  @CsvSource({"INT, 130", "TERM, 143"})
  void aSignalEndsWithItsCodeReleasesTheLockLogsItAndVerifyNamesTheRunsNotWritten(
      String signal, int exitCode) throws Exception {
    Path experiment = LargeExperiment.write(temp.resolve("big"), RUNS, 1);
    List<String> runs = LargeExperiment.runNames(RUNS);
    Map<Path, String> expected = expectedFiles(experiment);
    Started scaffold = scaffolds.start(experiment, "scaffold");
    assertThat(ScaffoldKills.awaitLock(experiment, scaffold)).as(scaffold.describe()).isTrue();
    Thread.sleep(300);

    new ProcessBuilder("kill", "-" + signal, Long.toString(scaffold.pid())).start().waitFor();

    assertThat(scaffold.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(scaffold.process().exitValue()).as(scaffold.describe()).isEqualTo(exitCode);
    assertThat(experiment.resolve(".tunesmith/lock")).as("lock released").doesNotExist();
    assertThat(read(experiment.resolve("scaffold-torchtune.log")))
        .contains("ERROR: Interrupted")
        .contains("COMPLETE: Interrupted");
    assertThat(read(scaffold.out())).contains("### Interrupted");
    Set<String> notWritten = new TreeSet<>();
    for (String run : runs) {
      Path directory = experiment.resolve(run);
      if (!Files.isDirectory(directory)) {
        notWritten.add(run);
        continue;
      }
      try (Stream<Path> entries = Files.list(directory)) {
        assertThat(entries.map(p -> p.getFileName().toString()).sorted().toList())
            .as("%s: whole, no debris", run)
            .containsExactly("finetune.slurm", "finetune.yaml", "setup_finetune.yaml");
      }
      for (String name : List.of("setup_finetune.yaml", "finetune.yaml", "finetune.slurm")) {
        assertThat(read(directory.resolve(name))).isEqualTo(expected.get(directory.resolve(name)));
      }
    }
    assertThat(notWritten).as("the signal came while runs were still to write").isNotEmpty();
    Map<String, String> flagged = notReady(experiment);
    assertThat(flagged.keySet()).isEqualTo(notWritten);
    assertThat(flagged.values()).containsOnly("incomplete");
    System.out.printf(
        "CrashTest: SIG%s after %d of %d runs: exit %d, lock released, %d runs named incomplete%n",
        signal, RUNS - notWritten.size(), RUNS, exitCode, notWritten.size());
  }

  @Test
  void ofTwoScaffoldsStartedTogetherOneWinsAndTheOtherExitsThreeOrWithWaitBothSucceed()
      throws Exception {
    Path experiment = LargeExperiment.write(temp.resolve("big"), RUNS / 4, 1);
    List<String> runs = LargeExperiment.runNames(RUNS / 4);

    // Started together, the two overlap (each plans for about a second before taking the lock).
    // Should a loaded
    // machine start the second only after the first finished, both succeed and the attempt proves
    // nothing: retry.
    boolean raced = false;
    for (int attempt = 1; attempt <= 3 && !raced; attempt++) {
      setEpochs(experiment, attempt);
      Started first = scaffolds.start(experiment, "scaffold", "-q");
      Started second = scaffolds.start(experiment, "scaffold", "-q");
      assertThat(
              first.process().waitFor(120, TimeUnit.SECONDS)
                  && second.process().waitFor(120, TimeUnit.SECONDS))
          .isTrue();
      List<Integer> codes =
          new ArrayList<>(List.of(first.process().exitValue(), second.process().exitValue()));
      assertThat(codes)
          .as(first.describe() + "\n" + second.describe())
          .containsAnyOf(0)
          .allMatch(code -> code == 0 || code == 3)
          .doesNotContainSequence(3, 3);
      raced = codes.contains(3);
      if (raced) {
        Started loser = codes.get(0) == 3 ? first : second;
        Started winner = loser == first ? second : first;
        assertThat(loser.errText())
            .contains("held by pid " + winner.pid())
            .contains("since")
            .contains("host");
      }
      assertComplete(experiment, runs, expectedFiles(experiment));
    }
    assertThat(raced)
        .as("in one of three attempts the two scaffolds overlapped and one exited 3")
        .isTrue();

    setEpochs(experiment, 4);
    Started waitingA = scaffolds.start(experiment, "scaffold", "-q", "--wait");
    Started waitingB = scaffolds.start(experiment, "scaffold", "-q", "--wait");
    assertThat(
            waitingA.process().waitFor(120, TimeUnit.SECONDS)
                && waitingB.process().waitFor(120, TimeUnit.SECONDS))
        .isTrue();
    assertThat(waitingA.process().exitValue()).as(waitingA.describe()).isZero();
    assertThat(waitingB.process().exitValue()).as(waitingB.describe()).isZero();
    assertComplete(experiment, runs, expectedFiles(experiment));
  }
}
