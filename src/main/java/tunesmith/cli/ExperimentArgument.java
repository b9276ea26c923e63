package tunesmith.cli;

import java.nio.file.Path;
import picocli.CommandLine.Parameters;
import tunesmith.scaffold.PlanLoader;
import tunesmith.scaffold.ScaffoldPlan;

/** The DIR argument of the commands that work on a whole experiment, and how they load its plan. */
final class ExperimentArgument {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The experiment directory (default: the current directory).")
    Path directory;

    /** Throws InvalidInputException with every problem of every input. */
    ScaffoldPlan loadPlan(CliContext context, CommonOptions common) {
        Path experimentDirectory = context.resolve(directory == null ? Path.of(".") : directory);
        return PlanLoader.load(new PlanLoader.Request(experimentDirectory, context.workingDirectory(),
                common.localMd(context), common.models(context), context.environment()));
    }
}
