package tunesmith.setup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import tunesmith.catalog.ModelCatalog;
import tunesmith.catalog.ModelSpec;
import tunesmith.keys.SetupKey;
import tunesmith.keys.SetupKeys;
import tunesmith.keys.SetupValue;
import tunesmith.keys.UserVariable;
import tunesmith.keys.ValueRule;
import tunesmith.problem.InputProblem;
import tunesmith.problem.InputProblems;
import tunesmith.profile.Profile;
import tunesmith.profile.Profiles;
import tunesmith.yaml.ScalarText;

/**
 * Turns one run's given setup values into a {@link SetupConfig}: checks every value against its
 * rule, fills unset keys from the model catalog (SLURM resources) and the built-in defaults, and
 * derives the paths. Shared by {@code scaffold} and {@code setup}, so both write the same files.
 */
public final class SetupResolver {
  private final ModelCatalog catalog;
  private final Optional<String> user;

  /**
   * @param user the value of {@code $USER} in paths, if known
   */
  public SetupResolver(ModelCatalog catalog, Optional<String> user) {
    this.catalog = catalog;
    this.user = user;
  }

  /**
   * @param given the run's values after precedence (later sources already won), known keys only
   * @param runDirectory the run directory, for defaults that depend on it
   */
  public Optional<SetupConfig> resolve(
      Map<String, SetupValue> given, Path runDirectory, InputProblems problems) {
    return resolve(
        given, runDirectory, problems, Profiles.forSetupFile(given.keySet(), Optional.empty()));
  }

