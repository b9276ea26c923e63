package tunesmith.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tunesmith.catalog.ModelCatalog;
import tunesmith.keys.SetupValue;
import tunesmith.problem.InputProblems;
import tunesmith.problem.Warning;
import tunesmith.profile.Profile;
import tunesmith.profile.Profile.Rule;
import tunesmith.profile.Profiles;
import tunesmith.yaml.FieldReader;
import tunesmith.yaml.YamlFileReader;
import tunesmith.yaml.YamlMapping;
import tunesmith.yaml.YamlNode;

/**
 * Reads and validates experiment_summary.yaml into an {@link ExperimentPlan}, evaluation section
 * included, in one pass: one section reader a section (experiment, variables and controls, models,
 * data, runs, evaluation) over a shared {@link Reading}. Every problem in the file is collected
 * before giving up, so the user fixes them all in one go.
 */
public final class ExperimentReader {
  public static final String FILE_NAME = "experiment_summary.yaml";

  /** Where cruijff_kit's generator writes, under claude.local.md's scratch directory. */
  public static final String GENERATED_DATA = DataSection.GENERATED_DATA;

  private final Function<Profile, ModelCatalog> catalogs;
  private final Optional<Path> scratchDirectory;
  private final List<Profile> profiles;

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
    this(catalogs, scratchDirectory, Profiles.all());
  }

  /**
   * @param profiles the profiles a file may be in: its directory key chooses one
   */
  public ExperimentReader(
      Function<Profile, ModelCatalog> catalogs,
      Optional<Path> scratchDirectory,
      List<Profile> profiles) {
    this.catalogs = catalogs;
    this.scratchDirectory = scratchDirectory;
    this.profiles = List.copyOf(profiles);
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
    Reading reading =
        new Reading(
            directory.toAbsolutePath().normalize(), new FieldReader(file, problems), profiles);
    return reading.fields.asMapping(root, "").map(document -> plan(reading, document));
  }

  private ExperimentPlan plan(Reading reading, YamlMapping document) {
    FieldReader fields = reading.fields;
    reading.unknownKeys(document, "", CommonKeys.TOP_LEVEL, Map.of());
    ExperimentSection experimentSection = new ExperimentSection(reading);
    Optional<YamlMapping> experiment = fields.mapping(document, "experiment", "", true);
    boolean formatChosen = experiment.map(experimentSection::chooseFormat).orElse(false);
    Profile format = reading.format;
    reading.catalog = catalogs.apply(format);
    ExperimentSection.Identity identity = experimentSection.read(experiment, formatChosen);
    fields.mapping(document, "tools", "", true).ifPresent(experimentSection::tools);
    SweepSection sweep = new SweepSection(reading);
    Map<String, List<SetupValue>> variables =
        fields.mapping(document, "variables", "", false).map(sweep::variables).orElse(Map.of());
    Optional<YamlMapping> controlsNode = fields.mapping(document, "controls", "", false);
    Map<String, SetupValue> controls = controlsNode.map(sweep::controls).orElse(Map.of());
    if (format.has(Rule.DATASET_TYPE_REQUIRED) && !controls.containsKey("dataset_type")) {
      fields.problem(
          "controls.dataset_type",
          controlsNode.<YamlNode>map(c -> c).orElse(document),
          "no dataset_type",
          "controls.dataset_type: chat_completion or text_completion ("
              + format.reading().formatName()
              + " requires it: a guessed chat/text choice silently breaks train/eval parity)");
    }
    boolean validation =
        controlsNode
            .flatMap(c -> fields.bool(c, "validation_during_training", "controls"))
            .orElse(false);
    Map<String, BaseModel> models =
        fields
            .mapping(document, "models", "", true)
            .map(new ModelsSection(reading)::read)
            .orElse(Map.of());
    DataSection data = new DataSection(reading, scratchDirectory);
    TrainingData training =
        fields.mapping(document, "data", "", true).flatMap(data::read).orElse(null);
    // A format without output.base_directory keeps its runs in the experiment directory.
    boolean hasBaseDirectory = format.has(Rule.OUTPUT_BASE_DIRECTORY);
    Optional<YamlMapping> output = fields.mapping(document, "output", "", hasBaseDirectory);
    output.ifPresent(o -> reading.formatKeys(o, "output", "output"));
    SetupValue baseDirectory =
        hasBaseDirectory
            ? output.flatMap(o -> reading.value(o, "base_directory", "output", true)).orElse(null)
            : null;
    baseDirectory = reading.absolutePath(reading.checkedPath(baseDirectory));
    EvaluationSection evaluationSection = new EvaluationSection(reading);
    Optional<EvaluationDesign> evaluation = Optional.empty();
    if (!format.has(Rule.EVALUATION)) {
      document.get("evaluation").ifPresent(evaluationSection::notRead);
    }
    Optional<SetupValue> wandbProject =
        output.flatMap(o -> reading.value(o, "wandb_project", "output", false));
    List<RunSpec> runs =
        fields
            .sequence(document, "runs", "", true)
            .map(list -> new RunsSection(reading, data).read(list, models))
            .orElse(List.of());
    sweep.compareWithRuns(variables, runs);
    if (format.has(Rule.REQUIRED_CONTROLS)) {
      new RequiredControls(reading)
          .check(
              controlsNode.<YamlNode>map(c -> c).orElse(document),
              controls,
              runs,
              sweep.misspeltRequired());
    }
    if (!runs.isEmpty() && runs.stream().noneMatch(RunSpec::fineTuned)) {
      reading.warnings.add(
          Warning.global("no run has type fine-tuned: there is nothing to scaffold"));
    }
    if (format.has(Rule.EVALUATION)) {
      evaluation = evaluationSection.read(document);
    }
    return new ExperimentPlan(
        fields.file(),
        reading.directory,
        identity.name(),
        identity.date(),
        variables,
        controls,
        validation,
        models,
        training,
        baseDirectory,
        wandbProject,
        runs,
        reading.warnings,
        format,
        identity.project(),
        data.dataGeneration(),
        evaluation);
  }
}
