package tunesmith.evaluation;

import java.nio.file.Path;
import java.util.List;
import tunesmith.environment.LocalSettings;
import tunesmith.experiment.EvaluationDesign;
import tunesmith.problem.InputProblems;
import tunesmith.problem.Warning;
import tunesmith.yaml.FieldReader;

/**
 * The evaluation half in one call: plan the cells of the evaluation section the experiment reader
 * read, with its runs. Problems go to the caller's {@link InputProblems}, so scaffold reports them
 * all at once and writes nothing.
 *
 * <p>Only the cruijff_kit-0.3 format ({@code experiment.dir}) has cells: the experiment reader
 * reads the section only there, and warns about a non-empty {@code evaluation} in the
 * cruijff_kit-2026.01 format.
 */
public final class Evaluation {
  private Evaluation() {}

  /** The cells of an experiment (none without an evaluation section), and what to warn about. */
  public record Plan(List<EvalCell> cells, List<Warning> warnings, String condaEnv) {
    public Plan {
      cells = List.copyOf(cells);
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Plans the cells of an evaluation section the experiment reader read, with the experiment's runs
   * as evaluation needs them: nothing of experiment_summary.yaml is read again here.
   */
  public static Plan plan(
      Path summaryFile,
      EvaluationDesign design,
      List<EvalRun> runs,
      Path experimentDir,
      LocalSettings local,
      EvalModels models,
      ConditionDatasets conditions,
      InputProblems problems) {
    FieldReader fields = new FieldReader(summaryFile, problems);
    CellPlanner planner = new CellPlanner(fields, models, conditions, local);
    List<EvalCell> cells = planner.plan(design, runs, experimentDir);
    TaskScriptCheck scripts = new TaskScriptCheck(fields);
    scripts.check(cells);
    List<Warning> warnings = new java.util.ArrayList<>(design.warnings());
    warnings.addAll(scripts.warnings());
    return new Plan(cells, warnings, planner.condaEnv());
  }

  /** No cells: an experiment without evaluation. */
  public static Plan none() {
    return new Plan(List.of(), List.of(), "");
  }
}
