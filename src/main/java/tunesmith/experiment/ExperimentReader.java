package tunesmith.experiment;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tunesmith.catalog.ModelCatalog;
import tunesmith.keys.SetupKey;
import tunesmith.keys.SetupKeys;
import tunesmith.keys.SetupValue;
import tunesmith.keys.SetupValueReader;
import tunesmith.keys.ValueRule;
import tunesmith.problem.InputProblems;
import tunesmith.problem.NearestName;
import tunesmith.problem.Warning;
import tunesmith.yaml.FieldReader;
import tunesmith.yaml.ScalarText;
import tunesmith.yaml.YamlFileReader;
import tunesmith.yaml.YamlMapping;
import tunesmith.yaml.YamlNode;
import tunesmith.yaml.YamlScalar;
import tunesmith.yaml.YamlSequence;

/**
 * Reads and validates experiment_summary.yaml into an {@link ExperimentPlan}. Every problem in the
 * file is collected before giving up, so the user fixes them all in one go.
 */
public final class ExperimentReader {
  public static final String FILE_NAME = "experiment_summary.yaml";

  /** Controls that are not setup keys but that tunesmith reads or knows to be informational. */
  private static final Set<String> OTHER_CONTROLS =
      Set.of("validation_during_training", "base_recipe");

  private static final Set<String> SLURM_OVERRIDES =
      Set.of("time", "gpus", "mem", "cpus_per_task", "partition", "constraint", "account");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private final ModelCatalog catalog;

