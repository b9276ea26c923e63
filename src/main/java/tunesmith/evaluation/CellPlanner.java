package tunesmith.evaluation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tunesmith.environment.LocalSettings;
import tunesmith.experiment.EvalSettings;
import tunesmith.experiment.EvalTask;
import tunesmith.experiment.EvaluationDesign;
import tunesmith.experiment.MatrixEntry;
import tunesmith.experiment.RunType;
import tunesmith.problem.NearestName;
import tunesmith.sharing.SharedInstances;
import tunesmith.yaml.FieldReader;

/**
 * Turns the matrix into cells: one per (run, task, epoch). Every reference that does not resolve is
 * an input problem at the matrix line that makes it, recorded and not thrown, so all of them are
 * reported together. See docs/EVALUATION.md for the values and their precedence.
 */
public final class CellPlanner {
  /** What an {@code #SBATCH} line takes without quoting (the cell directory is in --output). */
  private static final Pattern SBATCH_SAFE = Pattern.compile("[A-Za-z0-9_./+=@%:-]+");

  private static final String DEFAULT_TIME = "0:10:00";
  private static final String DEFAULT_CONDA_ENV = "cruijff";
  private static final Map<String, Boolean> CHAT_TEMPLATE_BY_DATASET_TYPE =
      Map.of("chat_completion", true, "text_completion", false);

  private final FieldReader fields;
  private final EvalModels models;
  private final ConditionDatasets conditions;
  private final LocalSettings local;

  public CellPlanner(
      FieldReader fields, EvalModels models, ConditionDatasets conditions, LocalSettings local) {
    this.fields = fields;
    this.models = models;
    this.conditions = conditions;
    this.local = local;
  }

  /** The conda environment cells activate. */
  public String condaEnv() {
    return local.condaEnv().orElse(DEFAULT_CONDA_ENV);
  }

