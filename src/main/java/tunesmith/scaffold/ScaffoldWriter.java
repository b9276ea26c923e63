package tunesmith.scaffold;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import tunesmith.render.RunRenderer;
import tunesmith.report.ScaffoldLog.Action;
import tunesmith.report.ScaffoldLog;
import tunesmith.setup.SetupFile;
import tunesmith.verify.RunVerifier;

/** Writes each planned run's three files, then reads them back and verifies them. */
public final class ScaffoldWriter {
    public static final List<String> RUN_FILES = List.of(SetupFile.FILE_NAME, "finetune.yaml", "finetune.slurm");
    static final String SUBMISSION_RECORD = ".tunesmith/submission.json";

    private final ScaffoldLog log;
    private final boolean force;

    public ScaffoldWriter(ScaffoldLog log, boolean force) {
        this.log = log;
        this.force = force;
    }

    public List<RunOutcome> write(ScaffoldPlan plan) {
        List<RunOutcome> outcomes = new ArrayList<>();
        for (PlannedRun run : plan.runs()) {
            outcomes.add(write(run));
        }
        return outcomes;
    }

    /** One run; a failure here fails this run only. */
    RunOutcome write(PlannedRun run) {
        String name = run.run().name();
        Path directory = run.directory();
        try {
            boolean existed = Files.isDirectory(directory);
            Files.createDirectories(directory);
            log.add(Action.CREATE_RUN_DIR, name, "mkdir -p " + directory, existed ? "Directory already existed" : "Directory created successfully");
            Path setupFile = directory.resolve(SetupFile.FILE_NAME);
            String setupText = SetupFile.write(run.setupValues());
            RunRenderer.RenderedRun rendered = RunRenderer.render(run.config(), directory, setupFile);
            List<String> texts = List.of(setupText, rendered.finetuneYaml(), rendered.finetuneSlurm());
            if (wouldChange(directory, texts) && submitted(directory) && !force) {
                String error = "already submitted (" + SUBMISSION_RECORD + " exists) and its files would change: not overwritten without --force";
                log.add(Action.ERROR, name, error, "Run left as it was");
                return new RunOutcome(run, RunOutcome.Status.FAILED, List.of(), List.of(error));
            }
            boolean setupChanged = AtomicFiles.writeIfChanged(setupFile, setupText);
            log.add(Action.GENERATE_YAML, name + "/" + SetupFile.FILE_NAME, "Parameters: " + parameters(run),
                    (setupChanged ? "File written (" : "File unchanged (") + setupText.length() + " bytes)");
            boolean yamlChanged = AtomicFiles.writeIfChanged(directory.resolve("finetune.yaml"), rendered.finetuneYaml());
            boolean scriptChanged = AtomicFiles.writeIfChanged(directory.resolve("finetune.slurm"), rendered.finetuneSlurm());
            log.add(Action.RUN_SETUP, name, "Command: cd " + directory + " && tunesmith setup --config_file " + SetupFile.FILE_NAME,
                    "Success - " + (yamlChanged || scriptChanged ? "generated" : "unchanged") + " finetune.yaml and finetune.slurm");
            List<String> mismatches = RunVerifier.verify(directory, run.config());
            run.warnings().forEach(warning -> log.add(Action.WARNING, name, warning, "Run written; check the warning"));
            if (!mismatches.isEmpty()) {
                log.add(Action.VERIFY, name, String.join("; ", mismatches), "FAILED: generated files do not match the plan");
                return new RunOutcome(run, RunOutcome.Status.FAILED, RUN_FILES, mismatches);
            }
            log.add(Action.VERIFY, name, "Read back finetune.yaml and finetune.slurm; compared parameters, paths and SLURM resources",
                    "All values match the plan");
            boolean changed = setupChanged || yamlChanged || scriptChanged;
            RunOutcome.Status status = !changed ? RunOutcome.Status.UNCHANGED : existed ? RunOutcome.Status.UPDATED : RunOutcome.Status.CREATED;
            return new RunOutcome(run, status, RUN_FILES, List.of());
        } catch (IOException e) {
            String error = "could not write the run: " + describe(e);
            log.add(Action.ERROR, name, error, "Run failed; the other runs go on");
            return new RunOutcome(run, RunOutcome.Status.FAILED, List.of(), List.of(error));
        } catch (RuntimeException e) {
            String error = "could not write the run (internal error: " + e.getMessage() + ")";
            log.add(Action.ERROR, name, error, "Run failed; the other runs go on");
            return new RunOutcome(run, RunOutcome.Status.FAILED, List.of(), List.of(error));
        }
    }

    /** What went wrong, in words: the user sees this, not an exception class. */
    static String describe(IOException e) {
        String path = e instanceof java.nio.file.FileSystemException fileSystem ? fileSystem.getFile() : null;
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return path + " exists and is not a directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: " + path;
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory: " + path;
        }
        if (e instanceof java.nio.file.FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason() + ": " + path;
        }
        return String.valueOf(e.getMessage());
    }

    static String parameters(PlannedRun run) {
        return run.run().parameters().entrySet().stream()
                .map(entry -> run.run().parameterNames().get(entry.getKey()) + "=" + entry.getValue().text())
                .collect(Collectors.joining(", "));
    }

    private static boolean wouldChange(Path directory, List<String> texts) throws IOException {
        for (int i = 0; i < RUN_FILES.size(); i++) {
            Path file = directory.resolve(RUN_FILES.get(i));
            if (!Files.isRegularFile(file) || !Files.readString(file).equals(texts.get(i))) {
                return true;
            }
        }
        return false;
    }

    static boolean submitted(Path directory) {
        return Files.exists(directory.resolve(SUBMISSION_RECORD));
    }
}
