package tunesmith.verify;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import tunesmith.experiment.ExperimentPlan;
import tunesmith.experiment.RunSpec;
import tunesmith.keys.SetupKeys;
import tunesmith.keys.SetupValue;
import tunesmith.keys.ValueRule;
import tunesmith.render.FinetuneLayout;
import tunesmith.setup.RecipeChoice;
import tunesmith.setup.SetupConfig;
import tunesmith.yaml.ScalarText;

/**
 * Compares a run's files with the experiment as designed: its controls, parameters, MIG flag and
 * slurm_overrides, taken straight from experiment_summary.yaml. Independent of how the settings
 * were composed and rendered, so a precedence mistake there shows up here as a mismatch; where each
 * designed key shows in finetune.yaml is its row's (FinetuneLayout.DESIGN_LOCATIONS).
 */
final class DesignCheck {
  /** Where a designed SLURM setting must show up among the #SBATCH options. */
  private static final Map<String, String> SBATCH_OPTIONS =
      Map.of(
          "mem",
          "mem",
          "time",
          "time",
          "cpus_per_task",
          "cpus-per-task",
          "partition",
          "partition",
          "constraint",
          "constraint",
          "account",
          "account");

  private DesignCheck() {}

  /**
   * The run's settings as designed: controls, then its parameters, MIG, then its slurm_overrides.
   */
  static Map<String, String> designed(ExperimentPlan plan, RunSpec run) {
    Map<String, String> designed = new LinkedHashMap<>();
    putAll(designed, plan.controls());
    putAll(designed, run.parameters());
    if (run.mig()) {
      designed.put("partition", "");
      designed.put("constraint", "");
      designed.put("mem", "16G");
    }
    // cruijff_kit-0.3 format: the run's compute block, below its slurm_overrides (empty in
    // January).
    putAll(designed, run.compute());
    putAll(designed, run.slurmOverrides());
    return designed;
  }

  /**
   * @param written whether a top-level finetune.yaml key is written for this run ({@link
   *     #writtenFor})
   */
  static void compare(
      Predicate<String> written,
      Map<String, String> designed,
      Map<String, Object> config,
      Map<String, String> sbatch,
      List<String> mismatches) {
    designed.forEach(
        (key, value) -> {
          String path = FinetuneLayout.DESIGN_LOCATIONS.get(key);
          if (path != null && written.test(path.split("\\.", 2)[0])) {
            Object actual = RunVerifier.lookup(config, path);
            // text_completion datasets take no system prompt: dropping it is by design (and
            // warned).
            boolean dropped = key.equals("system_prompt") && !(actual instanceof String);
            if (!dropped && !sameValue(key, value, actual)) {
              mismatches.add(
                  "designed "
                      + key
                      + " = "
                      + value
                      + " but finetune.yaml "
                      + path
                      + " is "
                      + RunVerifier.show(actual));
            }
          }
          String option = SBATCH_OPTIONS.get(key);
          if (option != null) {
            String actual = sbatch.get(option);
            if (!Objects.equals(value.isEmpty() ? null : value, actual)) {
              mismatches.add(
                  "designed "
                      + key
                      + " = '"
                      + value
                      + "' but #SBATCH --"
                      + option
                      + " is "
                      + (actual == null ? "absent" : "'" + actual + "'"));
            }
          }
          if (key.equals("gpus")
              && !("gpu:" + ScalarText.integer(value).orElse(-1L)).equals(sbatch.get("gres"))) {
            mismatches.add(
                "designed gpus = " + value + " but #SBATCH --gres is " + sbatch.get("gres"));
          }
        });
  }

  /**
   * Whether a top-level key is written for this run: keys the run's recipe never reads (e.g.
   * batch_size_val without a validation loop) are left out, with a warning at scaffold.
   */
  static Predicate<String> writtenFor(SetupConfig expected) {
    return top ->
        RecipeChoice.reads(expected, top)
            && (!top.equals("batch_size_val") || RecipeChoice.validates(expected));
  }

  private static boolean sameValue(String key, String designed, Object actual) {
    ValueRule.Style style =
        SetupKeys.find(key).map(setupKey -> setupKey.rule().style()).orElse(ValueRule.Style.STRING);
    switch (style) {
      case NUMBER -> {
        Optional<BigDecimal> want = ScalarText.number(designed);
        return want.isPresent() && RunVerifier.numericallyEqual(actual, want.get());
      }
      case BOOLEAN -> {
        return ScalarText.bool(designed).map(want -> want.equals(actual)).orElse(false);
      }
      default -> {
        return designed.equals(actual);
      }
    }
  }

  private static void putAll(Map<String, String> designed, Map<String, SetupValue> values) {
    values.forEach(
        (key, value) -> {
          if (!value.isNull()) {
            designed.put(key, value.text());
          }
        });
  }
}
