package tunesmith.experiment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tunesmith.keys.SetupKey;
import tunesmith.keys.SetupKeys;
import tunesmith.keys.SetupValue;
import tunesmith.problem.NearestName;
import tunesmith.problem.Warning;
import tunesmith.yaml.ScalarText;
import tunesmith.yaml.YamlMapping;
import tunesmith.yaml.YamlSequence;

/**
 * Reads {@code variables} (what the sweep varies) and {@code controls} (what it holds fixed), and
 * compares the variables with the runs that were read.
 */
final class SweepSection {
  /** Controls that are not setup keys but that tunesmith reads or knows to be informational. */
  private static final Set<String> OTHER_CONTROLS =
      Set.of("validation_during_training", "base_recipe");

  private final Reading reading;

  SweepSection(Reading reading) {
    this.reading = reading;
  }

  Map<String, List<SetupValue>> variables(YamlMapping variables) {
    Map<String, List<SetupValue>> result = new LinkedHashMap<>();
    for (YamlMapping.Entry entry : variables.entries()) {
      String field = "variables." + entry.key();
      Optional<SetupKey> key = reading.parameterKey(entry.key(), field, entry);
      List<SetupValue> values = new ArrayList<>();
      if (entry.value() instanceof YamlSequence sequence) {
        for (int i = 0; i < sequence.items().size(); i++) {
          reading
              .settingValue(sequence.items().get(i), field + "[" + i + "]", key)
              .filter(value -> !value.isNull())
              .ifPresent(values::add);
        }
      } else {
        // An empty entry (`lora_rank:`) lists no values; it is not a value to compare with.
        reading
            .settingValue(entry.value(), field, key)
            .filter(value -> !value.isNull())
            .ifPresent(values::add);
      }
      key.ifPresent(k -> result.put(k.name(), values));
    }
    return result;
  }

  Map<String, SetupValue> controls(YamlMapping controls) {
    Map<String, SetupValue> result = new LinkedHashMap<>();
    for (YamlMapping.Entry entry : controls.entries()) {
      if (OTHER_CONTROLS.contains(entry.key())) {
        continue;
      }
      String ignoredBecause = reading.format.reading().ignoredControls().get(entry.key());
      if (ignoredBecause != null) {
        reading.warnings.add(
            Warning.global(
                "controls."
                    + entry.key()
                    + " (line "
                    + entry.keyLine()
                    + ") is not used: "
                    + ignoredBecause
                    + " (target "
                    + reading.format
                    + ")"));
        continue;
      }
      Optional<SetupKey> key = SetupKeys.forParameter(entry.key());
      if (key.isEmpty()) {
        reading.warnings.add(
            Warning.global(
                "controls."
                    + entry.key()
                    + " (line "
                    + entry.keyLine()
                    + ") is not a setup key and is not used"
                    + NearestName.hint(entry.key(), SetupKeys.names())));
        continue;
      }
      reading
          .settingValue(entry.value(), "controls." + entry.key(), key)
          .ifPresent(value -> result.put(key.get().name(), value));
    }
    return result;
  }

  void compareWithRuns(Map<String, List<SetupValue>> variables, List<RunSpec> runs) {
    // Each listed value once as a key (see valueKey), not parsed again for every run: sweeps
    // reach 10,000 runs.
    Map<String, Set<Object>> listedKeys = new HashMap<>();
    variables.forEach(
        (key, listed) ->
            listedKeys.put(
                key,
                listed.stream()
                    .map(candidate -> valueKey(candidate.text()))
                    .collect(Collectors.toSet())));
    for (RunSpec run : runs) {
      if (!run.fineTuned()) {
        continue;
      }
      variables.forEach(
          (key, listed) -> {
            SetupValue value = run.parameters().get(key);
            if (value == null) {
              reading.warnings.add(
                  new Warning(
                      run.name(),
                      "leaves out swept variable "
                          + key
                          + " (it gets the control or default value)"));
            } else if (!listedKeys.get(key).contains(valueKey(value.text()))) {
              reading.warnings.add(
                  new Warning(
                      run.name(),
                      key
                          + " = "
                          + value.text()
                          + " is not among the values variables lists for it: "
                          + listed.stream().map(SetupValue::text).toList()));
            }
          });
    }
  }

  /**
   * Equal keys exactly when {@link #sameValue} holds: a number by its value (1e-5 = 0.00001), else
   * the text.
   */
  static Object valueKey(String text) {
    return ScalarText.number(text).<Object>map(BigDecimal::stripTrailingZeros).orElse(text);
  }

  static boolean sameValue(String a, String b) {
    Optional<BigDecimal> x = ScalarText.number(a);
    Optional<BigDecimal> y = ScalarText.number(b);
    if (x.isPresent() && y.isPresent()) {
      return x.get().compareTo(y.get()) == 0;
    }
    return a.equals(b);
  }
}
