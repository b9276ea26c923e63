package tunesmith.cli;

import java.nio.file.Path;
import picocli.CommandLine.Parameters;
import tunesmith.plan.PlanLoader;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.problem.InvalidInputException;

/** The DIR argument of the commands that work on a whole experiment, and how they load its plan. */
final class ExperimentArgument {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DIR",
      description = "The experiment directory (default: the current directory).")
  Path directory;

  ScaffoldPlan loadPlan(CliContext context, InputOptions inputs) throws InvalidInputException {
    Path experimentDirectory = context.resolve(directory == null ? Path.of(".") : directory);
    return PlanLoader.load(
        new PlanLoader.Request(
            experimentDirectory,
            context.workingDirectory(),
            inputs.localMd(context),
            inputs.models(context),
            context.environment(),
            inputs.target()));
  }
}
