package tunesmith.plan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tunesmith.catalog.ModelCatalog;
import tunesmith.catalog.ModelCatalogReader;
import tunesmith.environment.LocalSettings;
import tunesmith.environment.LocalSettingsLocator;
import tunesmith.environment.LocalSettingsReader;
import tunesmith.evaluation.EvalModels;
import tunesmith.evaluation.Evaluation;
import tunesmith.experiment.ExperimentPlan;
import tunesmith.experiment.ExperimentReader;
import tunesmith.problem.InputProblem;
import tunesmith.problem.InputProblems;
import tunesmith.problem.InvalidInputException;
import tunesmith.problem.Warning;
import tunesmith.profile.Profile;
import tunesmith.profile.Profiles;
import tunesmith.setup.SetupComposer;

/** Reads everything a plan needs (catalog, experiment, claude.local.md) and plans the runs. */
public final class PlanLoader {

  /** Where to look and what the environment says. */
  public record Request(
      Path experimentDirectory,
      Path workingDirectory,
      Optional<Path> localMd,
      Optional<Path> modelsFile,
      Map<String, String> environment,
      Optional<Profile> target,
      List<Profile> profiles) {

    /** With the built-in profiles. */
    public Request(
        Path experimentDirectory,
        Path workingDirectory,
        Optional<Path> localMd,
        Optional<Path> modelsFile,
        Map<String, String> environment,
        Optional<Profile> target) {
      this(
          experimentDirectory,
          workingDirectory,
          localMd,
          modelsFile,
          environment,
          target,
          Profiles.all());
    }

    public Request(
        Path experimentDirectory,
        Path workingDirectory,
        Optional<Path> localMd,
        Optional<Path> modelsFile,
        Map<String, String> environment) {
      this(
          experimentDirectory,
          workingDirectory,
          localMd,
          modelsFile,
          environment,
          Optional.empty());
    }
  }

  private PlanLoader() {}

  /** The file that makes a directory an experiment. */
  public static final String EXPERIMENT_FILE = ExperimentReader.FILE_NAME;

  /**
   * When {@code directory} is no experiment but lies inside one (a run's directory, a cell's, any
   * directory below): the nearest enclosing experiment directory.
   */
  public static Optional<Path> enclosingExperiment(Path directory) {
    if (Files.isRegularFile(directory.resolve(EXPERIMENT_FILE))) {
      return Optional.empty();
    }
    for (Path parent = directory.getParent(); parent != null; parent = parent.getParent()) {
      if (Files.isRegularFile(parent.resolve(EXPERIMENT_FILE))) {
        return Optional.of(parent);
      }
    }
    return Optional.empty();
  }

  /** Throws InvalidInputException listing every problem in every input. */
  public static ScaffoldPlan load(Request request) {
    Path directory = request.experimentDirectory();
    if (!Files.isRegularFile(directory.resolve(ExperimentReader.FILE_NAME))) {
      throw new InvalidInputException(
          new InputProblem(
              directory.resolve(ExperimentReader.FILE_NAME),
              "",
              0,
              0,
              Files.isDirectory(directory) ? "no such file" : "no such directory " + directory,
              "an experiment directory holding " + ExperimentReader.FILE_NAME));
    }
    if (directory.toString().chars().anyMatch(Character::isISOControl)) {
      // The run directories' paths go into finetune.slurm, one command per line.
      throw new InvalidInputException(
          new InputProblem(
              directory,
              "",
              0,
              0,
              "an experiment directory whose path holds a control character (a newline, carriage return or tab)",
              "a directory path without control characters, since it is written into finetune.slurm"));
    }
    InputProblems problems = new InputProblems();
    // The experiment's format chooses the target, and the target the built-in catalog.
    Map<Profile, ModelCatalog> catalogs = new HashMap<>();
    Function<Profile, ModelCatalog> catalogFor =
        target ->
            catalogs.computeIfAbsent(
                target, t -> ModelCatalogReader.load(request.modelsFile(), t, problems));
    catalogFor.apply(Profiles.fallback());
    problems.throwIfAny();
    // claude.local.md is read first (its scratch directory locates generated datasets), but its
    // problems are reported after the experiment's, as they always were.
    InputProblems localProblems = new InputProblems();
    LocalSettings local = localSettings(request, localProblems);
    // One pass over experiment_summary.yaml reads both halves, evaluation included.
    Optional<ExperimentPlan> read =
        new ExperimentReader(catalogFor, local.scratchDir().map(Path::of), request.profiles())
            .read(directory, problems);
    localProblems.list().forEach(problems::add);
    if (read.isEmpty()) {
      problems.throwIfAny();
    }
    ExperimentPlan experiment = read.orElseThrow();
    // --target overrides the format's choice.
    Profile target = request.target().orElse(experiment.profile());
    ModelCatalog catalog = catalogFor.apply(target);
    Optional<String> user =
        Optional.ofNullable(request.environment().get("USER"))
            .filter(name -> !name.isBlank())
            .or(local::username);
    // The evaluation's problems are the file's: reported before any run is planned.
    Evaluation.Plan evaluation =
        experiment
            .evaluation()
            .map(
                design ->
                    Evaluation.plan(
                        experiment.summaryFile(),
                        design,
                        EvalRuns.of(
                            experiment,
                            new SetupComposer(catalog, experiment.profile()),
                            target,
                            local),
                        experiment.directory(),
                        local,
                        EvalModels.from(catalog),
                        new GeneratedTestFiles(
                            experiment.dataGeneration(), local.scratchDir().map(Path::of)),
                        problems))
            .orElse(Evaluation.none());
    problems.throwIfAny();
    return new ScaffoldPlanner(catalog, user, target)
        .plan(experiment, local)
        .withEvaluation(evaluation);
  }

  private static LocalSettings localSettings(Request request, InputProblems problems) {
    Optional<Path> found =
        LocalSettingsLocator.locate(
            request.localMd(), request.workingDirectory(), request.experimentDirectory());
    if (found.isEmpty()) {
      return LocalSettings.none(
          List.of(
              Warning.global(
                  "no "
                      + LocalSettingsLocator.FILE_NAME
                      + " found (looked in the current directory, the experiment directory and its parents): using built-in defaults")));
    }
    LocalSettings read = LocalSettingsReader.read(found.get(), problems);
    if (request.localMd().isPresent()) {
      return read; // the file the user named
    }
    return LocalSettingsLocator.notTheExperimentsOwn(found.get(), request.experimentDirectory())
        .map(why -> read.withWarning(Warning.global(why)))
        .orElse(read);
  }
}
