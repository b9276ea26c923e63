package tunesmith.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import tunesmith.environment.LocalSettings;
import tunesmith.problem.InputProblems;
import tunesmith.problem.Warning;
import tunesmith.yaml.FieldReader;
import tunesmith.yaml.YamlFileReader;
import tunesmith.yaml.YamlMapping;
import tunesmith.yaml.YamlNode;
import tunesmith.yaml.YamlScalar;
import tunesmith.yaml.YamlSequence;

/**
 * The evaluation half in one call: read {@code evaluation.*} from experiment_summary.yaml and plan
 * its cells; then write them. Problems go to the caller's {@link InputProblems}, together with
 * those of the rest of the file, so scaffold reports them all at once and writes nothing.
 *
 * <p>Only the 2026 format ({@code experiment.dir}) has cells; a non-empty {@code evaluation} in the
 * January format ({@code experiment.directory}) is a warning saying it is not scaffolded.
 */
public final class Evaluation {
  private Evaluation() {}

  /** The cells of an experiment (none without an evaluation section), and what to warn about. */
  public record Plan(List<EvalCell> cells, List<Warning> warnings, String condaEnv) {
    public Plan {
      cells = List.copyOf(cells);
      warnings = List.copyOf(warnings);
    }

    /** The cells of one run, in plan order. */
    public List<EvalCell> cellsOf(String run) {
      return cells.stream().filter(cell -> cell.run().name().equals(run)).toList();
    }

    /**
     * Writes every cell's directory; returns how many cells changed.
     *
     * @param moduleLines claude.local.md's "Module System" lines
     */
    public int write(List<String> moduleLines) throws IOException {
      CellWriter writer = new CellWriter(moduleLines, condaEnv);
      int changed = 0;
      for (EvalCell cell : cells) {
        changed += writer.write(cell) ? 1 : 0;
      }
      return changed;
    }
  }

  /** Reads and plans {@code summaryFile}; an unreadable file is recorded in {@code problems}. */
  public static Plan planFile(
      Path summaryFile,
      Path experimentDir,
      LocalSettings local,
      EvalModels models,
      ConditionDatasets conditions,
      InputProblems problems) {
    Optional<YamlNode> root = YamlFileReader.read(summaryFile, problems);
    if (root.isEmpty() || !(root.get() instanceof YamlMapping mapping)) {
      return new Plan(List.of(), List.of(), "");
    }
    return plan(summaryFile, mapping, experimentDir, local, models, conditions, problems);
  }

  /**
   * Reads and plans the evaluation half on its own, runs included (a January-format file has no
   * cells, and a warning when it has an evaluation section).
   */
  public static Plan plan(
      Path summaryFile,
      YamlMapping root,
      Path experimentDir,
      LocalSettings local,
      EvalModels models,
      ConditionDatasets conditions,
      InputProblems problems) {
    FieldReader fields = new FieldReader(summaryFile, problems);
    CellPlanner planner = new CellPlanner(fields, models, conditions, local);
    if (!format2026(root)) {
      List<Warning> warnings =
          hasContent(root.get("evaluation"))
              ? List.of(
                  Warning.global(
                      "evaluation is not scaffolded for an experiment in the January format"
                          + " (experiment.directory): only the 2026 format (experiment.dir) has"
                          + " evaluation cells"))
              : List.of();
      return new Plan(List.of(), warnings, planner.condaEnv());
    }
    EvaluationReader reader = new EvaluationReader(fields);
    List<EvalCell> cells =
        reader.read(root).map(design -> planner.plan(design, experimentDir)).orElse(List.of());
    return new Plan(cells, reader.warnings(), planner.condaEnv());
  }

  /**
   * Plans the cells of an experiment whose format has evaluation, with the runs the experiment
   * reader read: {@code evaluation.*} is read here, everything else is not read twice.
   */
  public static Plan plan(
      Path summaryFile,
      YamlMapping root,
      List<EvalRun> runs,
      Path experimentDir,
      LocalSettings local,
      EvalModels models,
      ConditionDatasets conditions,
      InputProblems problems) {
    FieldReader fields = new FieldReader(summaryFile, problems);
    CellPlanner planner = new CellPlanner(fields, models, conditions, local);
    EvaluationReader reader = new EvaluationReader(fields);
    List<EvalCell> cells =
        reader
            .read(root, runs)
            .map(design -> planner.plan(design, experimentDir))
            .orElse(List.of());
    return new Plan(cells, reader.warnings(), planner.condaEnv());
  }

  /** No cells: an experiment without evaluation. */
  public static Plan none() {
    return new Plan(List.of(), List.of(), "");
  }

  private static boolean format2026(YamlMapping root) {
    return root.get("experiment")
        .filter(YamlMapping.class::isInstance)
        .map(experiment -> ((YamlMapping) experiment).get("dir").isPresent())
        .orElse(false);
  }

  private static boolean hasContent(Optional<YamlNode> node) {
    if (node.isEmpty()) {
      return false;
    }
    YamlNode value = node.get();
    if (value instanceof YamlMapping mapping) {
      return !mapping.entries().isEmpty();
    }
    if (value instanceof YamlSequence sequence) {
      return !sequence.items().isEmpty();
    }
    return !((YamlScalar) value).isNull();
  }
}
