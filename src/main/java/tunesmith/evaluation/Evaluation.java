package tunesmith.evaluation;

import java.nio.file.Path;
import java.util.List;
import tunesmith.environment.LocalSettings;
import tunesmith.problem.InputProblems;
import tunesmith.problem.Warning;
import tunesmith.yaml.FieldReader;
import tunesmith.yaml.YamlMapping;

/**
 * The evaluation half in one call: read {@code evaluation.*} from experiment_summary.yaml and plan
 * its cells with the runs the experiment reader read. Problems go to the caller's {@link
 * InputProblems}, together with those of the rest of the file, so scaffold reports them all at once
 * and writes nothing.
 *
 * <p>Only the 2026 format ({@code experiment.dir}) has cells ({@code plan.PlanLoader} asks the
 * format); the experiment reader warns about a non-empty {@code evaluation} in the January format.
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
  }

  /**
   * Plans the cells of an experiment whose format has evaluation, with the runs the experiment
   * reader read: {@code evaluation.*} is read here, runs and models are not read twice.
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
}
