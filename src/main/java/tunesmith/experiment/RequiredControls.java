package tunesmith.experiment;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tunesmith.keys.SetupValue;
import tunesmith.torchtune.BaseRecipe;
import tunesmith.torchtune.BaseRecipes;
import tunesmith.yaml.YamlNode;

/**
 * The controls cruijff_kit's experiment_summary template marks REQUIRED, held to it: a run that
 * trains must get each from {@code controls}, its own {@code parameters} or the torchtune config
 * its {@code base_recipe} names. Left out, it would train with a default the user never chose
 * (docs/FORMATS-0.3.md). {@code dataset_type} has its own check.
 */
final class RequiredControls {
  /** The required controls a run may take from its parameters (the template's REQUIRED ones). */
  static final List<String> KEYS =
      List.of("epochs", "batch_size", "gradient_accumulation_steps", "system_prompt");

  private final Reading reading;

  RequiredControls(Reading reading) {
    this.reading = reading;
  }

  /**
   * One problem per required control some fine-tuned run ends up without, at {@code controls} (or
   * the document when there is none); {@code reported} are those whose misspelling was.
   */
  void check(
      YamlNode at, Map<String, SetupValue> controls, List<RunSpec> runs, Set<String> reported) {
    for (String key : KEYS) {
      if (controls.containsKey(key) || reported.contains(key)) {
        continue;
      }
      List<String> without =
          runs.stream()
              .filter(RunSpec::fineTuned)
              .filter(run -> !run.parameters().containsKey(key))
              .filter(run -> !fromRecipe(run, controls, key))
              .map(RunSpec::name)
              .toList();
      if (without.isEmpty()) {
        continue;
      }
      reading.fields.problem(
          "controls." + key,
          at,
          "no "
              + key
              + " in controls, and "
              + (without.size() == 1 ? "run " : without.size() + " fine-tuned runs (")
              + String.join(", ", without.subList(0, Math.min(5, without.size())))
              + (without.size() > 5 ? ", ..." : "")
              + (without.size() == 1 ? " does" : ") do")
              + " not set it in parameters",
          "controls."
              + key
              + " (cruijff_kit's experiment_summary template marks it REQUIRED), or"
              + " parameters."
              + key
              + " in every fine-tuned run");
    }
  }

  /**
   * Whether the config the run's base_recipe names gives {@code key}; an unknown config is taken
   * to, so that its own error (naming the configs there are) is the one reported.
   */
  private boolean fromRecipe(RunSpec run, Map<String, SetupValue> controls, String key) {
    Optional<SetupValue> named =
        Optional.ofNullable(run.parameters().get("base_recipe"))
            .or(() -> Optional.ofNullable(controls.get("base_recipe")))
            .filter(value -> !value.isNull());
    if (named.isEmpty()) {
      return false;
    }
    BaseRecipes recipes = BaseRecipes.of(reading.format);
    return recipes.applies()
        && recipes
            .find(named.get().text())
            .map(BaseRecipe::values)
            .map(values -> values.containsKey(key))
            .orElse(true);
  }
}
