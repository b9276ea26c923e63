package tunesmith.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a cell is submitted: after its run's training job succeeded, or at once for a run that is not
 * trained here. With {@code --kill-on-invalid-dep=yes} a cell whose training failed is removed from
 * the queue instead of waiting forever, and never runs on a checkpoint that does not exist.
 */
public final class CellSubmission {
  private CellSubmission() {}

  /**
   * The sbatch options before the script (run from the cell's directory).
   *
   * @param training the run's training job; required for a fine-tuned cell
   */
  public static List<String> sbatchArguments(EvalCell cell, Optional<TrainingJob> training) {
    List<String> args = new ArrayList<>();
    args.add("--parsable");
    if (cell.run().type().trained()) {
      TrainingJob job =
          training.orElseThrow(
              () ->
                  new IllegalStateException(
                      "cell " + cell.run().name() + "/" + cell.name() + " needs its training job"));
      args.add("--dependency=afterok:" + job.dependencyId());
      args.add("--kill-on-invalid-dep=yes");
    }
    args.add(cell.script().toString());
    return args;
  }
}
