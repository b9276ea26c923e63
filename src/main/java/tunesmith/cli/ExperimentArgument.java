package tunesmith.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tunesmith.plan.PlanLoader;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.problem.Hint;
import tunesmith.problem.InputProblem;
import tunesmith.problem.InvalidInputException;

/** The DIR argument of the commands that work on a whole experiment, and how they load its plan. */
final class ExperimentArgument {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DIR",
      description = "The experiment directory (default: the current directory).")
  Path directory;

  /** The command this argument belongs to, for the command a hint gives. */
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  ScaffoldPlan loadPlan(CliContext context, InputOptions inputs) throws InvalidInputException {
    Path experimentDirectory = context.resolve(directory == null ? Path.of(".") : directory);
    Optional<Path> enclosing = PlanLoader.enclosingExperiment(experimentDirectory);
    if (enclosing.isPresent()) {
      // A run's directory, or any other inside an experiment: say which experiment, and how to
      // run the same command on it.
      throw new InvalidInputException(
          new InputProblem(
              experimentDirectory.resolve(PlanLoader.EXPERIMENT_FILE),
              "",
              0,
              0,
              "no such file: "
                  + experimentDirectory
                  + " is inside the experiment "
                  + enclosing.get(),
              "the experiment directory; run: " + Hint.of(command.name(), enclosing.get())));
    }
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
