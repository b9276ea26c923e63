package tunesmith.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tunesmith.keys.SetupValue;
import tunesmith.problem.InputProblem;
import tunesmith.problem.InputProblems;
import tunesmith.profile.Profile;
import tunesmith.render.ConfigNode;
import tunesmith.render.FinetuneLayout;
import tunesmith.render.SlurmScriptRenderer;
import tunesmith.setup.SetupConfig;
import tunesmith.torchtune.ComponentCatalog;
import tunesmith.torchtune.ComponentCheck;
import tunesmith.torchtune.ComponentProblem;

/**
 * Refuses, before anything is written, a run its target cannot run: the finetune.yaml it would get
 * is put through {@link ComponentCheck}, and every problem becomes an input error at the setting
 * that caused it (e.g. {@code dataset_type: text_completion} where the target's cruijff_kit has no
 * such builder, or parquet data for a builder that raises unless the source is json).
 */
public final class TargetRefusal {

  /** finetune.yaml path -> the setup key whose value put it there. */
  private static final Map<String, String> CAUSES =
      Map.of(
          "dataset._component_", "dataset_type",
          "dataset.source", "dataset_ext",
          "dataset.max_samples", "training_samples",
          "dataset.system_prompt", "system_prompt",
          "optimizer.lr", "lr",
          "lr_scheduler._component_", "lr_scheduler",
          "model._component_", "torchtune_model_name");

  private TargetRefusal() {}

  /**
   * Adds to {@code problems} one input error per way {@code target} would reject the run.
   *
   * @param values the run's setup values as given, for where each came from
   */
  public static void check(
      Profile target, SetupConfig config, Map<String, SetupValue> values, InputProblems problems) {
    Map<String, Object> tree = plain(FinetuneLayout.build(config));
    Set<String> reported = new HashSet<>();
    for (ComponentProblem problem :
        ComponentCheck.check(target, SlurmScriptRenderer.recipe(config), tree)) {
      String path = problem.node().isEmpty() ? problem.key() : problem.node() + "." + problem.key();
      // dataset_val is dataset with another split: one error for the setting, not two.
      if (!reported.add(path.replaceFirst("^dataset_val\\.", "dataset.") + problem.reason())) {
        continue;
      }
      String cause = CAUSES.getOrDefault(path.replaceFirst("^dataset_val\\.", "dataset."), path);
      SetupValue value = values.get(cause);
      SetupValue.Origin origin =
          value == null ? SetupValue.Origin.builtIn(config.runName()) : value.origin();
      problems.add(
          new InputProblem(
              origin.file(),
              origin.field(),
              origin.line(),
              origin.column(),
              (value == null || value.isNull() ? cause : cause + " '" + value.text() + "'")
                  + " makes "
                  + path
                  + " of run "
                  + config.runName()
                  + " something target "
                  + target.id()
                  + " cannot run ("
                  + problem.reason()
                  + ")",
              "a setting target "
                  + target.id()
                  + " runs (see docs/TARGETS.md), or another --target"));
    }
  }

  /**
   * Validation asked for on one GPU with a recipe that has no validation loop (a custom_recipe the
   * experiment chose): it would be dropped without a word. More GPUs are warned about in
   * RunWarnings.
   */
  public static Optional<String> droppedValidation(Profile target, SetupConfig config) {
    if (!config.validationEnabled() || config.resources().gpus() != 1) {
      return Optional.empty();
    }
    String recipe = SlurmScriptRenderer.recipe(config);
    return ComponentCatalog.of(target)
        .recipe(recipe)
        .filter(spec -> !spec.validationLoop())
        .map(
            spec ->
                "validation is asked for, but recipe "
                    + spec.name()
                    + " has no validation loop in target "
                    + target.id()
                    + ": validation will be skipped (without custom_recipe, scaffold chooses "
                    + target.recipes().choose(1, true).recipe()
                    + ")");
  }

  /** The tree as the check reads it; interpolations stay unresolved, which no rule looks into. */
  private static Map<String, Object> plain(ConfigNode.Section section) {
    Map<String, Object> map = new LinkedHashMap<>();
    section.entries().forEach((key, node) -> map.put(key, plainValue(node)));
    return map;
  }

  private static Object plainValue(ConfigNode node) {
    if (node instanceof ConfigNode.Section section) {
      return plain(section);
    }
    if (node instanceof ConfigNode.Sequence sequence) {
      List<Object> items = new ArrayList<>();
      sequence.items().forEach(item -> items.add(plainValue(item)));
      return items;
    }
    if (node instanceof ConfigNode.Text text) {
      return text.value();
    }
    if (node instanceof ConfigNode.Interpolation interpolation) {
      return interpolation.expression();
    }
    if (node instanceof ConfigNode.Integer integer) {
      return integer.value();
    }
    if (node instanceof ConfigNode.Decimal decimal) {
      return decimal.value();
    }
    if (node instanceof ConfigNode.Bool bool) {
      return bool.value();
    }
    return null; // ConfigNode.Null
  }
}
