package tunesmith.experiment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import tunesmith.keys.SetupKey;
import tunesmith.keys.SetupKeys;
import tunesmith.keys.SetupValue;
import tunesmith.problem.NearestName;
import tunesmith.problem.Warning;
import tunesmith.yaml.ScalarText;
import tunesmith.yaml.YamlMapping;
import tunesmith.yaml.YamlNode;
import tunesmith.yaml.YamlSequence;

/**
 * Reads {@code variables} (what the sweep varies) and {@code controls} (what it holds fixed), and
 * compares the variables with the runs that were read.
 */
final class SweepSection {
  /** Controls that are not setup keys but that tunesmith reads. */
  private static final Set<String> OTHER_CONTROLS = Set.of("validation_during_training");

  /**
   * Controls cruijff_kit's experiment_summary template marks REQUIRED that are setup keys: a
   * misspelling of one of them is an error, not a warning.
   */
  private static final Set<String> REQUIRED_CONTROLS =
      Set.of(
          "epochs", "batch_size", "gradient_accumulation_steps", "system_prompt", "dataset_type");

  /** The keys of the structured form of {@code variables}. */
  private static final Set<String> STRUCTURED_KEYS = Set.of("independent", "dependent");

  /** What a run says of itself, by variable name, besides its parameters. */
  private static final Map<String, Function<RunSpec, Optional<String>>> RUN_FIELDS_BY_NAME =
      Map.of(
          "model", run -> Optional.of(run.model()),
          "training_condition", run -> run.dataset().flatMap(RunDataset::condition));

  private static final Set<String> RUN_FIELDS = RUN_FIELDS_BY_NAME.keySet();

  private final Reading reading;

  /** Required controls whose misspelling was reported (their absence is not reported again). */
  private final Set<String> misspeltRequired = new HashSet<>();

  SweepSection(Reading reading) {
    this.reading = reading;
  }

  /**
   * Reads {@code variables} in either form cruijff_kit documents: flat ({@code name: [values]}) or
   * structured ({@code independent: [{name, values}]}, {@code dependent: [{name, metric}]}).
   * Variables are informational: the runs say what is trained. Those that can be held against the
   * runs (a setup key, {@code model}, {@code training_condition}) are returned for {@link
   * #compareWithRuns}; any other is said to be informational. See docs/FORMATS-0.3.md.
   */
  Map<String, List<SetupValue>> variables(YamlMapping variables) {
    Map<String, List<SetupValue>> result = new LinkedHashMap<>();
    boolean structured =
        !variables.entries().isEmpty()
            && variables.entries().stream()
                .allMatch(entry -> STRUCTURED_KEYS.contains(entry.key()));
    if (!structured) {
      for (YamlMapping.Entry entry : variables.entries()) {
        variable(entry.key(), "variables." + entry.key(), Reading.entryNode(entry), entry.value())
            .ifPresent(values -> result.put(name(entry.key()), values));
      }
      return result;
    }
    reading
        .fields
        .sequence(variables, "independent", "variables", false)
        .ifPresent(list -> independent(list, result));
    reading
        .fields
        .sequence(variables, "dependent", "variables", false)
        .ifPresent(
            list ->
                reading.warnings.add(
                    Warning.global(
                        "variables.dependent (line "
                            + list.line()
                            + ") names what is measured: informational, not used")));
    return result;
  }

  private void independent(YamlSequence list, Map<String, List<SetupValue>> result) {
    for (int i = 0; i < list.items().size(); i++) {
      String field = "variables.independent[" + i + "]";
      Optional<YamlMapping> item = reading.fields.asMapping(list.items().get(i), field);
      if (item.isEmpty()) {
        continue;
      }
      Optional<String> name = reading.fields.text(item.get(), "name", field, true);
      Optional<YamlNode> values = item.get().get("values");
      if (values.isEmpty()) {
        reading.fields.text(item.get(), "values", field, true);
      }
      if (name.isPresent() && values.isPresent()) {
        variable(name.get(), field, item.get().get("name").orElseThrow(), values.get())
            .ifPresent(listed -> result.put(name(name.get()), listed));
      }
    }
  }

