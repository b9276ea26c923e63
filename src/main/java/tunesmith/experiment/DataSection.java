package tunesmith.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import tunesmith.datagen.GeneratedDatasetName;
import tunesmith.keys.SetupValue;
import tunesmith.problem.NearestName;
import tunesmith.profile.Profile.Rule;
import tunesmith.yaml.YamlMapping;
import tunesmith.yaml.YamlNode;

/**
 * Reads {@code data} (data.training, and in the cruijff_kit-0.3 format data.data_generation) and
 * resolves what each fine-tuned run trains on.
 */
final class DataSection {
  /** Where cruijff_kit's generator writes, under claude.local.md's scratch directory. */
  static final String GENERATED_DATA = "ck-data/generated";

  private final Reading reading;
  private final Optional<Path> scratchDirectory;
  private Optional<YamlMapping> dataGeneration = Optional.empty();
  private Optional<TrainingData> trainingData = Optional.empty();

  DataSection(Reading reading, Optional<Path> scratchDirectory) {
    this.reading = reading;
    this.scratchDirectory = scratchDirectory;
  }

  /** Reads {@code data}; its training data, if it is complete. */
  Optional<TrainingData> read(YamlMapping data) {
    reading.unknownKeys(data, "data", CommonKeys.DATA, reading.format.ignoredKeys("data"));
    if (reading.format.has(Rule.RUN_DATASETS)) {
      dataGeneration = reading.fields.mapping(data, "data_generation", "data", false);
    }
    trainingData = reading.fields.mapping(data, "training", "data", true).flatMap(this::training);
    return trainingData;
  }

  /** data.data_generation (cruijff_kit-0.3 format), whose conditions name generated files. */
  Optional<YamlMapping> dataGeneration() {
    return dataGeneration;
  }

  private Optional<TrainingData> training(YamlMapping training) {
    reading.unknownKeys(training, "data.training", CommonKeys.TRAINING, Map.of());
    Optional<SetupValue> path =
        reading
            .value(training, "path", "data.training", true)
            .map(reading::checkedPath)
            .map(reading::absolutePath);
    String labelKey =
        training.get("label").isPresent() || training.get("dataset_label").isEmpty()
            ? "label"
            : "dataset_label";
    Optional<SetupValue> label =
        reading.value(training, labelKey, "data.training", true).map(reading::checkedPath);
    boolean parquet = false;
    Optional<String> format = reading.fields.text(training, "format", "data.training", false);
    if (format.isPresent()) {
      parquet = format.get().equals("parquet");
      boolean jsonOnly = !reading.format.has(Rule.PARQUET_DATASETS);
      if ((parquet && jsonOnly) || (!parquet && !format.get().equals("json"))) {
        reading.fields.problem(
            "data.training.format",
            training.get("format").orElseThrow(),
            "'" + format.get() + "'",
            jsonOnly
                ? "json (" + reading.format.reading().formatName() + "'s datasets are json)"
                : "json or parquet");
      }
    } else if (path.isPresent() && !path.get().text().endsWith(".json")) {
      reading.fields.problem(
          "data.training.format",
          training,
          "no format, and a path that does not end in .json",
          "format: json or format: parquet");
    }
    OptionalLong trainSamples =
        reading
            .fields
            .mapping(training, "splits", "data.training", false)
            .flatMap(
                splits -> reading.fields.integer(splits, "train", "data.training.splits", false, 1))
            .map(OptionalLong::of)
            .orElse(OptionalLong.empty());
    if (path.isEmpty() || label.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new TrainingData(path.get(), label.get(), parquet, trainSamples));
  }

  /**
   * What a fine-tuned cruijff_kit-0.3 format run trains on: a literal dataset_path wins, then its
   * training_condition's generated file, then data.training. A condition that cannot be resolved is
   * an error, never a silent fall back to data.training.
   */
  Optional<RunDataset> dataset(YamlMapping run, String runField, SetupValue parameterPath) {
    Optional<SetupValue> runPath =
        reading.value(run, "dataset_path", runField, false).map(reading::checkedPath);
    if (runPath.isPresent() && parameterPath != null) {
      reading.fields.problem(
          runField + ".dataset_path",
          run.get("dataset_path").orElseThrow(),
          "both dataset_path and parameters.dataset_path",
          "one of them");
    }
    Optional<SetupValue> literal = runPath.or(() -> Optional.ofNullable(parameterPath));
    if (literal.isPresent()) {
      SetupValue path = reading.absolutePath(literal.get());
      return Optional.of(
          new RunDataset(
              path,
              new SetupValue(stem(path.text()), path.origin()),
              RunDataset.Source.DATASET_PATH,
              Optional.empty()));
    }
    Optional<String> condition = reading.fields.text(run, "training_condition", runField, false);
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
      reading.fields.problem(
          field, at, "'" + condition + "' but no data.data_generation block", wayOut);
      return Optional.empty();
    }
    List<String> conditions =
        GeneratedDatasetName.conditionNames(dataGeneration.get()).orElse(List.of());
    if (!conditions.contains(condition)) {
      reading.fields.problem(
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
      reading.fields.problem(
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
      reading.fields.problem(
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
        new SetupValue.Origin(reading.fields.file(), field, at.line(), at.column());
    return Optional.of(
        new RunDataset(
            new SetupValue(path.toString(), origin),
            new SetupValue(stem(fileName), origin),
            RunDataset.Source.TRAINING_CONDITION,
            Optional.of(condition)));
  }

  /** A file name without its directory and extension: cruijff_kit's dataset label. */
  static String stem(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