  /** The cells of the design, with the experiment's runs as evaluation needs them. */
  public List<EvalCell> plan(EvaluationDesign design, List<EvalRun> evalRuns, Path experimentDir) {
    Path root = experimentDir.toAbsolutePath().normalize();
    Map<String, EvalRun> runs = new LinkedHashMap<>();
    evalRuns.forEach(run -> runs.putIfAbsent(run.name(), run));
    Map<String, EvalTask> tasks = new LinkedHashMap<>();
    design.tasks().forEach(task -> tasks.putIfAbsent(task.name(), task));
    EvalSettings settings = design.settings();
    Optional<Boolean> chatTemplate = chatTemplate(settings);
    checkCommaFree("experiment directory", 0, 0, root.toString());
    if (!SBATCH_SAFE.matcher(root.toString()).matches()) {
      fields
          .problems()
          .add(
              fields.file(),
              "experiment directory",
              0,
              0,
              "'" + root + "'",
              "a directory path without spaces or shell characters (it is in #SBATCH --output)");
    }
    Map<String, DatasetChoice> dataPaths = new HashMap<>();
    for (EvalTask task : design.tasks()) {
      dataPath(task).ifPresent(path -> dataPaths.put(task.name(), new DatasetChoice(path)));
    }
    Set<String> modelsChecked = new HashSet<>();
    Map<String, Set<String>> labelsByRun = new HashMap<>();
    Set<String> cellKeys = new HashSet<>();
    List<EvalCell> cells = new ArrayList<>();
    // A run's cells share its artifacts directory, and cells of a model their resources.
    SharedInstances shared = new SharedInstances();
    for (MatrixEntry entry : design.matrix()) {
      EvalRun run = runs.get(entry.run());
      if (run == null) {
        problem(
            entry.field() + ".run",
            entry,
            "'" + entry.run() + "'",
            "the name of a run in 'runs'" + NearestName.hint(entry.run(), runs.keySet()));
        continue;
      }
      Optional<EvalModels.Resources> model = models.find(run.model());
      if (model.isEmpty()) {
        // A fine-tuned run's model missing from models.base is the experiment reader's error.
        boolean reported = run.type() == RunType.FINE_TUNED && run.modelPath().isEmpty();
        if (!reported && modelsChecked.add(run.model())) {
          fields
              .problems()
              .add(
                  fields.file(),
                  "runs." + run.name() + ".model",
                  run.line(),
                  run.column(),
                  "'" + run.model() + "'",
                  "a model evaluation knows: " + String.join(", ", models.names()));
        }
        continue;
      }
      if (run.type() == RunType.CONTROL && run.modelPath().isEmpty()) {
        problem(
            entry.field() + ".run",
            entry,
            "control run '" + run.name() + "' of model '" + run.model() + "' with no path",
            "a models.base entry named '" + run.model() + "' with its path");
        continue;
      }
      if (run.type() == RunType.EVAL_ONLY
          && run.checkpointPath().filter(path -> path.startsWith("/")).isEmpty()) {
        continue; // reported where the run is read
      }
      List<Optional<Long>> epochs = epochs(entry, run);
      String label = entry.visLabel().orElse(run.name());
      if (entry.visLabel().isPresent()) {
        checkCommaFree(entry.field() + ".vis_label", entry.line(), entry.column(), label);
        if (!labelsByRun.computeIfAbsent(run.name(), r -> new HashSet<>()).add(label)) {
          problem(
              entry.field() + ".vis_label",
              entry,
              "'" + label + "' a second time for run '" + run.name() + "'",
              "a vis_label used once per run (it tells the run's results apart)");
        }
      }
      for (int t = 0; t < entry.tasks().size(); t++) {
        String taskName = entry.tasks().get(t);
        EvalTask task = tasks.get(taskName);
        if (task == null) {
          problem(
              entry.field() + ".tasks[" + t + "]",
              entry,
              "'" + taskName + "'",
              "the name of a task in evaluation.tasks"
                  + NearestName.hint(taskName, tasks.keySet()));
          continue;
        }
        DatasetChoice data = dataPaths.get(taskName);
        if (data == null || chatTemplate.isEmpty()) {
          continue;
        }
        String visLabel = entry.tasks().size() > 1 ? label + " (" + taskName + ")" : label;
        for (Optional<Long> epoch : epochs) {
          String cellName = taskName + epoch.map(n -> "_epoch" + n).orElse("");
          if (!cellKeys.add(run.name() + "/" + cellName)) {
            problem(
                entry.field(),
                entry,
                "cell '" + run.name() + "/eval/" + cellName + "' a second time",
                "each (run, task, epoch) once in the matrix");
            continue;
          }
          cells.add(
              cell(
                  shared,
                  root,
                  run,
                  task,
                  epoch,
                  cellName,
                  data.path(),
                  visLabel,
                  chatTemplate.get(),
                  settings,
                  model.get()));
        }
      }
    }
    return cells;
  }

  private EvalCell cell(
      SharedInstances shared,
      Path root,
      EvalRun run,
      EvalTask task,
      Optional<Long> epoch,
      String cellName,
      String dataPath,
      String visLabel,
      boolean chatTemplate,
      EvalSettings settings,
      EvalModels.Resources model) {
    Path runDir = root.resolve(run.name());
    String artifacts = shared.of(runDir.resolve("artifacts") + "/");
    String modelPath =
        switch (run.type()) {
          case FINE_TUNED -> artifacts + "epoch_" + epoch.orElseThrow();
          case CONTROL -> run.modelPath().orElseThrow();
          case EVAL_ONLY -> run.checkpointPath().orElseThrow();
        };
    String hfName =
        switch (run.type()) {
          case FINE_TUNED -> "hf/" + run.name() + "_epoch_" + epoch.orElseThrow();
          case CONTROL -> "hf/" + run.name() + "_control";
          case EVAL_ONLY -> "hf/" + run.name();
        };
    checkCommaFree("runs." + run.name() + " model path", run.line(), run.column(), modelPath);
    checkCommaFree("runs." + run.name() + ".model", run.line(), run.column(), run.model());
    int gpus = settings.computeGpus().map(Long::intValue).orElse(model.gpus());
    CellResources resources =
        shared.of(
            new CellResources(
                model.cpus(),
                settings.computeMem().orElse(model.mem()),
                settings.computeTime().orElse(DEFAULT_TIME),
                gpus,
                local.account(),
                local.partition(),
                local.constraint()));
    return new EvalCell(
        run,
        task,
        shared.of(epoch),
        shared.of(cellName),
        runDir.resolve("eval").resolve(cellName),
        modelPath,
        hfName,
        artifacts,
        dataPath,
        visLabel,
        chatTemplate,
        task.prompt().or(run::prompt).or(settings::controlsPrompt),
        task.systemPrompt().or(settings::controlsSystemPrompt),
        task.assistantPrefix(),
        settings.datasetType().orElseThrow(),
        settings,
        resources);
  }

