package tunesmith.experiment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import tunesmith.keys.SetupKeys;
import tunesmith.keys.SetupValue;
import tunesmith.keys.ValueRule;
import tunesmith.problem.NearestName;
import tunesmith.problem.Warning;
import tunesmith.profile.Profile.Rule;
import tunesmith.profile.Profiles;
import tunesmith.sharing.SharedKeyMap;
import tunesmith.yaml.YamlMapping;
import tunesmith.yaml.YamlNode;
import tunesmith.yaml.YamlSequence;

/**
 * Reads {@code runs}: each run's name, type, model, parameters, SLURM settings and (cruijff_kit-0.3
 * format) dataset, checked against the models and data already read.
 */
final class RunsSection {
  private static final Set<String> SLURM_OVERRIDES =
      Set.of("time", "gpus", "mem", "cpus_per_task", "partition", "constraint", "account");
  private static final Set<String> COMPUTE = Set.of("time", "gpus", "mem", "cpus_per_task");

  /**
   * cruijff_kit-0.3 format run parameters that are not setup keys: they choose files, not settings.
   */
  private static final Set<String> PATH_PARAMETERS = Set.of("checkpoint_path", "dataset_path");

  private final Reading reading;
  private final DataSection data;

  RunsSection(Reading reading, DataSection data) {
    this.reading = reading;
    this.data = data;
  }