  /**
   * @param target the profile of the version that will read the files (see {@link
   *     Profiles#forSetupFile})
   */
  public Optional<SetupConfig> resolve(
      Map<String, SetupValue> given, Path runDirectory, InputProblems problems, Profile target) {
    Profile.Resolving rules = target.resolving();
    int before = problems.size();
    Map<String, Optional<String>> settings = new LinkedHashMap<>();
    for (SetupKey key : SetupKeys.all()) {
      SetupValue value = given.get(key.name());
      if (value != null && !value.isNull()) {
        key.rule()
            .check(value.text())
            .ifPresent(expected -> report(problems, value, "'" + value.text() + "'", expected));
        settings.put(key.name(), Optional.of(value.text()));
      } else {
        settings.put(key.name(), rules.defaultText(key));
      }
    }
    for (String key : rules.required()) {
      if (settings.get(key).isEmpty()) {
        problems.add(
            new InputProblem(
                runDirectory.resolve(SetupFile.FILE_NAME),
                key,
                0,
                0,
                "no " + key + " (target " + target + " has no default for it)",
                key
                    + " in the setup file or as --"
                    + key
                    + ": "
                    + SetupKeys.get(key).rule().expected()));
      }
    }
    List<String> notes = new ArrayList<>();
    BaseRecipeDefaults.apply(given, settings, target, problems, notes);
    for (String key : rules.unread()) {
      SetupValue value = given.get(key);
      if (value != null && !value.isNull()) {
        notes.add(
            key
                + " is set ('"
                + value.text()
                + "') but target "
                + target
                + " never reads it: it is not written to finetune.yaml");
      }
    }
    Optional<ModelSpec> model =
        findModel(given.get("torchtune_model_name"), runDirectory, problems);
    model.ifPresent(
        spec ->
            rules
                .modelResources()
                .forEach(
                    (key, resource) -> {
                      SetupValue value = given.get(key);
                      if (value == null || value.isNull()) {
                        settings.put(
                            key,
                            ModelResources.of(resource, spec)
                                .or(() -> SetupKeys.get(key).defaultText()));
                      }
                    }));
    if (settings.get("my_wandb_run_name").isEmpty()) {
      String directoryName = runDirectory.toAbsolutePath().normalize().getFileName().toString();
      ValueRule.RUN_NAME
          .check(directoryName)
          .ifPresent(
              expected ->
                  problems.add(
                      new InputProblem(
                          runDirectory,
                          "my_wandb_run_name",
                          0,
                          0,
                          "no my_wandb_run_name, and a directory name '"
                              + directoryName
                              + "' that cannot stand in for it",
                          expected)));
      settings.put("my_wandb_run_name", Optional.of(directoryName));
    }
    if (settings.get("dataset_label").isEmpty()) {
      problems.add(
          new InputProblem(
              runDirectory.resolve("setup_finetune.yaml"),
              "dataset_label",
              0,
              0,
              "no dataset_label",
              "the dataset's file name without extension (json) or folder name (parquet)"));
    }
    if (problems.size() > before || model.isEmpty()) {
      return Optional.empty();
    }
    Paths paths = new Paths(settings, runDirectory, problems);
    String modelDir = paths.modelDir(model.get());
    String modelsDir = paths.modelsDir(modelDir);
    String inputDir = paths.inputDir();
    String outputDir =
        OutputDirs.outputDir(
            rules.outputLayout(),
            paths::setting,
            runDirectory.toAbsolutePath().normalize(),
            settings.get("my_wandb_run_name").orElseThrow(),
            problems);
    settings.put("venv", paths.setting("venv"));
    if (problems.size() > before) {
      return Optional.empty();
    }
    List<String> modules =
        settings
            .get("modules")
            .or(() -> settings.get(SetupComposer.MODULES))
            .map(
                list ->
                    Arrays.stream(list.split(","))
                        .map(String::trim)
                        .filter(name -> !name.isEmpty())
                        .toList())
            .orElse(List.of());
    int gpus = Integer.parseInt(settings.get("gpus").orElseThrow());
    if (settings.get("custom_recipe").isEmpty()) {
      settings.put("custom_recipe", target.recipes().whenUnset(gpus));
    }
    Optional<String> recipe =
        settings.get("custom_recipe").map(custom -> RecipeChoice.forGpus(custom, gpus));
    if (recipe.isPresent() && target.recipes().lacks(recipe.get())) {
      String found =
          "custom_recipe '"
              + settings.get("custom_recipe").get()
              + "' on "
              + gpus
              + " GPU(s) runs "
              + recipe.get()
              + ", which target "
              + target
              + " does not have";
      String expected = "one of " + String.join(", ", target.recipes().custom());
      SetupValue customRecipe = given.get("custom_recipe");
      if (customRecipe != null && !customRecipe.isNull()) {
        report(problems, customRecipe, found, expected);
      } else {
        problems.add(
            new InputProblem(
                runDirectory.resolve(SetupFile.FILE_NAME), "custom_recipe", 0, 0, found, expected));
      }
      return Optional.empty();
    }
    SlurmResources resources =
        new SlurmResources(
            settings.get("account").filter(text -> !text.isEmpty()),
            settings.get("partition").filter(text -> !text.isEmpty()),
            settings.get("constraint").filter(text -> !text.isEmpty()),
            settings.get("mem").orElseThrow(),
            settings.get("time").orElseThrow(),
            gpus,
            Integer.parseInt(settings.get("cpus_per_task").orElseThrow()));
    return Optional.of(
        new SetupConfig(
            settings,
            model.get(),
            inputDir,
            modelDir,
            modelsDir,
            outputDir,
            modules,
            resources,
            target,
            notes));
  }

  /**
   * The one GPU rule: a count given by the run, controls or a flag wins (lowering it is warned
   * about, see RunWarnings); otherwise the catalog's, which is what the model needs.
   * claude.local.md's Default GPUs never reaches here.
   */
  public static int gpus(Optional<SetupValue> given, Optional<ModelSpec> model) {
    return given
        .filter(value -> !value.isNull())
        .flatMap(value -> ScalarText.integer(value.text()))
        .map(Long::intValue)
        .orElseGet(() -> model.map(ModelSpec::gpus).orElse(1));
  }

