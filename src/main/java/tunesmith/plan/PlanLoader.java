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
import tunesmith.yaml.YamlFileReader;
import tunesmith.yaml.YamlMapping;
import tunesmith.yaml.YamlNode;

/** Reads everything a plan needs (catalog, experiment, claude.local.md) and plans the runs. */
public final class PlanLoader {

  /** Where to look and what the environment says. */
  public record Request(
      Path experimentDirectory,
      Path workingDirectory,
      Optional<Path> localMd,
      Optional<Path> modelsFile,
      Map<String, String> environment,
      Optional<Profile> target) {

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
    Read read = read(request, catalogFor, local, localProblems, problems);
    Optional<ExperimentPlan> experiment = read.experiment();
    Evaluation.Plan evaluation = read.evaluation();
    problems.throwIfAny();
    // --target overrides the format's choice.
    Profile target = request.target().orElse(experiment.orElseThrow().profile());
    ModelCatalog catalog = catalogFor.apply(target);
    Optional<String> user =
        Optional.ofNullable(request.environment().get("USER"))
            .filter(name -> !name.isBlank())
            .or(local::username);
    return new ScaffoldPlanner(catalog, user, target)
        .plan(experiment.orElseThrow(), local)
        .withEvaluation(evaluation);
  }

  /** The experiment and its evaluation half, as read from experiment_summary.yaml. */
  private record Read(Optional<ExperimentPlan> experiment, Evaluation.Plan evaluation) {}

  /**
   * Reads experiment_summary.yaml once for both halves: its document (thousands of runs' worth of
   * nodes) is let go of before the runs are planned.
   */
  private static Read read(
      Request request,
      Function<Profile, ModelCatalog> catalogFor,
      LocalSettings local,
      InputProblems localProblems,
      InputProblems problems) {
    Path directory = request.experimentDirectory();
    Optional<YamlNode> document =
        YamlFileReader.read(directory.resolve(ExperimentReader.FILE_NAME), problems);
    Optional<ExperimentPlan> experiment =
        document.flatMap(
            root ->
                new ExperimentReader(catalogFor, local.scratchDir().map(Path::of))
                    .read(directory, root, problems));
    localProblems.list().forEach(problems::add);
    // The evaluation half is read with the same problems: every input error is reported at once.
    Evaluation.Plan evaluation =
        experiment
            .filter(plan -> plan.profile().has(Profile.Rule.EVALUATION))
            .flatMap(
                plan ->
                    document
                        .filter(YamlMapping.class::isInstance)
                        .map(YamlMapping.class::cast)
                        .map(
                            root ->
                                evaluation(
                                    plan,
                                    root,
                                    local,
                                    catalogFor.apply(request.target().orElse(plan.profile())),
                                    problems)))
            .orElse(Evaluation.none());
    return new Read(experiment, evaluation);
  }

  /**
   * The cells of the experiment: evaluation.* read from the file's document, runs and models as the
   * experiment reader read them, conditions resolved as training resolves them (the "test" split).
   */
  private static Evaluation.Plan evaluation(
      ExperimentPlan experiment,
      YamlMapping root,
      LocalSettings local,
      ModelCatalog catalog,
      InputProblems problems) {
    Path file = experiment.summaryFile();
    Optional<YamlMapping> dataGeneration =
        mapping(root, "data").flatMap(data -> mapping(data, "data_generation"));
    return Evaluation.plan(
        file,
        root,
        EvalRuns.of(experiment),
        experiment.directory(),
        local,
        EvalModels.from(catalog),
        new GeneratedTestFiles(dataGeneration, local.scratchDir().map(Path::of)),
        problems);
  }

  private static Optional<YamlMapping> mapping(YamlMapping parent, String key) {
    return parent.get(key).filter(YamlMapping.class::isInstance).map(YamlMapping.class::cast);
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
    return LocalSettingsReader.read(found.get(), problems);
  }
}
