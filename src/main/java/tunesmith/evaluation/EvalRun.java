package tunesmith.evaluation;

import java.util.Optional;
import tunesmith.experiment.RunType;

/**
 * What evaluation needs of one run of the experiment, taken from the experiment reader's run
 * ({@code plan.EvalRuns}).
 *
 * @param modelPath the base model's directory ({@code models.base[].path})
 * @param epochs how many epochs the run trains, as its setup resolved them (fine-tuned runs only)
 * @param prompt the run's own prompt ({@code parameters.prompt}), above {@code controls.prompt}
 * @param checkpointPath an eval-only run's checkpoint ({@code parameters.checkpoint_path})
 * @param datasetPath {@code parameters.eval_dataset_path}, else {@code dataset_path}
 */
public record EvalRun(
    String name,
    RunType type,
    String model,
    Optional<String> modelPath,
    Optional<Long> epochs,
    Optional<String> prompt,
    Optional<String> checkpointPath,
    Optional<String> datasetPath,
    int line,
    int column) {

  /** Whether its cells have epochs (and wait for a training job). */
  public boolean trained() {
    return type == RunType.FINE_TUNED;
  }

  /** The {@code is_finetuned} metadata: an eval-only checkpoint was fine-tuned elsewhere. */
  public boolean finetuned() {
    return type != RunType.CONTROL;
  }
}
