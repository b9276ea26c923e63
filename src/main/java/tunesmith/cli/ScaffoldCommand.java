package tunesmith.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tunesmith.experiment.ExperimentReader;
import tunesmith.experiment.RunSpec;
import tunesmith.problem.Warning;
import tunesmith.report.ScaffoldLog;
import tunesmith.report.ScaffoldLog.Action;
import tunesmith.report.ScaffoldReport;
import tunesmith.scaffold.RunOutcome;
import tunesmith.scaffold.ScaffoldPlan;
import tunesmith.scaffold.ScaffoldWriter;

@Command(name = "scaffold", mixinStandardHelpOptions = true,
        description = "Plan, write, verify, log and report every fine-tuned run of an experiment.",
        footer = {"", "Examples:", "  tunesmith scaffold                       # the experiment in the current directory",
                "  tunesmith scaffold experiments/cap_sweep --json",
                "  tunesmith scaffold --dry-run             # the plan only; nothing written",
                "", "Exit codes: 0 all runs written and verified; 1 some runs failed; 2 invalid input (nothing written); 3 environment problem."})
final class ScaffoldCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    ExperimentArgument experiment;

    @Option(names = "--dry-run", description = "Print the plan and write nothing (same as `tunesmith plan`).")
    boolean dryRun;

    @Mixin
    CommonOptions common;

    ScaffoldCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Optional<ScaffoldPlan> loaded = experiment.loadPlan(context, common);
        if (loaded.isEmpty()) {
            return InputErrors.EXIT;
        }
        ScaffoldPlan plan = loaded.get();
        if (dryRun) {
            return PlanCommand.print(plan, common, context);
        }
        ScaffoldLog log = new ScaffoldLog(context.clock());
        logPlan(plan, log);
        List<RunOutcome> outcomes = new ScaffoldWriter(log, common.force).write(plan);
        long failed = outcomes.stream().filter(RunOutcome::failed).count();
        log.add(Action.COMPLETE, failed == 0 ? "All runs scaffolded" : failed + " run(s) failed",
                "Summary: " + (outcomes.size() - failed) + " runs created successfully, " + failed + " failures",
                failed == 0 ? "Ready to submit" : "See the failed runs in the report");
        Path logFile = plan.experiment().directory().resolve(ScaffoldLog.FILE_NAME);
        try {
            log.flush(plan.experiment().directory());
        } catch (IOException e) {
            context.err().println("tunesmith: cannot append to " + logFile + ": " + e.getMessage());
            return 3;
        }
        if (common.json) {
            context.out().print(ScaffoldReport.json(plan, outcomes, logFile));
        }
        if (!common.quiet || failed > 0) {
            // With --json the people-facing report goes to stderr, leaving stdout one JSON object.
            (common.json ? context.err() : context.out()).print(ScaffoldReport.text(plan, outcomes, logFile));
        }
        return failed == 0 ? 0 : 1;
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
                        + ", account=" + plan.local().account().orElse("(unset)") : "Using built-in defaults");
        for (RunSpec control : plan.experiment().controlRuns()) {
            log.add(Action.SKIP_CONTROL, control.name(), "type: control", "Skipped: control runs are not fine-tuned");
        }
        for (Warning warning : plan.warnings()) {
            log.add(Action.WARNING, "Experiment", warning.render(), "Continuing");
        }
    }
}
