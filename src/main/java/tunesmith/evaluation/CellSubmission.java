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
    if (cell.run().trained()) {
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

  /**
   * A fine-tuned cell whose training job already ended COMPLETED: its checkpoint exists, so it goes
   * at once (a dependency on a finished job would be refused as invalid).
   */
  public static List<String> afterCompletedTraining(EvalCell cell) {
    return List.of("--parsable", cell.script().toString());
  }

  /**
   * What {@code submit --dry-run} prints for a cell whose training job is not submitted yet: the
   * dependency names the run, since its job id is known only once sbatch answers.
   */
  public static List<String> preview(EvalCell cell) {
    if (!cell.run().trained()) {
      return sbatchArguments(cell, Optional.empty());
    }
    return List.of(
        "--parsable",
        "--dependency=afterok:<job of " + cell.run().name() + ">",
        "--kill-on-invalid-dep=yes",
        cell.script().toString());
  }
}
