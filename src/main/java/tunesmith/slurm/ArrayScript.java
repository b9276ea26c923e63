package tunesmith.slurm;

import java.util.List;
import tunesmith.plan.PlannedRun;
import tunesmith.render.ShellQuote;
import tunesmith.render.SlurmScriptRenderer;

/**
 * The batch script of a job array: the shared resources as #SBATCH lines, then a {@code case} on
 * SLURM_ARRAY_TASK_ID that runs task i's run exactly as a single submission would: its own
 * finetune.slurm, from its run directory, writing to its usual {@code slurm-<job id>.out}. Every
 * path is shell-quoted; the array's job name and its own log are sbatch arguments, so no path ever
 * has to fit in an #SBATCH line.
 */
public final class ArrayScript {
  /** Directives that belong to one run, not to the array: the wrapper sets its own. */
  private static final List<String> PER_RUN_DIRECTIVES = List.of("job-name", "output");

  private ArrayScript() {}

  /**
   * @param runs the runs, task i = runs.get(i); all with the same resources
   */
  public static String render(List<PlannedRun> runs) {
    StringBuilder script = new StringBuilder("#!/bin/bash\n");
    SlurmScriptRenderer.directives(runs.get(0).config()).stream()
        .filter(directive -> !PER_RUN_DIRECTIVES.contains(directive.name()))
        .forEach(
            directive ->
                script
                    .append("#SBATCH --")
                    .append(directive.name())
                    .append('=')
                    .append(directive.value())
                    .append('\n'));
    script.append(
        "# Written by tunesmith submit --array: task i runs run i's own finetune.slurm.\n\n");
    script.append("case \"$SLURM_ARRAY_TASK_ID\" in\n");
    for (int task = 0; task < runs.size(); task++) {
      PlannedRun run = runs.get(task);
      script
          .append("  ")
          .append(task)
          .append(") run_dir=")
          .append(ShellQuote.quote(run.directory().toAbsolutePath().toString()))
          .append("; output=")
          .append(ShellQuote.quote(run.config().outputDir() + "slurm-"))
          .append(" ;;\n");
    }
    script.append(
        "  *) echo \"tunesmith: no run for array task $SLURM_ARRAY_TASK_ID\" >&2; exit 2 ;;\n");
    script.append("esac\n");
    script.append("cd \"$run_dir\" || exit 1\n");
    script.append("exec >>\"${output}${SLURM_JOB_ID}.out\" 2>&1\n");
    script.append("exec bash \"$run_dir/finetune.slurm\"\n");
    return script.toString();
  }
}