  List<RunSpec> read(YamlSequence list, Map<String, BaseModel> models) {
    List<RunSpec> runs = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < list.items().size(); i++) {
      String field = "runs[" + i + "]";
      reading
          .fields
          .asMapping(list.items().get(i), field)
          .flatMap(run -> run(run, field, models, seen))
          .ifPresent(runs::add);
    }
    return runs;
  }

  /** The parameters of one run, by setup key, and the names the user gave them. */
  private record Parameters(
      Map<String, SetupValue> values, Map<String, String> names, Map<String, SetupValue> paths) {}

  private Optional<RunSpec> run(
      YamlMapping run, String field, Map<String, BaseModel> models, Map<String, Integer> seen) {
    Optional<String> name =
        reading
            .fields
            .text(run, "name", field, true)
            .filter(
                text -> {
                  Optional<String> expected = ValueRule.RUN_NAME.check(text);
                  expected.ifPresent(
                      e ->
                          reading.fields.problem(
                              field + ".name",
                              run.get("name").orElseThrow(),
                              "'" + text + "'",
                              "a run name safe as one directory name: " + e));
                  return expected.isEmpty();
                });
    String runField = name.map(n -> field + " (" + n + ")").orElse(field);
    reading.formatKeys(run, runField, "runs[]");
    name.ifPresent(
        n -> {
          Integer earlier = seen.putIfAbsent(n, run.line());
          if (earlier != null) {
            reading.fields.problem(
                runField + ".name",
                run.get("name").orElseThrow(),
                "run name '" + n + "' again (first at line " + earlier + ")",
                "unique run names (each is a directory)");
          }
        });
    Optional<RunType> type =
        reading
            .fields
            .text(run, "type", runField, true)
            .flatMap(text -> runType(text, run, runField));
    boolean fineTuned = type.orElse(RunType.CONTROL) == RunType.FINE_TUNED;
    Optional<String> model = reading.fields.text(run, "model", runField, fineTuned);
    model.ifPresent(
        m -> {
          if (!models.containsKey(m) && fineTuned) {
            reading.fields.problem(
                runField + ".model",
                run.get("model").orElseThrow(),
                "'" + m + "'" + NearestName.hint(m, models.keySet()),
                "one of the models.base names: " + String.join(", ", models.keySet()));
          }
        });
    Parameters parameters = parameters(run, runField);
    boolean mig = reading.fields.bool(run, "mig", runField).orElse(false);
    Map<String, SetupValue> overrides =
        resourceBlock(run, runField, "slurm_overrides", SLURM_OVERRIDES);
    Map<String, SetupValue> compute = compute(run, runField);
    Optional<SetupValue> checkpointPath =
        Optional.ofNullable(parameters.paths().get("checkpoint_path")).map(reading::absolutePath);
    if (checkpointPath.isEmpty() && type.orElse(null) == RunType.EVAL_ONLY) {
      reading.fields.problem(
          runField + ".parameters.checkpoint_path",
          run.get("parameters").orElse(run),
          "none",
          "the absolute path of the checkpoint an eval-only run evaluates");
    }
    if (checkpointPath.isPresent() && type.isPresent() && type.get() != RunType.EVAL_ONLY) {
      reading.warnings.add(
          new Warning(
              name.orElse(field),
              "parameters.checkpoint_path (line "
                  + checkpointPath.get().origin().line()
                  + ") is read only for eval-only runs; it is not used for a "
                  + type.get().yamlName()
                  + " run"));
    }
    type.filter(t -> t != RunType.FINE_TUNED)
        .ifPresent(t -> untrainedKeys(run, t, name.orElse(field), !compute.isEmpty()));
    Optional<RunDataset> dataset =
        reading.format.has(Rule.RUN_DATASETS) && fineTuned
            ? data.dataset(run, runField, parameters.paths().get("dataset_path"))
            : Optional.empty();
    if (name.isEmpty() || type.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new RunSpec(
            name.get(),
            type.get(),
            reading.shared.of(model.orElse("")),
            SharedKeyMap.copyOf(parameters.values(), reading.shared, UnaryOperator.identity()),
            SharedKeyMap.copyOf(parameters.names(), reading.shared, UnaryOperator.identity()),
            mig,
            overrides,
            run.line(),
            run.column(),
            compute,
            dataset.map(reading.shared::of),
            checkpointPath));
  }

  private Parameters parameters(YamlMapping run, String runField) {
    Parameters parameters =
        new Parameters(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
    Optional<YamlMapping> params = reading.fields.mapping(run, "parameters", runField, false);
    if (params.isEmpty()) {
      return parameters;
    }
    for (YamlMapping.Entry entry : params.get().entries()) {
      String paramField = runField + ".parameters." + entry.key();
      if (reading.format.has(Rule.RUN_DATASETS) && PATH_PARAMETERS.contains(entry.key())) {
        reading
            .value(params.get(), entry.key(), runField + ".parameters", false)
            .map(reading::checkedPath)
            .ifPresent(path -> parameters.paths().put(entry.key(), path));
        continue;
      }
      reading
          .parameterKey(entry.key(), paramField, entry)
          .ifPresent(
              key ->
                  reading
                      .settingValue(entry.value(), paramField, Optional.of(key))
                      .ifPresent(
                          value -> parameter(parameters, key.name(), entry, paramField, value)));
    }
    return parameters;
  }

  private void parameter(
      Parameters parameters, String key, YamlMapping.Entry entry, String field, SetupValue value) {
    if (parameters.values().containsKey(key)) {
      reading.fields.problem(
          field,
          Reading.entryNode(entry),
          "'" + entry.key() + "' and '" + parameters.names().get(key) + "', which both set " + key,
          "each setting once per run");
    }
    parameters.values().put(key, new SetupValue(reading.shared.of(value.text()), value.origin()));
    parameters.names().put(key, reading.shared.of(entry.key()));
  }

  /**
   * A control or eval-only run is not trained, so what would shape its training does nothing: said,
   * not ignored. (Its dataset_path still names the data its evaluation reads.)
   */
  private void untrainedKeys(YamlMapping run, RunType type, String runName, boolean hasCompute) {
    String notTrained = ": " + type.yamlName() + " runs are not trained";
    if (hasCompute) {
      reading.warnings.add(
          new Warning(
              runName,
              "compute (line "
                  + run.get("compute").orElseThrow().line()
                  + ") sets training resources"
                  + notTrained
                  + ", so it is not used (evaluation resources: evaluation.compute)"));
    }
    Optional<YamlNode> datasetPath =
        run.get("dataset_path")
            .or(
                () ->
                    run.get("parameters")
                        .filter(YamlMapping.class::isInstance)
                        .flatMap(params -> ((YamlMapping) params).get("dataset_path")));
    datasetPath.ifPresent(
        node ->
            reading.warnings.add(
                new Warning(
                    runName,
                    "dataset_path (line "
                        + node.line()
                        + ") is not trained on"
                        + notTrained
                        + " (its evaluation may still read it)")));
    run.get("training_condition")
        .ifPresent(
            node ->
                reading.warnings.add(
                    new Warning(
                        runName,
                        "training_condition (line " + node.line() + ") is not used" + notTrained)));
  }

  /** Whether the profile's format has runs of this type: eval-only runs are not everywhere. */
  private boolean reads(RunType type) {
    return type != RunType.EVAL_ONLY || reading.format.has(Rule.EVAL_ONLY_RUNS);
  }

  private Optional<RunType> runType(String text, YamlMapping run, String field) {
    List<String> names = new ArrayList<>();
    for (RunType type : RunType.values()) {
      if (!reads(type)) {
        continue;
      }
      if (type.yamlName().equals(text)) {
        return Optional.of(type);
      }
      names.add(type.yamlName());
    }
    reading.fields.problem(
        field + ".type",
        run.get("type").orElseThrow(),
        "'" + text + "'" + NearestName.hint(text, names),
        String.join(" or ", names)
            + (reads(RunType.EVAL_ONLY)
                ? ""
                : " (eval-only runs belong to " + Profiles.formatsWith(Rule.EVAL_ONLY_RUNS) + ")"));
    return Optional.empty();
  }

  /**
   * The cruijff_kit-0.3 format's per-run compute block: below slurm_overrides, above everything
   * else.
   */
  private Map<String, SetupValue> compute(YamlMapping run, String runField) {
    Map<String, SetupValue> compute = new LinkedHashMap<>();
    if (reading.format.has(Rule.COMPUTE)) {
      // A null compute value leaves the setting to the sources below it.
      resourceBlock(run, runField, "compute", COMPUTE)
          .forEach(
              (key, value) -> {
                if (!value.isNull()) {
                  compute.put(key, value);
                }
              });
    }
    return compute;
  }

  /**
   * A run's block of SLURM settings (slurm_overrides, compute): each key one of {@code allowed}, an
   * unknown one named with the nearest known.
   */
  private Map<String, SetupValue> resourceBlock(
      YamlMapping run, String runField, String blockName, Set<String> allowed) {
    Map<String, SetupValue> settings = new LinkedHashMap<>();
    reading
        .fields
        .mapping(run, blockName, runField, false)
        .ifPresent(
            block -> {
              for (YamlMapping.Entry entry : block.entries()) {
                String entryField = runField + "." + blockName + "." + entry.key();
                if (!allowed.contains(entry.key())) {
                  reading.fields.problem(
                      entryField,
                      Reading.entryNode(entry),
                      "'" + entry.key() + "'" + NearestName.hint(entry.key(), allowed),
                      "one of " + String.join(", ", allowed.stream().sorted().toList()));
                  continue;
                }
                reading
                    .settingValue(entry.value(), entryField, SetupKeys.find(entry.key()))
                    .ifPresent(value -> settings.put(entry.key(), value));
              }
            });
    return settings;
  }
}