  /**
   * One variable's listed values, when it can be held against the runs; empty (and a warning saying
   * it is informational) when it cannot.
   */
  private Optional<List<SetupValue>> variable(
      String name, String field, YamlNode at, YamlNode valuesNode) {
    Optional<SetupKey> key = SetupKeys.forParameter(name);
    if (key.isEmpty() && !RUN_FIELDS.contains(name)) {
      reading.warnings.add(
          Warning.global(
              field
                  + " (line "
                  + at.line()
                  + ") is informational: it is not a setup key, model or training_condition,"
                  + " so it is not checked against the runs"
                  + NearestName.hint(name, SetupKeys.names())));
      return Optional.empty();
    }
    List<SetupValue> values = new ArrayList<>();
    if (valuesNode instanceof YamlSequence sequence) {
      for (int i = 0; i < sequence.items().size(); i++) {
        reading
            .settingValue(sequence.items().get(i), field + "[" + i + "]", key)
            .filter(value -> !value.isNull())
            .ifPresent(values::add);
      }
    } else {
      // An empty entry (`lora_rank:`) lists no values; it is not a value to compare with.
      reading
          .settingValue(valuesNode, field, key)
          .filter(value -> !value.isNull())
          .ifPresent(values::add);
    }
    return Optional.of(values);
  }

  /** The name a variable is compared under: its setup key's, or the run field's. */
  private static String name(String variable) {
    return SetupKeys.forParameter(variable).map(SetupKey::name).orElse(variable);
  }

  Map<String, SetupValue> controls(YamlMapping controls) {
    Map<String, SetupValue> result = new LinkedHashMap<>();
    for (YamlMapping.Entry entry : controls.entries()) {
      if (OTHER_CONTROLS.contains(entry.key())) {
        continue;
      }
      String ignoredBecause = reading.format.reading().ignoredControls().get(entry.key());
      if (ignoredBecause != null) {
        notUsed(entry, "is not used: " + ignoredBecause + " (target " + reading.format + ")");
        continue;
      }
      Optional<SetupKey> key = SetupKeys.forParameter(entry.key());
      Optional<String> meant =
          key.isEmpty()
              ? NearestName.among(entry.key(), REQUIRED_CONTROLS)
                  .filter(required -> controls.get(required).isEmpty())
              : Optional.empty();
      if (meant.isPresent()) {
        misspeltRequired.add(meant.get());
        // A required control misspelt would otherwise train with its default
        // (docs/FORMATS-0.3.md).
        reading.fields.problem(
            "controls." + entry.key(),
            Reading.entryNode(entry),
            "'" + entry.key() + "', which is not a setup key (did you mean '" + meant.get() + "'?)",
            "controls."
                + meant.get()
                + ", which cruijff_kit's experiment_summary template marks required");
        continue;
      }
      if (key.isEmpty()) {
        notUsed(
            entry,
            "is not a setup key and is not used"
                + NearestName.hint(entry.key(), SetupKeys.names()));
        continue;
      }
      reading
          .settingValue(entry.value(), "controls." + entry.key(), key)
          .ifPresent(value -> result.put(key.get().name(), value));
    }
    return result;
  }

  /** The required controls whose misspelling {@link #controls} reported. */
  Set<String> misspeltRequired() {
    return Set.copyOf(misspeltRequired);
  }

  /** A control that is read and not used, said so with its line. */
  private void notUsed(YamlMapping.Entry entry, String why) {
    reading.warnings.add(
        Warning.global("controls." + entry.key() + " (line " + entry.keyLine() + ") " + why));
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
            String value = valueOf(run, key);
            if (value == null) {
              reading.warnings.add(
                  new Warning(
                      run.name(),
                      "leaves out swept variable "
                          + key
                          + " (it gets the control or default value)"));
            } else if (!listedKeys.get(key).contains(valueKey(value))) {
              reading.warnings.add(
                  new Warning(
                      run.name(),
                      key
                          + " = "
                          + value
                          + " is not among the values variables lists for it: "
                          + listed.stream().map(SetupValue::text).toList()));
            }
          });
    }
  }

  /** What a run has for a variable: a parameter, or its model or training condition. */
  private static String valueOf(RunSpec run, String variable) {
    Function<RunSpec, Optional<String>> field = RUN_FIELDS_BY_NAME.get(variable);
    if (field != null) {
      return field.apply(run).orElse(null);
    }
    SetupValue value = run.parameters().get(variable);
    return value == null ? null : value.text();
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
