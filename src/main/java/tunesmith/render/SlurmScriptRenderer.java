package tunesmith.render;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tunesmith.profile.Profile;
import tunesmith.setup.RecipeChoice;
import tunesmith.setup.SetupConfig;
import tunesmith.setup.SlurmResources;

/**
 * Writes finetune.slurm. Every value in it was checked by its setup rule (no whitespace, quotes or
 * shell syntax in #SBATCH values) and is single-quoted in shell commands as well.
 */
public final class SlurmScriptRenderer {
  private static final String GPU_QUERY =
      "timestamp,utilization.gpu,utilization.memory,memory.used,memory.total,power.draw,temperature.gpu";

  private SlurmScriptRenderer() {}

  /** One {@code #SBATCH --name=value} line. */
  public record Directive(String name, String value) {
    String line() {
      return "#SBATCH --" + name + "=" + value;
    }
  }

  public static List<Directive> directives(SetupConfig config) {
    SlurmResources resources = config.resources();
    List<Directive> directives = new ArrayList<>();
    directives.add(new Directive("job-name", config.runName()));
    directives.add(new Directive("nodes", "1"));
    directives.add(new Directive("ntasks", "1"));
    directives.add(new Directive("cpus-per-task", Integer.toString(resources.cpusPerTask())));
    directives.add(new Directive("mem", resources.mem()));
    directives.add(new Directive("time", resources.time()));
    directives.add(new Directive("gres", "gpu:" + resources.gpus()));
    directives.add(new Directive("output", config.outputDir() + "slurm-%j.out"));
    resources.account().ifPresent(account -> directives.add(new Directive("account", account)));
    resources
        .partition()
        .ifPresent(partition -> directives.add(new Directive("partition", partition)));
    resources
        .constraint()
        .ifPresent(constraint -> directives.add(new Directive("constraint", constraint)));
    return directives;
  }

  /**
   * The lines that load the run's modules and activate its environment: the training job's, and the
   * data-preparation job's (which runs in the same environment).
   */
  public static List<String> environment(SetupConfig config) {
    List<String> lines = new ArrayList<>();
    if (!config.moduleNames().isEmpty()) {
      lines.add("module purge");
      config.moduleNames().forEach(module -> lines.add("module load " + ShellQuote.quote(module)));
    }
    String activate =
        config
            .optional("venv")
            .map(venv -> "source " + ShellQuote.quote(venv + "/bin/activate"))
            .orElse("conda activate " + ShellQuote.quote(config.text("conda_env")));
    lines.add(activate + " || { echo 'tunesmith: environment activation failed' >&2; exit 1; }");
    return lines;
  }

  /** The recipe argument of {@code tune run}, matching the GPU count. */
  public static String recipe(SetupConfig config) {
    return RecipeChoice.tuneRun(config);
  }

  /**
   * @param runDirectory absolute run directory, where finetune.yaml lives
   * @param setupFile the setup file that was read, copied next to the checkpoints
   */
  public static String render(SetupConfig config, Path runDirectory, Path setupFile) {
    StringBuilder script = new StringBuilder(2048);
    script.append("#!/bin/bash\n");
    directives(config).forEach(directive -> script.append(directive.line()).append('\n'));
    script.append('\n');
    environment(config).forEach(line -> script.append(line).append('\n'));
    script.append('\n');
    String outputDir = ShellQuote.quote(config.outputDir());
    String finetuneYaml = ShellQuote.quote(runDirectory.resolve("finetune.yaml").toString());
    script
        .append("mkdir -p ")
        .append(ShellQuote.quote(config.outputDir() + "logs/wandb"))
        .append('\n');
    script
        .append("cp ")
        .append(finetuneYaml)
        .append(' ')
        .append(ShellQuote.quote(setupFile.toString()))
        .append(' ')
        .append(outputDir)
        .append('\n');
    script.append('\n');
    Profile.JobSteps steps = config.target().jobSteps();
    if (steps.monitorsGpus()) {
      // One CSV row per GPU every 30 s; cgroups scope nvidia-smi to the job's GPUs.
      script
          .append("nvidia-smi --query-gpu=")
          .append(GPU_QUERY)
          .append(" --format=csv -l 30 > ")
          .append(ShellQuote.quote(config.outputDir() + "gpu_metrics.csv"))
          .append(" 2>/dev/null &\n")
          .append("GPU_MONITOR_PID=$!\n\n");
    }
    script.append("tune run ");
    if (config.resources().gpus() > 1) {
      script.append("--nproc_per_node=").append(config.resources().gpus()).append(' ');
    }
    script
        .append(ShellQuote.quote(recipe(config)))
        .append(" --config ")
        .append(finetuneYaml)
        .append('\n');
    if (!steps.monitorsGpus() && !steps.runsPostFinetune()) {
      script.append("exit $?\n");
      return script.toString();
    }
    script.append("TUNE_EXIT_CODE=$?\n");
    if (steps.monitorsGpus()) {
      script
          .append("kill \"$GPU_MONITOR_PID\" 2>/dev/null\n")
          .append("wait \"$GPU_MONITOR_PID\" 2>/dev/null\n");
    }
    if (steps.runsPostFinetune()) {
      script
          .append("if [ \"$TUNE_EXIT_CODE\" -eq 0 ]; then\n")
          .append("  python -m cruijff_kit.tools.torchtune.post_finetune --config ")
          .append(finetuneYaml)
          .append('\n')
          .append("fi\n");
    }
    script.append("exit \"$TUNE_EXIT_CODE\"\n");
    return script.toString();
  }
}
