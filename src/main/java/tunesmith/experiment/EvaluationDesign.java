package tunesmith.experiment;

import java.util.List;
import tunesmith.problem.Warning;

/**
 * The {@code evaluation} section of a cruijff_kit-0.3 format experiment_summary.yaml, as read: the
 * tasks, the matrix of runs to evaluate on them, and the settings every cell shares. The runs are
 * the experiment's own ({@link ExperimentPlan#runs}); the warnings are the section's. See
 * docs/EVALUATION.md.
 */
public record EvaluationDesign(
    List<EvalTask> tasks, List<MatrixEntry> matrix, EvalSettings settings, List<Warning> warnings) {
  public EvaluationDesign {
    tasks = List.copyOf(tasks);
    matrix = List.copyOf(matrix);
    warnings = List.copyOf(warnings);
  }
}
