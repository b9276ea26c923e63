package tunesmith.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Parameters;
import tunesmith.problem.InvalidInputException;
import tunesmith.scaffold.PlanLoader;
import tunesmith.scaffold.ScaffoldPlan;

/** The DIR argument of the commands that work on a whole experiment, and how they load its plan. */
final class ExperimentArgument {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DIR",
      description = "The experiment directory (default: the current directory).")
  Path directory;

  /** The plan, or empty once every input problem has been reported (the command then exits 2). */
  Optional<ScaffoldPlan> loadPlan(CliContext context, CommonOptions common) {
    Path experimentDirectory = context.resolve(directory == null ? Path.of(".") : directory);
    try {
      return Optional.of(
          PlanLoader.load(
              new PlanLoader.Request(
                  experimentDirectory,
                  context.workingDirectory(),
                  common.localMd(context),
                  common.models(context),
                  context.environment(),
                  common.target())));
    } catch (InvalidInputException invalid) {
      InputErrors.report(invalid, context, common.json);
      return Optional.empty();
    }
  }
}
