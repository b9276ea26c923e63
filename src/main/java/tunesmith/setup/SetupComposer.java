package tunesmith.setup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tunesmith.catalog.ModelCatalog;
import tunesmith.environment.LocalSettings;
import tunesmith.experiment.BaseModel;
import tunesmith.experiment.ExperimentPlan;
import tunesmith.experiment.RunDataset;
import tunesmith.experiment.RunSpec;
import tunesmith.keys.SetupValue;
import tunesmith.profile.Profile;
import tunesmith.yaml.ScalarText;

/**
 * What scaffold writes into one run's setup_finetune.yaml. Sources are laid over each other, later
 * ones winning: the profile's presets, claude.local.md, the experiment, controls, the run's
 * parameters, MIG, the run's compute block, then its slurm_overrides. What differs between versions
 * is the experiment's profile's {@link Profile.Layering} (docs/SETUP-0.3.md).
 */
public final class SetupComposer {
  static final String VALIDATION_INTERVAL = "50";

  /**
   * The key scaffold writes claude.local.md's modules under. Not {@code modules}: cruijff_kit's
   * setup_finetune.py, given that, drops every line with "conda" from the job (docs/SETUP-0.3.md).
   */
  static final String MODULES = "tunesmith_modules";

  /** claude.local.md settings copied into setup_finetune.yaml when set there. */
  static final Map<String, Function<LocalSettings, Optional<String>>> LOCAL_SETTINGS =
      new LinkedHashMap<>();

  static {
    LOCAL_SETTINGS.put("conda_env", LocalSettings::condaEnv);
    LOCAL_SETTINGS.put("account", LocalSettings::account);
    LOCAL_SETTINGS.put("partition", LocalSettings::partition);
    LOCAL_SETTINGS.put("constraint", LocalSettings::constraint);
    LOCAL_SETTINGS.put("time", LocalSettings::time);
    // Not "gpus": claude.local.md's Default GPUs ranks below the catalog (docs/TARGETS.md), and
    // the catalog always has a count (see compose).
  }

  private final ModelCatalog catalog;
  private final Profile profile;
  private final Profile.Layering layering;

  /**
   * @param profile the experiment's profile (its format's): its layering decides what is written
   */
  public SetupComposer(ModelCatalog catalog, Profile profile) {
    this.catalog = catalog;
    this.profile = profile;
    this.layering = profile.layering();
  }

  public Map<String, SetupValue> compose(ExperimentPlan plan, RunSpec run, LocalSettings local) {
    Map<String, SetupValue> values = new LinkedHashMap<>();
    layering
        .presets()
        .forEach(
            preset -> values.put(preset.key(), SetupValue.builtIn(preset.text(), preset.origin())));
    LOCAL_SETTINGS.forEach(
        (key, setting) ->
            setting.apply(local).ifPresent(text -> values.put(key, fromLocal(local, key, text))));
    local
        .myWandbProject()
        .map(text -> fromLocal(local, "my_wandb_project", text))
        .or(plan::wandbProject)
        .ifPresent(project -> values.put("my_wandb_project", project));
    values.put("my_wandb_run_name", SetupValue.builtIn(run.name(), "runs[].name"));
    if (profile.has(Profile.Rule.RUN_DATASETS)) {
      run.dataset().ifPresent(dataset -> putRunDataset(values, dataset));
    } else {
      putTrainingData(values, plan);
    }
    BaseModel model = plan.models().get(run.model());
    values.put("torchtune_model_name", SetupValue.builtIn(run.model(), "runs[].model"));
    values.put("model_checkpoint", model.path());
    modelsDir(model, local).ifPresent(dir -> values.put("models_dir", dir));
    putCheckpointBase(values, plan);
    List<String> modules = ModuleLines.moduleNames(local.moduleLines());
    if (!modules.isEmpty()) {
      values.put(MODULES, fromLocal(local, "modules", String.join(",", modules)));
    }
    // Not for a run on a generated condition or a literal path: their size is not known here.
    layering
        .trainingSamples()
        .ifPresent(
            origin ->
                plan.trainSamples(run)
                    .ifPresent(
                        samples ->
                            values.put(
                                "training_samples",
                                SetupValue.builtIn(Long.toString(samples), origin))));
    values.putAll(plan.controls());
    values.putAll(run.parameters());
    values.put(
        "run_val_every_n_steps", validationInterval(plan, values.get("run_val_every_n_steps")));
    if (run.mig()) {
      values.put("partition", SetupValue.builtIn("", "mig: true"));
      values.put("constraint", SetupValue.builtIn("", "mig: true"));
      values.put("mem", SetupValue.builtIn("16G", "mig: true"));
    }
    values.putAll(run.compute());
    values.putAll(run.slurmOverrides());
    SetupValue datasetType = values.get("dataset_type");
    if (layering.textDropsSystemPrompt()
        && datasetType != null
        && "text_completion".equals(datasetType.text())) {
      values.remove("system_prompt");
    }
    int gpus = gpus(values, run);
    if (!values.containsKey("gpus")) {
      // Written out so that setup_finetune.yaml says what the run gets, whoever reads it.
      values.put(
          "gpus",
          SetupValue.builtIn(
              Integer.toString(gpus),
              "catalog: "
                  + run.model()
                  + " needs it (claude.local.md's Default GPUs ranks below)"));
    }
    if (!values.containsKey("cpus_per_task")) {
      layering
          .cpusPerGpu()
          .ifPresent(
              origin ->
                  values.put("cpus_per_task", SetupValue.builtIn(String.valueOf(gpus), origin)));
    }
    if (!values.containsKey("custom_recipe")) {
      boolean validates =
          ScalarText.integer(values.get("run_val_every_n_steps").text()).orElse(0L) > 0;
      Profile.RecipeChoice recipe = profile.recipes().choose(gpus, validates);
      values.put("custom_recipe", SetupValue.builtIn(recipe.recipe(), recipe.reason()));
    }
    return values;
  }

