package tunesmith.evaluation;

import java.util.List;

/** Everything of experiment_summary.yaml that the evaluation half reads. */
public record EvaluationDesign(
    List<EvalRun> runs, List<EvalTask> tasks, List<MatrixEntry> matrix, EvalSettings settings) {
  public EvaluationDesign {
    runs = List.copyOf(runs);
    tasks = List.copyOf(tasks);
    matrix = List.copyOf(matrix);
  }
}