  private List<Optional<Long>> epochs(MatrixEntry entry, EvalRun run) {
    if (!run.trained()) {
      if (entry.epochs().isPresent()) {
        fields
            .problems()
            .add(
                fields.file(),
                entry.field() + ".epochs",
                entry.epochsLine(),
                entry.epochsColumn(),
                "epochs for " + run.type().yamlName() + " run '" + run.name() + "'",
                "'epochs: null': a " + run.type().yamlName() + " run has no training epochs");
        return List.of();
      }
      return List.of(Optional.empty());
    }
    if (run.epochs().isEmpty()) {
      return List.of(); // its model is not in models.base: reported where the runs are read
    }
    long trained = run.epochs().get();
    if (entry.epochs().isEmpty() || entry.epochs().get().isEmpty()) {
      fields
          .problems()
          .add(
              fields.file(),
              entry.field() + ".epochs",
              entry.epochsLine(),
              entry.epochsColumn(),
              entry.epochs().isEmpty() ? "null" : "an empty list",
              "the 0-based epochs of fine-tuned run '"
                  + run.name()
                  + "' to evaluate, from 0 to "
                  + (trained - 1));
      return List.of();
    }
    List<Optional<Long>> epochs = new ArrayList<>();
    for (long epoch : entry.epochs().get()) {
      if (epoch < 0 || epoch >= trained) {
        fields
            .problems()
            .add(
                fields.file(),
                entry.field() + ".epochs",
                entry.epochsLine(),
                entry.epochsColumn(),
                "epoch " + epoch,
                "an epoch from 0 to "
                    + (trained - 1)
                    + " (run '"
                    + run.name()
                    + "' trains "
                    + trained
                    + (trained == 1 ? " epoch" : " epochs")
                    + "; epochs count from 0)");
      } else {
        epochs.add(Optional.of(epoch));
      }
    }
    return epochs;
  }

  private Optional<String> dataPath(EvalTask task) {
    String field = "evaluation.tasks[" + task.name() + "]";
    if (task.evalCondition().isPresent()) {
      Optional<String> path = conditions.testFile(task.evalCondition().get());
      if (path.isEmpty()) {
        fields
            .problems()
            .add(
                fields.file(),
                field + ".eval_condition",
                task.line(),
                task.column(),
                "'" + task.evalCondition().get() + "', whose test file cannot be named here",
                "a condition of data.data_generation.conditions whose generated file can be"
                    + " computed, or the task's 'dataset' set to that file");
      }
      path.ifPresent(p -> checkCommaFree(field + ".eval_condition", task.line(), task.column(), p));
      return path;
    }
    task.dataset()
        .ifPresent(p -> checkCommaFree(field + ".dataset", task.line(), task.column(), p));
    task.assistantPrefix()
        .ifPresent(p -> checkCommaFree(field + ".assistant_prefix", task.line(), task.column(), p));
    return task.dataset();
  }

  /** Empty when dataset_type is missing or unknown (reported where it is read). */
  private static Optional<Boolean> chatTemplate(EvalSettings settings) {
    return settings.datasetType().map(CHAT_TEMPLATE_BY_DATASET_TYPE::get);
  }

  /** inspect splits a -T, -M or --metadata value at commas into a list (W6). */
  private void checkCommaFree(String field, int line, int column, String value) {
    if (value.contains(",")) {
      fields
          .problems()
          .add(
              fields.file(),
              field,
              line,
              column,
              "'" + value + "', with a comma",
              "a value without commas: inspect splits a command-line value at commas into a list");
    }
  }

  private void problem(String field, MatrixEntry entry, String found, String expected) {
    fields.problems().add(fields.file(), field, entry.line(), entry.column(), found, expected);
  }

  private record DatasetChoice(String path) {}
}