  /** Validation asked for is never switched off by a 0 interval. */
  static SetupValue validationInterval(ExperimentPlan plan, SetupValue given) {
    boolean givenPositive =
        given != null
            && !given.isNull()
            && ScalarText.integer(given.text()).filter(n -> n > 0).isPresent();
    if (plan.validationDuringTraining()) {
      return givenPositive
          ? given
          : SetupValue.builtIn(VALIDATION_INTERVAL, "controls.validation_during_training: true");
    }
    return given != null
        ? given
        : SetupValue.builtIn("0", "controls.validation_during_training: false");
  }

  /** input_dir_base, dataset_label and dataset_ext from data.training. */
  private static void putTrainingData(Map<String, SetupValue> values, ExperimentPlan plan) {
    String datasetPath = plan.training().path().text();
    values.put(
        "input_dir_base",
        derived(plan.training().path(), PathText.withSlash(PathText.parent(datasetPath))));
    values.put("input_formatting", derived(plan.training().path(), ""));
    values.put("dataset_label", plan.training().label());
    values.put(
        "dataset_ext", derived(plan.training().path(), plan.training().parquet() ? "/" : ".json"));
  }

  /** input_dir_base, dataset_label and dataset_ext from the file the run trains on. */
  private static void putRunDataset(Map<String, SetupValue> values, RunDataset dataset) {
    String path = dataset.path().text();
    String name = PathText.lastComponent(path);
    int dot = name.lastIndexOf('.');
    values.put(
        "input_dir_base", derived(dataset.path(), PathText.withSlash(PathText.parent(path))));
    values.put("input_formatting", derived(dataset.path(), ""));
    values.put("dataset_label", dataset.label());
    values.put("dataset_ext", derived(dataset.path(), dot > 0 ? name.substring(dot) : ".json"));
  }

  private Optional<SetupValue> modelsDir(BaseModel model, LocalSettings local) {
    boolean absolute = model.path().text().startsWith("/");
    Optional<SetupValue> fromLocal =
        local.modelsDir().map(dir -> fromLocal(local, "models_dir", dir));
    return switch (layering.modelsDir()) {
      case LOCAL_FOR_RELATIVE_MODELS -> absolute ? Optional.empty() : fromLocal;
      // cruijff_kit's setup_finetune.py requires models_dir and rebuilds the checkpoint from it
      // and the checkpoint's base name: the model's own parent makes that rebuild land on it.
      case ALWAYS ->
          Optional.of(
              absolute
                  ? derived(model.path(), PathText.parent(model.path().text()))
                  : fromLocal.orElse(derived(model.path(), ".")));
    };
  }

  private void putCheckpointBase(Map<String, SetupValue> values, ExperimentPlan plan) {
    switch (layering.checkpointBase()) {
      case OUTPUT_BASE_DIRECTORY -> {
        String base = plan.baseDirectory().text();
        values.put(
            "output_dir_base",
            derived(plan.baseDirectory(), PathText.withSlash(PathText.parent(base))));
        values.put("experiment_name", derived(plan.baseDirectory(), PathText.lastComponent(base)));
      }
      case EXPERIMENT_DIRECTORY -> {
        String directory = plan.directory().toString();
        SetupValue experimentDir = SetupValue.builtIn(directory, "the experiment directory");
        values.put(
            "project_dir", derived(experimentDir, PathText.withSlash(PathText.parent(directory))));
        values.put("experiment_name", derived(experimentDir, PathText.lastComponent(directory)));
      }
    }
  }

  /** The one GPU rule (docs/TARGETS.md): the run's or controls' count, else the catalog's. */
  private int gpus(Map<String, SetupValue> values, RunSpec run) {
    return SetupResolver.gpus(Optional.ofNullable(values.get("gpus")), catalog.find(run.model()));
  }

  static SetupValue fromLocal(LocalSettings local, String key, String text) {
    LocalSettings.Position position = local.positionOf(key);
    return new SetupValue(
        text,
        new SetupValue.Origin(
            local.source().orElseThrow(), key, position.line(), position.column()));
  }

  static SetupValue derived(SetupValue from, String text) {
    return new SetupValue(text, from.origin());
  }
}