  private Optional<ModelSpec> findModel(
      SetupValue name, Path runDirectory, InputProblems problems) {
    if (name == null || name.isNull()) {
      problems.add(
          new InputProblem(
              runDirectory.resolve("setup_finetune.yaml"),
              "torchtune_model_name",
              0,
              0,
              "no torchtune_model_name",
              "a model from the catalog: " + String.join(", ", catalog.names())));
      return Optional.empty();
    }
    Optional<ModelSpec> spec = catalog.find(name.text());
    if (spec.isEmpty()) {
      report(
          problems,
          name,
          "'" + name.text() + "'" + catalog.hintFor(name.text()),
          "a model from the catalog ("
              + String.join(", ", catalog.names())
              + ") or one added with --models FILE");
    }
    return spec;
  }

  /** An input problem at where {@code value} was given (file, field, line:column). */
  static void report(InputProblems problems, SetupValue value, String found, String expected) {
    SetupValue.Origin origin = value.origin();
    problems.add(
        new InputProblem(
            origin.file(), origin.field(), origin.line(), origin.column(), found, expected));
  }

  /** The derived directories, with $USER expanded. */
  private final class Paths {
    private final Map<String, Optional<String>> settings;
    private final Path runDirectory;
    private final InputProblems problems;

    Paths(Map<String, Optional<String>> settings, Path runDirectory, InputProblems problems) {
      this.settings = settings;
      this.runDirectory = runDirectory.toAbsolutePath().normalize();
      this.problems = problems;
    }

    String modelDir(ModelSpec model) {
      Optional<String> checkpoint = setting("model_checkpoint");
      if (checkpoint.isPresent() && checkpoint.get().startsWith("/")) {
        return PathText.withoutTrailingSlash(checkpoint.get());
      }
      Optional<String> modelsDir = setting("models_dir");
      if (modelsDir.isEmpty()) {
        problems.add(
            new InputProblem(
                runDirectory.resolve("setup_finetune.yaml"),
                "models_dir",
                0,
                0,
                checkpoint
                    .map(
                        name ->
                            "model_checkpoint '"
                                + name
                                + "' (a name, not an absolute path) and no models_dir")
                    .orElse("neither model_checkpoint nor models_dir"),
                "model_checkpoint as an absolute path, or models_dir to find the model in"));
        return "";
      }
      return PathText.withSlash(modelsDir.get()) + checkpoint.orElse(model.name());
    }

    String modelsDir(String modelDir) {
      return setting("models_dir")
          .map(PathText::withoutTrailingSlash)
          .orElseGet(
              () ->
                  modelDir.isEmpty()
                      ? ""
                      : PathText.withoutTrailingSlash(PathText.parent(modelDir)));
    }

    String inputDir() {
      String base = setting("input_dir_base").orElse(runDirectory.toString());
      String formatting = settings.get("input_formatting").orElse("");
      return PathText.withSlash(base)
          + (formatting.isEmpty() ? "" : PathText.withSlash(formatting));
    }

    Optional<String> setting(String key) {
      return settings.get(key).map(this::expandUser);
    }

    /** $USER is expanded here, once, so jobs never depend on the variable on the compute node. */
    private String expandUser(String text) {
      if (!UserVariable.PATTERN.matcher(text).find()) {
        return text;
      }
      if (user.isEmpty()) {
        problems.add(
            new InputProblem(
                Path.of("environment"),
                "USER",
                0,
                0,
                "a path with $USER ('"
                    + text
                    + "') and no user name (USER is unset, claude.local.md names none)",
                "USER set in the environment or a Username in claude.local.md"));
        return text;
      }
      if (ValueRule.RUN_NAME.check(user.get()).isPresent()) {
        problems.add(
            new InputProblem(
                Path.of("environment"),
                "USER",
                0,
                0,
                "a user name '"
                    + user.get()
                    + "' (from USER, or claude.local.md's Username when USER is unset)"
                    + " that cannot stand in a path of a batch script",
                "letters, digits and . _ - + ="));
        return text;
      }
      return UserVariable.PATTERN.matcher(text).replaceAll(Matcher.quoteReplacement(user.get()));
    }
  }
}
