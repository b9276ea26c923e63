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
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tunesmith.catalog.ModelCatalog;
import tunesmith.datagen.GeneratedDatasetName;
import tunesmith.keys.SetupKey;
import tunesmith.keys.SetupKeys;
import tunesmith.keys.SetupValue;
import tunesmith.keys.SetupValueReader;
import tunesmith.keys.ValueRule;
import tunesmith.problem.InputProblems;
import tunesmith.problem.NearestName;
import tunesmith.problem.Warning;
import tunesmith.profile.Profile;
import tunesmith.profile.Profile.Rule;
import tunesmith.profile.Profiles;
import tunesmith.sharing.SharedInstances;
import tunesmith.sharing.SharedKeyMap;
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
  private static final Set<String> COMPUTE = Set.of("time", "gpus", "mem", "cpus_per_task");

  /** 2026-format run parameters that are not setup keys: they choose files, not settings. */
  private static final Set<String> PATH_PARAMETERS = Set.of("checkpoint_path", "dataset_path");

  /** Where cruijff_kit's generator writes, under claude.local.md's scratch directory. */
  public static final String GENERATED_DATA = "ck-data/generated";

  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private final Function<Profile, ModelCatalog> catalogs;
  private final Optional<Path> scratchDirectory;

  /** One catalog for both formats, no scratch directory (training_condition cannot resolve). */
  public ExperimentReader(ModelCatalog catalog) {
    this(target -> catalog, Optional.empty());
  }

  /**
   * @param catalogs the model catalog of each target (the file's format chooses the target)
   * @param scratchDirectory claude.local.md's scratch directory, under which cruijff_kit's
   *     generator writes the files training_condition names
   */
  public ExperimentReader(
      Function<Profile, ModelCatalog> catalogs, Optional<Path> scratchDirectory) {
    this.catalogs = catalogs;
    this.scratchDirectory = scratchDirectory;
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
    return YamlFileReader.read(directory.resolve(FILE_NAME), problems)
        .flatMap(root -> read(directory, root, problems));
  }

  /**
   * As {@link #read(Path, InputProblems)}, from the file's document already read ({@code root}), so
   * that a caller that reads more of the file (its evaluation half) need not read it again.
   */
  public Optional<ExperimentPlan> read(Path directory, YamlNode root, InputProblems problems) {
    Path file = directory.resolve(FILE_NAME);
    return Optional.ofNullable(
        new Reading(directory.toAbsolutePath().normalize(), new FieldReader(file, problems))
            .plan(root));
  }

  /** The state of one read: the file's fields and the warnings found so far. */
  private final class Reading {
    private final Path directory;
    private final FieldReader fields;
    private final List<Warning> warnings = new ArrayList<>();
    // What runs hold alike (a model's name, a swept value, parameter names) is held once.
    private final SharedInstances shared = new SharedInstances();
    private Profile format = Profiles.fallback();
    private ModelCatalog catalog;
    private Optional<YamlMapping> dataGeneration = Optional.empty();
    private Optional<TrainingData> trainingData = Optional.empty();

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
      unknownKeys(document, "", CommonKeys.TOP_LEVEL, Map.of());
      Optional<YamlMapping> experiment = fields.mapping(document, "experiment", "", true);
      boolean formatChosen = experiment.map(this::chooseFormat).orElse(false);
      catalog = catalogs.apply(format);
      experiment.ifPresent(
          e ->
              unknownKeys(
                  e,
                  "experiment",
                  format.knownKeys("experiment"),
                  format.ignoredKeys("experiment")));
      String name = experiment.flatMap(e -> fields.text(e, "name", "experiment", true)).orElse("");
      String date = experiment.flatMap(this::date).orElse("");
      Optional<String> project =
          experiment
              .filter(e -> format.knownKeys("experiment").contains("project"))
              .flatMap(e -> fields.text(e, "project", "experiment", false));
      experiment.filter(e -> formatChosen).ifPresent(this::declaredDirectory);
      fields.mapping(document, "tools", "", true).ifPresent(this::tools);
      Map<String, List<SetupValue>> variables =
          fields.mapping(document, "variables", "", false).map(this::variables).orElse(Map.of());
      Optional<YamlMapping> controlsNode = fields.mapping(document, "controls", "", false);
      Map<String, SetupValue> controls = controlsNode.map(this::controls).orElse(Map.of());
      if (format.has(Rule.DATASET_TYPE_REQUIRED) && !controls.containsKey("dataset_type")) {
        requiredDatasetType(controlsNode.<YamlNode>map(c -> c).orElse(document));
      }
      boolean validation =
          controlsNode
              .flatMap(c -> fields.bool(c, "validation_during_training", "controls"))
              .orElse(false);
      Map<String, BaseModel> models =
          fields.mapping(document, "models", "", true).map(this::models).orElse(Map.of());
      Optional<YamlMapping> data = fields.mapping(document, "data", "", true);
      data.ifPresent(d -> unknownKeys(d, "data", CommonKeys.DATA, format.ignoredKeys("data")));
      if (format.has(Rule.RUN_DATASETS)) {
        dataGeneration = data.flatMap(d -> fields.mapping(d, "data_generation", "data", false));
      }
      TrainingData training =
          data.flatMap(d -> fields.mapping(d, "training", "data", true))
              .map(this::training)
              .orElse(null);
      trainingData = Optional.ofNullable(training);
      // The 2026 format has no output.base_directory: its runs live in the experiment directory.
      boolean hasBaseDirectory = format.has(Rule.OUTPUT_BASE_DIRECTORY);
      Optional<YamlMapping> output = fields.mapping(document, "output", "", hasBaseDirectory);
      output.ifPresent(
          o -> unknownKeys(o, "output", format.knownKeys("output"), format.ignoredKeys("output")));
      SetupValue baseDirectory =
          hasBaseDirectory
              ? output.flatMap(o -> value(o, "base_directory", "output", true)).orElse(null)
              : null;
      baseDirectory = absolutePath(checkedPath(baseDirectory));
      document.get("evaluation").ifPresent(this::evaluation);
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
          warnings,
          format,
          project);
    }

    /** experiment.dir: the 2026 format; experiment.directory: January; never both or neither. */
    private boolean chooseFormat(YamlMapping experiment) {
      boolean dir = experiment.get("dir").isPresent();
      boolean directory = experiment.get("directory").isPresent();
      if (dir == directory) {
        fields.problem(
            dir ? "experiment.dir" : "experiment.directory",
            dir ? experiment.entry("dir").map(this::entryNode).orElseThrow() : experiment,
            dir
                ? "both experiment.dir and experiment.directory"
                : "neither experiment.directory nor experiment.dir",
            "exactly one of them: experiment.directory (the January format) or experiment.dir"
                + " (the 2026 format of cruijff_kit 0.3)");
        return false;
      }
      format =
          Profiles.all().stream()
              .filter(profile -> experiment.get(profile.reading().directoryKey()).isPresent())
              .findFirst()
              .orElseThrow();
      return true;
    }

    private void requiredDatasetType(YamlNode at) {
      fields.problem(
          "controls.dataset_type",
          at,
          "no dataset_type",
          "controls.dataset_type: chat_completion or text_completion (the 2026 format requires it:"
              + " a guessed chat/text choice silently breaks train/eval parity)");
    }

    /** The evaluation half is read elsewhere; the January format has none to scaffold. */
    private void evaluation(YamlNode evaluation) {
      boolean empty =
          evaluation instanceof YamlScalar scalar
              ? scalar.isNull()
              : evaluation instanceof YamlMapping mapping
                  ? mapping.entries().isEmpty()
                  : ((YamlSequence) evaluation).items().isEmpty();
      if (!format.has(Rule.EVALUATION) && !empty) {
        warnings.add(
            Warning.global(
                "evaluation (line "
                    + evaluation.line()
                    + ") is not read: the January format has no evaluation scaffolding"
                    + " (the 2026 format, chosen by experiment.dir, has)"));
      }
    }

    /**
     * A key the format does not know is a warning naming the nearest known key; a key it knows but
     * does not read is a warning saying so. Neither passes silently.
     */
    private void unknownKeys(
        YamlMapping mapping, String section, Set<String> known, Map<String, String> ignored) {
      for (YamlMapping.Entry entry : mapping.entries()) {
        if (known.contains(entry.key())) {
          continue;
        }
        String field = section.isEmpty() ? entry.key() : section + "." + entry.key();
        String why = ignored.get(entry.key());
        warnings.add(
            Warning.global(
                field
                    + " (line "
                    + entry.keyLine()
                    + ") "
                    + (why != null
                        ? why + "; it is not used"
                        : "is not a key tunesmith knows and is not used"
                            + NearestName.hint(entry.key(), known))));
      }
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
      String key = format.reading().directoryKey();
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
      unknownKeys(tools, "tools", CommonKeys.TOOLS, Map.of());
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
        String ignoredBecause = format.reading().ignoredControls().get(entry.key());
        if (ignoredBecause != null) {
          warnings.add(
              Warning.global(
                  "controls."
                      + entry.key()
                      + " (line "
                      + entry.keyLine()
                      + ") is not used: "
                      + ignoredBecause
                      + " (target "
                      + format
                      + ")"));
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
                  unknownKeys(model, field, CommonKeys.MODEL_ENTRY, Map.of());
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
      unknownKeys(training, "data.training", CommonKeys.TRAINING, Map.of());
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
        boolean jsonOnly = !this.format.has(Rule.PARQUET_DATASETS);
        if ((parquet && jsonOnly) || (!parquet && !format.get().equals("json"))) {
          fields.problem(
              "data.training.format",
              training.get("format").orElseThrow(),
              "'" + format.get() + "'",
              jsonOnly ? "json (the 2026 format's datasets are json)" : "json or parquet");
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
        unknownKeys(run, runField, format.knownKeys("runs[]"), format.ignoredKeys("runs[]"));
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
        Map<String, SetupValue> pathParameters = new LinkedHashMap<>();
        fields
            .mapping(run, "parameters", runField, false)
            .ifPresent(
                params -> {
                  for (YamlMapping.Entry entry : params.entries()) {
                    String paramField = runField + ".parameters." + entry.key();
                    if (format.has(Rule.RUN_DATASETS) && PATH_PARAMETERS.contains(entry.key())) {
                      value(params, entry.key(), runField + ".parameters", false)
                          .map(this::checkedPath)
                          .ifPresent(path -> pathParameters.put(entry.key(), path));
                      continue;
                    }
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
                                          parameters.put(
                                              key.name(),
                                              new SetupValue(
                                                  shared.of(value.text()), value.origin()));
                                          parameterNames.put(key.name(), shared.of(entry.key()));
                                        }));
                  }
                });
        boolean mig = fields.bool(run, "mig", runField).orElse(false);
        Map<String, SetupValue> overrides =
            resourceBlock(run, runField, "slurm_overrides", SLURM_OVERRIDES);
        Map<String, SetupValue> compute = compute(run, runField);
        Optional<SetupValue> checkpointPath =
            Optional.ofNullable(pathParameters.get("checkpoint_path")).map(this::absolutePath);
        if (checkpointPath.isEmpty() && type.orElse(null) == RunType.EVAL_ONLY) {
          fields.problem(
              runField + ".parameters.checkpoint_path",
              run.get("parameters").orElse(run),
              "none",
              "the absolute path of the checkpoint an eval-only run evaluates");
        }
        if (checkpointPath.isPresent() && type.isPresent() && type.get() != RunType.EVAL_ONLY) {
          warnings.add(
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
            format.has(Rule.RUN_DATASETS) && type.orElse(RunType.CONTROL) == RunType.FINE_TUNED
                ? dataset(run, runField, pathParameters.get("dataset_path"))
                : Optional.empty();
        if (name.isPresent() && type.isPresent()) {
          runs.add(
              new RunSpec(
                  name.get(),
                  type.get(),
                  shared.of(model.orElse("")),
                  SharedKeyMap.copyOf(parameters, shared, UnaryOperator.identity()),
                  SharedKeyMap.copyOf(parameterNames, shared, UnaryOperator.identity()),
                  mig,
                  overrides,
                  run.line(),
                  run.column(),
                  compute,
                  dataset.map(shared::of),
                  checkpointPath));
        }
      }
      return runs;
    }

    /**
     * A control or eval-only run is not trained, so what would shape its training does nothing:
     * said, not ignored. (Its dataset_path still names the data its evaluation reads.)
     */
    private void untrainedKeys(YamlMapping run, RunType type, String runName, boolean hasCompute) {
      String notTrained = ": " + type.yamlName() + " runs are not trained";
      if (hasCompute) {
        warnings.add(
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
              warnings.add(
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
                  warnings.add(
                      new Warning(
                          runName,
                          "training_condition (line "
                              + node.line()
                              + ") is not used"
                              + notTrained)));
    }

    /** Whether the profile's format has runs of this type: eval-only runs are not everywhere. */
    private boolean reads(RunType type) {
      return type != RunType.EVAL_ONLY || format.has(Rule.EVAL_ONLY_RUNS);
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
      fields.problem(
          field + ".type",
          run.get("type").orElseThrow(),
          "'" + text + "'" + NearestName.hint(text, names),
          String.join(" or ", names)
              + (reads(RunType.EVAL_ONLY)
                  ? ""
                  : " (eval-only runs belong to the 2026 format, chosen by experiment.dir)"));
      return Optional.empty();
    }

    /** The 2026 format's per-run compute block: below slurm_overrides, above everything else. */
    private Map<String, SetupValue> compute(YamlMapping run, String runField) {
      Map<String, SetupValue> compute = new LinkedHashMap<>();
      if (format.has(Rule.COMPUTE)) {
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
     * A run's block of SLURM settings (slurm_overrides, compute): each key one of {@code allowed},
     * an unknown one named with the nearest known.
     */
    private Map<String, SetupValue> resourceBlock(
        YamlMapping run, String runField, String blockName, Set<String> allowed) {
      Map<String, SetupValue> settings = new LinkedHashMap<>();
      fields
          .mapping(run, blockName, runField, false)
          .ifPresent(
              block -> {
                for (YamlMapping.Entry entry : block.entries()) {
                  String entryField = runField + "." + blockName + "." + entry.key();
                  if (!allowed.contains(entry.key())) {
                    fields.problem(
                        entryField,
                        entryNode(entry),
                        "'" + entry.key() + "'" + NearestName.hint(entry.key(), allowed),
                        "one of " + String.join(", ", allowed.stream().sorted().toList()));
                    continue;
                  }
                  settingValue(entry.value(), entryField, SetupKeys.find(entry.key()))
                      .ifPresent(value -> settings.put(entry.key(), value));
                }
              });
      return settings;
    }

    /**
     * What a fine-tuned 2026-format run trains on: a literal dataset_path wins, then its
     * training_condition's generated file, then data.training. A condition that cannot be resolved
     * is an error, never a silent fall back to data.training.
     */
    private Optional<RunDataset> dataset(
        YamlMapping run, String runField, SetupValue parameterPath) {
      Optional<SetupValue> runPath =
          value(run, "dataset_path", runField, false).map(this::checkedPath);
      if (runPath.isPresent() && parameterPath != null) {
        fields.problem(
            runField + ".dataset_path",
            run.get("dataset_path").orElseThrow(),
            "both dataset_path and parameters.dataset_path",
            "one of them");
      }
      Optional<SetupValue> literal = runPath.or(() -> Optional.ofNullable(parameterPath));
      if (literal.isPresent()) {
        SetupValue path = absolutePath(literal.get());
        return Optional.of(
            new RunDataset(
                path,
                new SetupValue(stem(path.text()), path.origin()),
                RunDataset.Source.DATASET_PATH,
                Optional.empty()));
      }
      Optional<String> condition = fields.text(run, "training_condition", runField, false);
      if (condition.isPresent()) {
        return conditionDataset(run, runField, condition.get());
      }
      return trainingData.map(
          training ->
              new RunDataset(
                  training.path(),
                  training.label(),
                  RunDataset.Source.DATA_TRAINING,
                  Optional.empty()));
    }

    private Optional<RunDataset> conditionDataset(
        YamlMapping run, String runField, String condition) {
      YamlNode at = run.get("training_condition").orElseThrow();
      String field = runField + ".training_condition";
      String wayOut =
          "a condition whose generated file can be named here, or "
              + runField
              + ".dataset_path naming the file to train on";
      if (dataGeneration.isEmpty()) {
        fields.problem(field, at, "'" + condition + "' but no data.data_generation block", wayOut);
        return Optional.empty();
      }
      List<String> conditions =
          GeneratedDatasetName.conditionNames(dataGeneration.get()).orElse(List.of());
      if (!conditions.contains(condition)) {
        fields.problem(
            field,
            at,
            "'"
                + condition
                + "', which data.data_generation.conditions does not name"
                + NearestName.hint(condition, conditions),
            "one of "
                + (conditions.isEmpty() ? "(none)" : String.join(", ", conditions))
                + ", or "
                + runField
                + ".dataset_path naming the file to train on");
        return Optional.empty();
      }
      if (scratchDirectory.isEmpty()) {
        fields.problem(
            field,
            at,
            "'"
                + condition
                + "', but claude.local.md names no Scratch directory (cruijff_kit's"
                + " generator writes to {scratch}/"
                + GENERATED_DATA
                + "/)",
            "a Scratch directory in claude.local.md, or "
                + runField
                + ".dataset_path naming the file to train on");
        return Optional.empty();
      }
      GeneratedDatasetName.Result result =
          GeneratedDatasetName.train(dataGeneration.get(), condition);
      if (result instanceof GeneratedDatasetName.Refused refused) {
        fields.problem(
            field,
            at,
            "'"
                + condition
                + "', whose generated file name cannot be computed here: "
                + refused.reason(),
            wayOut);
        return Optional.empty();
      }
      String fileName = ((GeneratedDatasetName.Name) result).fileName();
      Path path = scratchDirectory.get().resolve(GENERATED_DATA).resolve(fileName);
      SetupValue.Origin origin =
          new SetupValue.Origin(fields.file(), field, at.line(), at.column());
      return Optional.of(
          new RunDataset(
              new SetupValue(path.toString(), origin),
              new SetupValue(stem(fileName), origin),
              RunDataset.Source.TRAINING_CONDITION,
              Optional.of(condition)));
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

  /** A file name without its directory and extension: cruijff_kit's dataset label. */
  static String stem(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
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
