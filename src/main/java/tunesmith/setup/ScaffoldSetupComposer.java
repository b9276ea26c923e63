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
import tunesmith.experiment.RunSpec;
import tunesmith.keys.SetupValue;
import tunesmith.yaml.ScalarText;

/**
 * What scaffold writes into one run's setup_finetune.yaml. Sources are laid over each other, later
 * ones winning: scaffold's own defaults, claude.local.md, the experiment, controls, the run's
 * parameters, MIG, then the run's slurm_overrides.
 */
public final class ScaffoldSetupComposer implements SetupComposer {
  static final String VALIDATION_INTERVAL = "50";

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

  public ScaffoldSetupComposer(ModelCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public Map<String, SetupValue> compose(ExperimentPlan plan, RunSpec run, LocalSettings local) {
    Map<String, SetupValue> values = new LinkedHashMap<>();
    values.put("stash_adapter_weights", SetupValue.builtIn("true", "scaffold default"));
    values.put("log_every_n_steps", SetupValue.builtIn("1", "scaffold default"));
    LOCAL_SETTINGS.forEach(
        (key, setting) ->
            setting.apply(local).ifPresent(text -> values.put(key, fromLocal(local, key, text))));
    local
        .myWandbProject()
        .map(text -> fromLocal(local, "my_wandb_project", text))
        .or(plan::wandbProject)
        .ifPresent(project -> values.put("my_wandb_project", project));
    values.put("my_wandb_run_name", SetupValue.builtIn(run.name(), "runs[].name"));
    String datasetPath = plan.training().path().text();
    values.put(
        "input_dir_base",
        derived(plan.training().path(), PathText.withSlash(PathText.parent(datasetPath))));
    values.put("input_formatting", derived(plan.training().path(), ""));
    values.put("dataset_label", plan.training().label());
    values.put(
        "dataset_ext", derived(plan.training().path(), plan.training().parquet() ? "/" : ".json"));
    BaseModel model = plan.models().get(run.model());
    values.put("torchtune_model_name", SetupValue.builtIn(run.model(), "runs[].model"));
    values.put("model_checkpoint", model.path());
    if (!model.path().text().startsWith("/")) {
      local
          .modelsDir()
          .ifPresent(dir -> values.put("models_dir", fromLocal(local, "models_dir", dir)));
    }
    String base = plan.baseDirectory().text();
    values.put(
        "output_dir_base",
        derived(plan.baseDirectory(), PathText.withSlash(PathText.parent(base))));
    values.put("experiment_name", derived(plan.baseDirectory(), PathText.lastComponent(base)));
    List<String> modules = ModuleLines.moduleNames(local.moduleLines());
    if (!modules.isEmpty()) {
      values.put("modules", fromLocal(local, "modules", String.join(",", modules)));
    }
    values.putAll(plan.controls());
    values.putAll(run.parameters());
    values.put(
        "run_val_every_n_steps", validationInterval(plan, values.get("run_val_every_n_steps")));
    if (run.mig()) {
      values.put("partition", SetupValue.builtIn("", "mig: true"));
      values.put("constraint", SetupValue.builtIn("", "mig: true"));
      values.put("mem", SetupValue.builtIn("16G", "mig: true"));
    }
    values.putAll(run.slurmOverrides());
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
    if (!values.containsKey("custom_recipe")) {
      boolean validates =
          ScalarText.integer(values.get("run_val_every_n_steps").text()).orElse(0L) > 0;
      values.put(
          "custom_recipe",
          SetupValue.builtIn(
              RecipeChoice.forRun(gpus, validates), RecipeChoice.reason(gpus, validates)));
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
