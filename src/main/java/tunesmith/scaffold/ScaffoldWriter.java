package tunesmith.scaffold;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tunesmith.files.AtomicFiles;
import tunesmith.files.StagedDirectory;
import tunesmith.files.StateDirectory;
import tunesmith.lock.Interruption;
import tunesmith.parallel.ProgressListener;
import tunesmith.parallel.RunPool;
import tunesmith.plan.PlannedRun;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.scaffold.ScaffoldLog.Action;
import tunesmith.setup.SetupFile;
import tunesmith.verify.GeneratedFilesCheck;
import tunesmith.verify.Mismatch;
import tunesmith.verify.RunVerifier;

/** Writes each planned run's three files, then reads them back and verifies them. */
public final class ScaffoldWriter {
  public static final List<String> RUN_FILES =
      List.of(SetupFile.FILE_NAME, "finetune.yaml", "finetune.slurm");

  private final ScaffoldLog log;
  private final boolean force;
  private final Interruption interruption;
  private final RunCells cells;

  /**
   * @param interruption asked before each run: once it is requested, no further run is started
   * @param cells evaluation cells to write into each new run's directory as it is staged; the
   *     {@link CellScaffolder} then logs them, and writes the cells of every other run
   */
  ScaffoldWriter(ScaffoldLog log, boolean force, Interruption interruption, RunCells cells) {
    this.log = log;
    this.force = force;
    this.interruption = interruption;
    this.cells = cells;
  }

  /**
   * Every run, split across the pool's threads; outcomes and log entries in plan order. Each run
   * logs into its own section, added to the log once the run is done.
   */
  public List<RunOutcome> write(ScaffoldPlan plan, RunPool pool, ProgressListener progress) {
    return log.mapInSections(pool, plan.runs(), this::write, progress);
  }

  /** One run; a failure here fails this run only. */
  RunOutcome write(PlannedRun run) {
    String name = run.run().name();
    Path directory = run.directory();
    if (interruption.requested()) {
      return new RunOutcome(run, RunOutcome.Status.INTERRUPTED, List.of(), List.of());
    }
    // Set once the run's directory exists with its cells in it: every outcome from then on says so.
    boolean withCells = false;
    try {
      boolean existed = Files.isDirectory(directory);
      // A directory an interrupted scaffold made but left without files holds no run yet: its run
      // is "created".
      boolean hadFiles =
          existed && RUN_FILES.stream().anyMatch(file -> Files.exists(directory.resolve(file)));
      // Under the experiment lock, a temporary file of a dead process is debris of a killed
      // scaffold.
      if (existed) {
        AtomicFiles.removeLeftovers(directory);
      }
      log.add(
          Action.CREATE_RUN_DIR,
          name,
          "mkdir -p " + directory,
          existed ? "Directory already existed" : "Directory created successfully");
      Map<Path, String> texts = RunFiles.of(run);
      Path setupFile = directory.resolve(SetupFile.FILE_NAME);
      Path yamlFile = directory.resolve("finetune.yaml");
      Path scriptFile = directory.resolve("finetune.slurm");
      // Written in plan order, setup_finetune.yaml first: the order a kill can interrupt is always
      // the same.
      Set<Path> stale = new LinkedHashSet<>();
      List<String> discarded = new java.util.ArrayList<>();
      if (!existed) {
        writeNew(run, texts);
        withCells = cells.any(run);
        stale.addAll(texts.keySet());
      } else {
        for (Map.Entry<Path, String> file : texts.entrySet()) {
          if (AtomicFiles.differs(file.getKey(), file.getValue())) {
            stale.add(file.getKey());
          }
        }
        if (!stale.isEmpty() && submitted(directory) && !force) {
          return failed(
              run,
              false,
              "already submitted ("
                  + StateDirectory.SUBMISSION_RECORD
                  + " exists) and its files would change: not overwritten without --force",
              "Run left as it was");
        }
        Map<String, String> replaced = new java.util.LinkedHashMap<>();
        stale.forEach(file -> replaced.put(file.getFileName().toString(), texts.get(file)));
        discarded.addAll(GeneratedFilesCheck.differences(directory, replaced));
        discarded.forEach(
            difference ->
                log.add(Action.WARNING, name, "replaced " + difference, "Overwritten by scaffold"));
        for (Path file : stale) {
          AtomicFiles.write(file, texts.get(file));
        }
      }
      log.add(
          Action.GENERATE_YAML,
          name + "/" + SetupFile.FILE_NAME,
          "Parameters: " + parameters(run),
          (stale.contains(setupFile) ? "File written (" : "File unchanged (")
              + texts.get(setupFile).length()
              + " bytes)");
      log.add(
          Action.RUN_SETUP,
          name,
          "Command: cd " + directory + " && tunesmith setup --config_file " + SetupFile.FILE_NAME,
          "Success - "
              + (stale.contains(yamlFile) || stale.contains(scriptFile) ? "generated" : "unchanged")
              + " finetune.yaml and finetune.slurm");
      List<String> mismatches =
          RunVerifier.verifyJustWritten(run.toCheck()).stream().map(Mismatch::text).toList();
      run.warnings()
          .forEach(
              warning -> log.add(Action.WARNING, name, warning, "Run written; check the warning"));
      if (!mismatches.isEmpty()) {
        log.add(
            Action.VERIFY,
            name,
            String.join("; ", mismatches),
            "FAILED: generated files do not match the plan");
        return new RunOutcome(run, RunOutcome.Status.FAILED, RUN_FILES, mismatches, withCells);
      }
      log.add(
          Action.VERIFY,
          name,
          "Read back finetune.yaml and finetune.slurm; compared parameters, paths and SLURM resources",
          "All values match the plan");
      RunOutcome.Status status =
          stale.isEmpty()
              ? RunOutcome.Status.UNCHANGED
              : hadFiles ? RunOutcome.Status.UPDATED : RunOutcome.Status.CREATED;
      return new RunOutcome(run, status, RUN_FILES, List.of(), withCells, discarded);
    } catch (IOException e) {
      return failed(
          run,
          withCells,
          "could not write the run: " + describe(e),
          "Run failed; the other runs go on");
    } catch (RuntimeException e) {
      return failed(
          run,
          withCells,
          "could not write the run (internal error: " + e.getMessage() + ")",
          "Run failed; the other runs go on");
    }
  }

