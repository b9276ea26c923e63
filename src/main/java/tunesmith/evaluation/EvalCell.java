package tunesmith.evaluation;

import java.nio.file.Path;
import java.util.Optional;
import tunesmith.experiment.EvalSettings;
import tunesmith.experiment.EvalTask;

/**
 * One (run, task, epoch) of the matrix, with every value its eval.yaml and cell.slurm hold.
 *
 * @param directory {@code {experiment}/{run}/eval/{name}}, absolute
 * @param useChatTemplate whether the prompt is wrapped in the model's chat template ({@code
 *     controls.dataset_type == chat_completion})
 */
public record EvalCell(
    EvalRun run,
    EvalTask task,
    Optional<Long> epoch,
    String name,
    Path directory,
    String modelPath,
    String modelHfName,
    String outputDir,
    String dataPath,
    String visLabel,
    boolean useChatTemplate,
    Optional<String> prompt,
    Optional<String> systemPrompt,
    Optional<String> assistantPrefix,
    String datasetType,
    EvalSettings settings,
    CellResources resources) {

  public static final String EVAL_YAML = "eval.yaml";
  public static final String CELL_SLURM = "cell.slurm";
  public static final String LOG_DIR = "logs";

  public Path evalYaml() {
    return directory.resolve(EVAL_YAML);
  }

  public Path script() {
    return directory.resolve(CELL_SLURM);
  }

  public Path logDirectory() {
    return directory.resolve(LOG_DIR);
  }

  /**
   * SLURM's output file, {@code {run}/eval/slurm-%j.out}: where cruijff_kit's summarize-experiment
   * looks for the job ids whose names give each score its epoch (docs/EVALUATION.md).
   */
  public String slurmOutput() {
    return directory.getParent() + "/slurm-%j.out";
  }

  /** {@code eval-{task}-ep{N}}, or {@code eval-{task}} without an epoch. */
  public String jobName() {
    return "eval-" + task.name() + epoch.map(n -> "-ep" + n).orElse("");
  }
}
