package tunesmith.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tunesmith.report.ScaffoldReport;
import tunesmith.scaffold.RunOutcome;
import tunesmith.scaffold.ScaffoldPlan;
import tunesmith.scaffold.Scaffolder;

@Command(name = "scaffold", mixinStandardHelpOptions = true,
        description = "Plan, write, verify, log and report every fine-tuned run of an experiment.",
        footer = {"", "Examples:", "  tunesmith scaffold                  # the experiment in this directory",
                "  tunesmith scaffold experiments/cap_sweep --json",
                "  tunesmith scaffold --dry-run        # the plan only; nothing written",
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
            return ExitCode.INVALID_INPUT;
        }
        ScaffoldPlan plan = loaded.get();
        if (dryRun) {
            return PlanCommand.print(plan, common, context);
        }
        Scaffolder.Result result;
        try {
            result = new Scaffolder(context.clock(), common.force,
                    ProgressBar.choose(context, common, plan.runs().size(), "scaffolding")).run(plan);
        } catch (IOException e) {
            context.err().println("tunesmith: cannot append to the log in " + plan.experiment().directory() + ": " + e.getMessage());
            return ExitCode.ENVIRONMENT;
        }
        List<RunOutcome> outcomes = result.outcomes();
        Path logFile = result.logFile();
        long failed = result.failedCount();
        common.printReport(context, () -> ScaffoldReport.json(plan, outcomes, logFile),
                () -> ScaffoldReport.text(plan, outcomes, logFile), failed > 0);
        return failed == 0 ? ExitCode.OK : ExitCode.RUNS_FAILED;
    }
}