  /**
   * A run directory that did not exist is made with its files, and its evaluation cells, in one
   * step ({@link StagedDirectory}): a kill leaves no directory or the whole run, and the run costs
   * one rename.
   */
  private void writeNew(PlannedRun run, Map<Path, String> texts) throws IOException {
    Path directory = run.directory();
    StagedDirectory.create(
        directory,
        staged -> {
          for (Map.Entry<Path, String> file : texts.entrySet()) {
            staged.write(directory.relativize(file.getKey()).toString(), file.getValue());
          }
          cells.stage(run, staged);
        });
  }

  private RunOutcome failed(PlannedRun run, boolean withCells, String error, String result) {
    log.add(Action.ERROR, run.run().name(), error, result);
    return new RunOutcome(run, RunOutcome.Status.FAILED, List.of(), List.of(error), withCells);
  }

  /** What went wrong, in words: the user sees this, not an exception class. */
  static String describe(IOException e) {
    String path =
        e instanceof java.nio.file.FileSystemException fileSystem ? fileSystem.getFile() : null;
    if (e instanceof java.nio.file.FileAlreadyExistsException) {
      return path + " exists and is not a directory";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied: " + path;
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file or directory: " + path;
    }
    if (e instanceof java.nio.file.FileSystemException fileSystem
        && fileSystem.getReason() != null) {
      return fileSystem.getReason() + ": " + path;
    }
    return String.valueOf(e.getMessage());
  }

  static String parameters(PlannedRun run) {
    return run.run().parameters().entrySet().stream()
        .map(
            entry -> run.run().parameterNames().get(entry.getKey()) + "=" + entry.getValue().text())
        .collect(Collectors.joining(", "));
  }

  static boolean submitted(Path directory) {
    return Files.exists(directory.resolve(StateDirectory.SUBMISSION_RECORD));
  }
}
