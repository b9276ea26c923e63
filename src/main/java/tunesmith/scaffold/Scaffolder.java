package tunesmith.scaffold;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import tunesmith.experiment.ExperimentReader;
import tunesmith.experiment.RunSpec;
import tunesmith.problem.Warning;
import tunesmith.report.ScaffoldLog.Action;
import tunesmith.report.ScaffoldLog;

/** The scaffold job after planning: write and verify every run, and log each step. */
public final class Scaffolder {

    /** What scaffold did: one outcome per planned run, and the log it appended to. */
    public record Result(List<RunOutcome> outcomes, Path logFile) {
        public long failedCount() {
            return outcomes.stream().filter(RunOutcome::failed).count();
        }
    }

    private final Clock clock;
    private final boolean force;
    private final ProgressListener progress;

    /** @param force overwrite runs that were already submitted */
    public Scaffolder(Clock clock, boolean force) {
        this(clock, force, ProgressListener.NONE);
    }

    /** @param progress told as each run is written and verified */
    public Scaffolder(Clock clock, boolean force, ProgressListener progress) {
        this.clock = clock;
        this.force = force;
        this.progress = progress;
    }

    /** Writes every run; throws IOException only when the log itself cannot be written. */
    public Result run(ScaffoldPlan plan) throws IOException {
        ScaffoldLog log = new ScaffoldLog(clock);
        logPlan(plan, log);
        List<RunOutcome> outcomes = new ScaffoldWriter(log, force).write(plan, RunPool.sizedToMachine(), progress);
        long failed = outcomes.stream().filter(RunOutcome::failed).count();
        log.add(Action.COMPLETE, failed == 0 ? "All runs scaffolded" : failed + " run(s) failed",
                "Summary: " + (outcomes.size() - failed) + " runs created successfully, " + failed + " failures",
                failed == 0 ? "Ready to submit" : "See the failed runs in the report");
        Path directory = plan.experiment().directory();
        log.flush(directory);
        return new Result(outcomes, directory.resolve(ScaffoldLog.FILE_NAME));
    }

    private static void logPlan(ScaffoldPlan plan, ScaffoldLog log) {
        Path summary = plan.experiment().directory().resolve(ExperimentReader.FILE_NAME);
        log.add(Action.DISCOVER_EXPERIMENT, "Found experiment", summary.toString(),
                "Successfully read experiment plan (" + plan.experiment().fineTunedRuns().size() + " fine-tuned runs)");
        log.add(Action.PARSE_YAML, "Parsing experiment configuration", "Read " + ExperimentReader.FILE_NAME + " structure",
                "Found " + plan.experiment().fineTunedRuns().size() + " fine-tuned runs, " + plan.experiment().controlRuns().size()
                        + " control runs; varying: " + plan.varying().keySet());
        log.add(Action.READ_LOCAL_MD, "Reading environment settings",
                plan.local().source().map(Path::toString).orElse("no claude.local.md found"),
                plan.local().source().isPresent() ? "conda_env=" + plan.local().condaEnv().orElse("(unset)")
                        + ", account=" + plan.local().account().orElse("(unset)")
                        + ", working_dir=" + plan.local().workingDir().orElse("(unset)") : "Using built-in defaults");
        for (RunSpec control : plan.experiment().controlRuns()) {
            log.add(Action.SKIP_CONTROL, control.name(), "type: control", "Skipped: control runs are not fine-tuned");
        }
        for (Warning warning : plan.warnings()) {
            log.add(Action.WARNING, "Experiment", warning.render(), "Continuing");
        }
    }
}
