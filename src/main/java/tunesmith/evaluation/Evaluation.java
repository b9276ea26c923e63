package tunesmith.evaluation;

import java.nio.file.Path;
import java.util.List;
import tunesmith.environment.LocalSettings;
import tunesmith.problem.InputProblems;
import tunesmith.problem.Warning;
import tunesmith.yaml.FieldReader;
import tunesmith.yaml.YamlMapping;

/**
 * The evaluation half in one call: read {@code evaluation.*} from a parsed experiment_summary.yaml
 * and plan its cells. Problems go to the caller's {@link InputProblems}, together with those of the
 * rest of the file.
 */
public final class Evaluation {
  private Evaluation() {}

  /** The cells of an experiment, or none when it has no evaluation section. */
  public record Plan(List<EvalCell> cells, List<Warning> warnings, String condaEnv) {
    public Plan {
      cells = List.copyOf(cells);
      warnings = List.copyOf(warnings);
    }
  }

  public static Plan plan(
      Path summaryFile,
      YamlMapping root,
      Path experimentDir,
      LocalSettings local,
      EvalModels models,
      ConditionDatasets conditions,
      InputProblems problems) {
    FieldReader fields = new FieldReader(summaryFile, problems);
    EvaluationReader reader = new EvaluationReader(fields);
    CellPlanner planner = new CellPlanner(fields, models, conditions, local);
    List<EvalCell> cells =
        reader.read(root).map(design -> planner.plan(design, experimentDir)).orElse(List.of());
    return new Plan(cells, reader.warnings(), planner.condaEnv());
  }
}
