package tunesmith.setup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tunesmith.catalog.ModelCatalog;
import tunesmith.environment.LocalSettings;
import tunesmith.experiment.BaseModel;
import tunesmith.experiment.ExperimentPlan;
import tunesmith.experiment.RunDataset;
import tunesmith.experiment.RunSpec;
import tunesmith.keys.SetupValue;
import tunesmith.target.Target;

/**
 * The setup_finetune.yaml of a 2026-format run, with the keys cruijff_kit 0.3's scaffold-torchtune
 * agent writes ({@code project_dir}, {@code experiment_name}, {@code models_dir}, {@code
 * custom_recipe}, {@code cpus_per_task}, ...). Sources are laid over each other, later ones
 * winning: built-in defaults, claude.local.md, the experiment, controls, the run's parameters, MIG,
 * the run's compute block, then its slurm_overrides. See docs/FORMATS-2026.md.
 */
public final class Cruijff03SetupComposer implements SetupComposer {
  /** The target's rules: its recipes per GPU count among them. */
  private static final SetupTarget TARGET = SetupTarget.of(Target.CRUIJFF_KIT_0_3);

  private final ModelCatalog catalog;

  public Cruijff03SetupComposer(ModelCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public Map<String, SetupValue> compose(ExperimentPlan plan, RunSpec run, LocalSettings local) {
    Map<String, SetupValue> values = new LinkedHashMap<>();
    values.put("save_adapter_weights_only", SetupValue.builtIn("true", "cruijff_kit 0.3 default"));
    values.put("log_every_n_steps", SetupValue.builtIn("1", "scaffold default"));
    ScaffoldSetupComposer.LOCAL_SETTINGS.forEach(
        (key, setting) ->
            setting
                .apply(local)
                .ifPresent(
                    text -> values.put(key, ScaffoldSetupComposer.fromLocal(local, key, text))));
    local
        .myWandbProject()
        .map(text -> ScaffoldSetupComposer.fromLocal(local, "my_wandb_project", text))
        .or(plan::wandbProject)
        .ifPresent(project -> values.put("my_wandb_project", project));
    values.put("my_wandb_run_name", SetupValue.builtIn(run.name(), "runs[].name"));
    run.dataset().ifPresent(dataset -> putDataset(values, dataset));
    BaseModel model = plan.models().get(run.model());
    values.put("torchtune_model_name", SetupValue.builtIn(run.model(), "runs[].model"));
    values.put("model_checkpoint", model.path());
    // cruijff_kit's setup_finetune.py requires models_dir and rebuilds the checkpoint from it and
    // the checkpoint's base name: the model's own parent makes that rebuild land on the model.
    values.put(
        "models_dir",
        model.path().text().startsWith("/")
            ? ScaffoldSetupComposer.derived(model.path(), PathText.parent(model.path().text()))
            : local
                .modelsDir()
                .map(dir -> ScaffoldSetupComposer.fromLocal(local, "models_dir", dir))
                .orElse(ScaffoldSetupComposer.derived(model.path(), ".")));
    String directory = plan.directory().toString();
    SetupValue experimentDir = SetupValue.builtIn(directory, "the experiment directory");
    values.put(
        "project_dir",
        ScaffoldSetupComposer.derived(
            experimentDir, PathText.withSlash(PathText.parent(directory))));
    values.put(
        "experiment_name",
        ScaffoldSetupComposer.derived(experimentDir, PathText.lastComponent(directory)));
    List<String> modules = ModuleLines.moduleNames(local.moduleLines());
    if (!modules.isEmpty()) {
      values.put(
          "modules", ScaffoldSetupComposer.fromLocal(local, "modules", String.join(",", modules)));
    }
    values.putAll(plan.controls());
    values.putAll(run.parameters());
    values.put(
        "run_val_every_n_steps",
        ScaffoldSetupComposer.validationInterval(plan, values.get("run_val_every_n_steps")));
    if (run.mig()) {
      values.put("partition", SetupValue.builtIn("", "mig: true"));
      values.put("constraint", SetupValue.builtIn("", "mig: true"));
      values.put("mem", SetupValue.builtIn("16G", "mig: true"));
    }
    values.putAll(run.compute());
    values.putAll(run.slurmOverrides());
    // Base models have no chat template to hold a system prompt.
    SetupValue datasetType = values.get("dataset_type");
    if (datasetType != null && "text_completion".equals(datasetType.text())) {
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
      values.put(
          "cpus_per_task",
          SetupValue.builtIn(String.valueOf(gpus), "one CPU per GPU (cruijff_kit 0.3)"));
    }
    if (!values.containsKey("custom_recipe")) {
      TARGET
          .defaultRecipe(gpus)
          .ifPresent(
              recipe ->
                  values.put(
                      "custom_recipe",
                      SetupValue.builtIn(
                          recipe,
                          gpus == 1
                              ? "cruijff_kit 0.3 recipe for one GPU"
                              : "cruijff_kit 0.3 recipe for several GPUs")));
    }
    return values;
  }

  /** input_dir_base, dataset_label and dataset_ext from the file the run trains on. */
  private static void putDataset(Map<String, SetupValue> values, RunDataset dataset) {
    String path = dataset.path().text();
    String name = PathText.lastComponent(path);
    int dot = name.lastIndexOf('.');
    values.put(
        "input_dir_base",
        ScaffoldSetupComposer.derived(dataset.path(), PathText.withSlash(PathText.parent(path))));
    values.put("input_formatting", ScaffoldSetupComposer.derived(dataset.path(), ""));
    values.put("dataset_label", dataset.label());
    values.put(
        "dataset_ext",
        ScaffoldSetupComposer.derived(dataset.path(), dot > 0 ? name.substring(dot) : ".json"));
  }

  /** The one GPU rule (docs/TARGETS.md): the run's or controls' count, else the catalog's. */
  private int gpus(Map<String, SetupValue> values, RunSpec run) {
    return SetupResolver.gpus(Optional.ofNullable(values.get("gpus")), catalog.find(run.model()));
  }
}