  public ExperimentReader(ModelCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * Reads {@code directory/experiment_summary.yaml}; throws InvalidInputException with every
   * problem.
   */
  public ExperimentPlan read(Path directory) {
    InputProblems problems = new InputProblems();
    Optional<ExperimentPlan> plan = read(directory, problems);
    problems.throwIfAny();
    return plan.orElseThrow();
  }

  /** Reads the file, recording its problems; the plan is only usable when none were recorded. */
  public Optional<ExperimentPlan> read(Path directory, InputProblems problems) {
    Path file = directory.resolve(FILE_NAME);
    return YamlFileReader.read(file, problems)
        .map(
            root ->
                new Reading(directory.toAbsolutePath().normalize(), new FieldReader(file, problems))
                    .plan(root));
  }

  /** The state of one read: the file's fields and the warnings found so far. */
  private final class Reading {
    private final Path directory;
    private final FieldReader fields;
    private final List<Warning> warnings = new ArrayList<>();

    Reading(Path directory, FieldReader fields) {
      this.directory = directory;
      this.fields = fields;
    }

    ExperimentPlan plan(YamlNode root) {
      Optional<YamlMapping> top = fields.asMapping(root, "");
      if (top.isEmpty()) {
        return null;
      }
      YamlMapping document = top.get();
      Optional<YamlMapping> experiment = fields.mapping(document, "experiment", "", true);
      String name = experiment.flatMap(e -> fields.text(e, "name", "experiment", true)).orElse("");
      String date = experiment.flatMap(this::date).orElse("");
      experiment.ifPresent(this::declaredDirectory);
      fields.mapping(document, "tools", "", true).ifPresent(this::tools);
      Map<String, List<SetupValue>> variables =
          fields.mapping(document, "variables", "", false).map(this::variables).orElse(Map.of());
      Optional<YamlMapping> controlsNode = fields.mapping(document, "controls", "", false);
      Map<String, SetupValue> controls = controlsNode.map(this::controls).orElse(Map.of());
      boolean validation =
          controlsNode
              .flatMap(c -> fields.bool(c, "validation_during_training", "controls"))
              .orElse(false);
      Map<String, BaseModel> models =
          fields.mapping(document, "models", "", true).map(this::models).orElse(Map.of());
      TrainingData training =
          fields
              .mapping(document, "data", "", true)
              .flatMap(data -> fields.mapping(data, "training", "data", true))
              .map(this::training)
              .orElse(null);
      Optional<YamlMapping> output = fields.mapping(document, "output", "", true);
      SetupValue baseDirectory =
          output.flatMap(o -> value(o, "base_directory", "output", true)).orElse(null);
      baseDirectory = absolutePath(checkedPath(baseDirectory));
      Optional<SetupValue> wandbProject =
          output.flatMap(o -> value(o, "wandb_project", "output", false));
      List<RunSpec> runs =
          fields
              .sequence(document, "runs", "", true)
              .map(list -> runs(list, models))
              .orElse(List.of());
      compareVariablesWithRuns(variables, runs);
      if (!runs.isEmpty() && runs.stream().noneMatch(RunSpec::fineTuned)) {
        warnings.add(Warning.global("no run has type fine-tuned: there is nothing to scaffold"));
      }
      return new ExperimentPlan(
          fields.file(),
          directory,
          name,
          date,
          variables,
          controls,
          validation,
          models,
          training,
          baseDirectory,
          wandbProject,
          runs,
          warnings);
    }

    private Optional<String> date(YamlMapping experiment) {
      return fields
          .text(experiment, "date", "experiment", true)
          .filter(
              text -> {
                YamlNode node = experiment.get("date").orElseThrow();
                try {
                  if (DATE.matcher(text).matches()) {
                    LocalDate.parse(text);
                    return true;
                  }
                } catch (DateTimeParseException e) {
                  // reported below
                }
                fields.problem(
                    "experiment.date",
                    node,
                    "'" + text + "'",
                    "a date written YYYY-MM-DD, e.g. \"2025-10-22\"");
                return false;
              });
    }

    private void declaredDirectory(YamlMapping experiment) {
      String key =
          experiment.get("directory").isPresent() || experiment.get("dir").isEmpty()
              ? "directory"
              : "dir";
      fields
          .text(experiment, key, "experiment", true)
          .ifPresent(
              declared -> {
                if (!Path.of(declared).toAbsolutePath().normalize().equals(directory)) {
                  warnings.add(
                      Warning.global(
                          "experiment."
                              + key
                              + " is "
                              + declared
                              + " but the experiment being scaffolded is "
                              + directory
                              + "; using "
                              + directory));
                }
              });
    }

    private void tools(YamlMapping tools) {
      fields
          .text(tools, "preparation", "tools", true)
          .ifPresent(
              preparation -> {
                if (!preparation.equals("torchtune")) {
                  fields.problem(
                      "tools.preparation",
                      tools.get("preparation").orElseThrow(),
                      "'" + preparation + "'",
                      "torchtune (the only preparation tool tunesmith scaffolds)");
                }
              });
    }

    private Map<String, List<SetupValue>> variables(YamlMapping variables) {
      Map<String, List<SetupValue>> result = new LinkedHashMap<>();
      for (YamlMapping.Entry entry : variables.entries()) {
        String field = "variables." + entry.key();
        Optional<SetupKey> key = parameterKey(entry.key(), field, entry);
        List<SetupValue> values = new ArrayList<>();
        if (entry.value() instanceof YamlSequence sequence) {
          for (int i = 0; i < sequence.items().size(); i++) {
            settingValue(sequence.items().get(i), field + "[" + i + "]", key)
                .filter(value -> !value.isNull())
                .ifPresent(values::add);
          }
        } else {
          // An empty entry (`lora_rank:`) lists no values; it is not a value to compare with.
          settingValue(entry.value(), field, key)
              .filter(value -> !value.isNull())
              .ifPresent(values::add);
        }
        key.ifPresent(k -> result.put(k.name(), values));
      }
      return result;
    }

    private Map<String, SetupValue> controls(YamlMapping controls) {
      Map<String, SetupValue> result = new LinkedHashMap<>();
      for (YamlMapping.Entry entry : controls.entries()) {
        if (OTHER_CONTROLS.contains(entry.key())) {
          continue;
        }
        Optional<SetupKey> key = SetupKeys.forParameter(entry.key());
        if (key.isEmpty()) {
          warnings.add(
              Warning.global(
                  "controls."
                      + entry.key()
                      + " (line "
                      + entry.keyLine()
                      + ") is not a setup key and is not used"
                      + NearestName.hint(entry.key(), SetupKeys.names())));
          continue;
        }
        settingValue(entry.value(), "controls." + entry.key(), key)
            .ifPresent(value -> result.put(key.get().name(), value));
      }
      return result;
    }

    private Map<String, BaseModel> models(YamlMapping models) {
      Map<String, BaseModel> result = new LinkedHashMap<>();
      Optional<YamlSequence> base = fields.sequence(models, "base", "models", true);
      if (base.isEmpty()) {
        return result;
      }
      for (int i = 0; i < base.get().items().size(); i++) {
        String field = "models.base[" + i + "]";
        fields
            .asMapping(base.get().items().get(i), field)
            .ifPresent(
                model -> {
                  Optional<SetupValue> name = value(model, "name", field, true);
                  Optional<SetupValue> path =
                      value(model, "path", field, true).map(this::checkedPath);
                  name.ifPresent(
                      n -> {
                        if (catalog.find(n.text()).isEmpty()) {
                          fields.problem(
                              field + ".name",
                              model.get("name").orElseThrow(),
                              "'" + n.text() + "'" + catalog.hintFor(n.text()),
                              "a model from the catalog ("
                                  + String.join(", ", catalog.names())
                                  + ") or one added with --models FILE");
                        }
                        if (result.containsKey(n.text())) {
                          fields.problem(
                              field + ".name",
                              model.get("name").orElseThrow(),
                              "'" + n.text() + "' a second time",
                              "each model once");
                        }
                        path.ifPresent(p -> result.put(n.text(), new BaseModel(n.text(), p)));
                      });
                });
      }
      return result;
    }

    private TrainingData training(YamlMapping training) {
      Optional<SetupValue> path =
          value(training, "path", "data.training", true)
              .map(this::checkedPath)
              .map(this::absolutePath);
      String labelKey =
          training.get("label").isPresent() || training.get("dataset_label").isEmpty()
              ? "label"
              : "dataset_label";
      Optional<SetupValue> label =
          value(training, labelKey, "data.training", true).map(this::checkedPath);
      boolean parquet = false;
      Optional<String> format = fields.text(training, "format", "data.training", false);
      if (format.isPresent()) {
        parquet = format.get().equals("parquet");
        if (!parquet && !format.get().equals("json")) {
          fields.problem(
              "data.training.format",
              training.get("format").orElseThrow(),
              "'" + format.get() + "'",
              "json or parquet");
        }
      } else if (path.isPresent() && !path.get().text().endsWith(".json")) {
        fields.problem(
            "data.training.format",
            training,
            "no format, and a path that does not end in .json",
            "format: json or format: parquet");
      }
      OptionalLong trainSamples =
          fields
              .mapping(training, "splits", "data.training", false)
              .flatMap(splits -> fields.integer(splits, "train", "data.training.splits", false, 1))
              .map(OptionalLong::of)
              .orElse(OptionalLong.empty());
      if (path.isEmpty() || label.isEmpty()) {
        return null;
      }
      return new TrainingData(path.get(), label.get(), parquet, trainSamples);
    }

    private List<RunSpec> runs(YamlSequence list, Map<String, BaseModel> models) {
      List<RunSpec> runs = new ArrayList<>();
      Map<String, Integer> seen = new HashMap<>();
      for (int i = 0; i < list.items().size(); i++) {
        String field = "runs[" + i + "]";
        Optional<YamlMapping> node = fields.asMapping(list.items().get(i), field);
        if (node.isEmpty()) {
          continue;
        }
        YamlMapping run = node.get();
        Optional<String> name =
            fields
                .text(run, "name", field, true)
                .filter(
                    text -> {
                      Optional<String> expected = ValueRule.RUN_NAME.check(text);
                      expected.ifPresent(
                          e ->
                              fields.problem(
                                  field + ".name",
                                  run.get("name").orElseThrow(),
                                  "'" + text + "'",
                                  "a run name safe as one directory name: " + e));
                      return expected.isEmpty();
                    });
        String runField = name.map(n -> field + " (" + n + ")").orElse(field);
        name.ifPresent(
            n -> {
              Integer earlier = seen.putIfAbsent(n, run.line());
              if (earlier != null) {
                fields.problem(
                    runField + ".name",
                    run.get("name").orElseThrow(),
                    "run name '" + n + "' again (first at line " + earlier + ")",
                    "unique run names (each is a directory)");
              }
            });
        Optional<RunType> type =
            fields.text(run, "type", runField, true).flatMap(text -> runType(text, run, runField));
        Optional<String> model =
            fields.text(run, "model", runField, type.orElse(RunType.CONTROL) == RunType.FINE_TUNED);
        model.ifPresent(
            m -> {
              if (!models.containsKey(m) && type.orElse(RunType.CONTROL) == RunType.FINE_TUNED) {
                fields.problem(
                    runField + ".model",
                    run.get("model").orElseThrow(),
                    "'" + m + "'" + NearestName.hint(m, models.keySet()),
                    "one of the models.base names: " + String.join(", ", models.keySet()));
              }
            });
        Map<String, SetupValue> parameters = new LinkedHashMap<>();
        Map<String, String> parameterNames = new LinkedHashMap<>();
        fields
            .mapping(run, "parameters", runField, false)
            .ifPresent(
                params -> {
                  for (YamlMapping.Entry entry : params.entries()) {
                    String paramField = runField + ".parameters." + entry.key();
                    parameterKey(entry.key(), paramField, entry)
                        .ifPresent(
                            key ->
                                settingValue(entry.value(), paramField, Optional.of(key))
                                    .ifPresent(
                                        value -> {
                                          if (parameters.containsKey(key.name())) {
                                            fields.problem(
                                                paramField,
                                                entryNode(entry),
                                                "'"
                                                    + entry.key()
                                                    + "' and '"
                                                    + parameterNames.get(key.name())
                                                    + "', which both set "
                                                    + key.name(),
                                                "each setting once per run");
                                          }
                                          parameters.put(key.name(), value);
                                          parameterNames.put(key.name(), entry.key());
                                        }));
                  }
                });
        boolean mig = fields.bool(run, "mig", runField).orElse(false);
        Map<String, SetupValue> overrides = new LinkedHashMap<>();
        fields
            .mapping(run, "slurm_overrides", runField, false)
            .ifPresent(
                slurm -> {
                  for (YamlMapping.Entry entry : slurm.entries()) {
                    String overrideField = runField + ".slurm_overrides." + entry.key();
                    if (!SLURM_OVERRIDES.contains(entry.key())) {
                      fields.problem(
                          overrideField,
                          entryNode(entry),
                          "'" + entry.key() + "'" + NearestName.hint(entry.key(), SLURM_OVERRIDES),
                          "one of "
                              + String.join(", ", SLURM_OVERRIDES.stream().sorted().toList()));
                      continue;
                    }
                    settingValue(entry.value(), overrideField, SetupKeys.find(entry.key()))
                        .ifPresent(value -> overrides.put(entry.key(), value));
                  }
                });
        if (name.isPresent() && type.isPresent()) {
          runs.add(
              new RunSpec(
                  name.get(),
                  type.get(),
                  model.orElse(""),
                  parameters,
                  parameterNames,
                  mig,
                  overrides,
                  run.line()));
        }
      }
      return runs;
    }

    private Optional<RunType> runType(String text, YamlMapping run, String field) {
      for (RunType type : RunType.values()) {
        if (type.yamlName().equals(text)) {
          return Optional.of(type);
        }
      }
      fields.problem(
          field + ".type",
          run.get("type").orElseThrow(),
          "'" + text + "'",
          "fine-tuned or control");
      return Optional.empty();
    }

    /**
     * A parameter name must mean a setup key: a dropped sweep variable is the worst failure there
     * is.
     */
    private Optional<SetupKey> parameterKey(String name, String field, YamlMapping.Entry entry) {
      Optional<SetupKey> key = SetupKeys.forParameter(name);
      if (key.isEmpty()) {
        fields.problem(
            field,
            entryNode(entry),
            "parameter '"
                + name
                + "', which no setup key stands for"
                + NearestName.hint(name, SetupKeys.names()),
            "a setup_finetune.yaml key such as lora_rank, learning_rate (lr), batch_size or epochs");
      }
      return key;
    }

    private void compareVariablesWithRuns(
        Map<String, List<SetupValue>> variables, List<RunSpec> runs) {
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
                warnings.add(
                    new Warning(
                        run.name(),
                        "leaves out swept variable "
                            + key
                            + " (it gets the control or default value)"));
              } else if (!listedKeys.get(key).contains(valueKey(value.text()))) {
                warnings.add(
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

    private Optional<SetupValue> value(
        YamlMapping parent, String key, String parentPath, boolean required) {
      Optional<YamlNode> node = parent.get(key);
      if (node.isEmpty()) {
        if (required) {
          fields.text(parent, key, parentPath, true);
        }
        return Optional.empty();
      }
      return SetupValueReader.read(node.get(), FieldReader.path(parentPath, key), fields)
          .filter(
              value -> {
                if (value.isNull() && required) {
                  fields.problem(FieldReader.path(parentPath, key), node.get(), "null", "a value");
                  return false;
                }
                return !value.isNull();
              });
    }

    /**
     * A setup value, checked against its key's rule here so that a bad value is reported together
     * with every other problem of the file (the resolver's identical report is merged).
     */
    private Optional<SetupValue> settingValue(YamlNode node, String field, Optional<SetupKey> key) {
      Optional<SetupValue> value = SetupValueReader.read(node, field, fields);
      if (value.isPresent() && !value.get().isNull() && key.isPresent()) {
        key.get()
            .rule()
            .check(value.get().text())
            .ifPresent(
                expected ->
                    fields
                        .problems()
                        .add(
                            fields.file(),
                            field,
                            node.line(),
                            node.column(),
                            "'" + value.get().text() + "'",
                            expected));
      }
      return value;
    }

    /**
     * Jobs run in another directory on another machine: only an absolute path means the same there.
     */
    private SetupValue absolutePath(SetupValue value) {
      if (value != null && !value.text().startsWith("/")) {
        fields
            .problems()
            .add(
                value.origin().file(),
                value.origin().field(),
                value.origin().line(),
                value.origin().column(),
                "a relative path '" + value.text() + "'",
                "an absolute path (jobs run in another directory)");
      }
      return value;
    }

    private SetupValue checkedPath(SetupValue value) {
      if (value == null) {
        return null;
      }
      ValueRule.PATH
          .check(value.text())
          .ifPresent(
              expected ->
                  fields
                      .problems()
                      .add(
                          value.origin().file(),
                          value.origin().field(),
                          value.origin().line(),
                          value.origin().column(),
                          "'" + value.text() + "'",
                          expected));
      return value;
    }

    private YamlNode entryNode(YamlMapping.Entry entry) {
      return new YamlScalar(entry.key(), true, entry.keyLine(), entry.keyColumn());
    }
  }

  /** Equal as numbers where both are numbers, else as text. */
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
