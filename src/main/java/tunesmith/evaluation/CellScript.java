package tunesmith.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tunesmith.experiment.EvalSettings;
import tunesmith.render.ShellQuote;
import tunesmith.setup.ModuleLines;

/**
 * A cell's cell.slurm: cruijff_kit 0.3's evaluation job (GPU monitor, {@code inspect eval}) with
 * its faults fixed (docs/EVALUATION.md, "The job"): the job ends with inspect's exit status,
 * SLURM's output and the GPU metrics go to the cell's own directory, every value is quoted for the
 * shell and for inspect's YAML parse, and a text_completion model is given no chat template.
 */
public final class CellScript {
  private static final String GPU_QUERY =
      "timestamp,utilization.gpu,utilization.memory,memory.used,memory.total,power.draw,"
          + "temperature.gpu";

  private CellScript() {}

  /**
   * @param moduleLines claude.local.md's "Module System" lines
   * @param condaEnv the environment that has inspect-ai and cruijff_kit
   */
  public static String render(EvalCell cell, List<String> moduleLines, String condaEnv) {
    return render(cell, environment(moduleLines, condaEnv));
  }

  /**
   * The lines that load the modules and activate the environment: the same in every cell, so built
   * once for all of them ({@link CellWriter}).
   *
   * @param moduleLines claude.local.md's "Module System" lines
   * @param condaEnv the environment that has inspect-ai and cruijff_kit
   */
  public static String environment(List<String> moduleLines, String condaEnv) {
    StringBuilder lines = new StringBuilder();
    List<String> modules = ModuleLines.moduleNames(moduleLines);
    if (!modules.isEmpty()) {
      lines.append("module purge\n");
      modules.forEach(m -> lines.append("module load ").append(ShellQuote.quote(m)).append('\n'));
    }
    lines
        .append("conda activate ")
        .append(ShellQuote.quote(condaEnv))
        .append(" || { echo 'tunesmith: environment activation failed' >&2; exit 1; }\n\n");
    return lines.toString();
  }

  /**
   * @param environment {@link #environment}'s lines
   */
  public static String render(EvalCell cell, String environment) {
    StringBuilder script = new StringBuilder(2048);
    script.append("#!/bin/bash\n");
    directives(cell).forEach(line -> script.append(line).append('\n'));
    script.append('\n');
    script.append(environment);
    script
        .append("cd ")
        .append(ShellQuote.quote(cell.directory().toString()))
        .append(" || exit 1\n");
    script.append("mkdir -p ").append(EvalCell.LOG_DIR).append("\n\n");
    script.append("# GPU metrics of this cell only\n");
    script
        .append("nvidia-smi --query-gpu=")
        .append(GPU_QUERY)
        .append(" --format=csv -l 30 > gpu_metrics.csv 2>/dev/null &\n");
    script.append("GPU_MONITOR_PID=$!\n\n");
    script.append("export HF_HUB_OFFLINE=1\n\n");
    List<String> command = command(cell);
    script.append(String.join(" \\\n  ", command)).append('\n');
    script.append("INSPECT_EXIT_CODE=$?\n\n");
    script.append("kill $GPU_MONITOR_PID 2>/dev/null\n");
    script.append("wait $GPU_MONITOR_PID 2>/dev/null\n");
    script.append("# The job's state is inspect's, not the GPU monitor's.\n");
    script.append("exit $INSPECT_EXIT_CODE\n");
    return script.toString();
  }

  static List<String> directives(EvalCell cell) {
    CellResources resources = cell.resources();
    List<String> lines = new ArrayList<>();
    lines.add("#SBATCH --job-name=" + cell.jobName());
    lines.add("#SBATCH --nodes=1");
    lines.add("#SBATCH --ntasks=1");
    lines.add("#SBATCH --cpus-per-task=" + resources.cpus());
    lines.add("#SBATCH --mem=" + resources.mem());
    lines.add("#SBATCH --time=" + resources.time());
    lines.add("#SBATCH --gres=gpu:" + resources.gpus());
    lines.add("#SBATCH --output=" + cell.slurmOutput());
    resources.account().ifPresent(a -> lines.add("#SBATCH --account=" + a));
    resources.partition().ifPresent(p -> lines.add("#SBATCH --partition=" + p));
    resources.constraint().ifPresent(c -> lines.add("#SBATCH --constraint=" + c));
    return lines;
  }

  /** The names of the {@code -T} parameters a cell passes its task function. */
  static Set<String> taskParameters(EvalCell cell) {
    return taskArguments(cell).keySet();
  }

  /** Each {@code -T} argument of a cell by its parameter name, in command order. */
  private static Map<String, String> taskArguments(EvalCell cell) {
    EvalSettings settings = cell.settings();
    Map<String, String> arguments = new LinkedHashMap<>();
    arguments.put("data_path", InspectValue.text("data_path", cell.dataPath()));
    arguments.put("config_path", InspectValue.text("config_path", cell.evalYaml().toString()));
    arguments.put("vis_label", InspectValue.text("vis_label", cell.visLabel()));
    arguments.put(
        "use_chat_template", InspectValue.bool("use_chat_template", cell.useChatTemplate()));
    if (settings.sampling()) {
      settings
          .temperature()
          .ifPresent(t -> arguments.put("temperature", InspectValue.decimal("temperature", t)));
    }
    settings
        .maxTokens()
        .ifPresent(n -> arguments.put("max_tokens", InspectValue.integer("max_tokens", n)));
    cell.assistantPrefix()
        .ifPresent(
            prefix ->
                arguments.put("assistant_prefix", InspectValue.text("assistant_prefix", prefix)));
    return arguments;
  }

  /** The {@code inspect eval} command, one argument group per element. */
  static List<String> command(EvalCell cell) {
    EvalSettings settings = cell.settings();
    List<String> args = new ArrayList<>();
    args.add("/usr/bin/time -p inspect eval " + ShellQuote.quote(cell.task().taskScript()));
    args.add("--model " + ShellQuote.quote(cell.modelHfName()));
    args.add("-M " + InspectValue.text("model_path", cell.modelPath()));
    args.add("-M " + InspectValue.bool("do_sample", settings.sampling()));
    if (!cell.useChatTemplate()) {
      // -T alone only drops the system message; the HF provider would still apply a template.
      args.add("-M " + InspectValue.text("chat_template", RawPromptTemplate.JINJA));
    }
    if (cell.resources().gpus() > 1) {
      args.add("-M " + InspectValue.text("device", "auto"));
    }
    taskArguments(cell).values().forEach(argument -> args.add("-T " + argument));
    cell.epoch().ifPresent(epoch -> args.add("--metadata " + InspectValue.integer("epoch", epoch)));
    args.add("--metadata " + InspectValue.bool("is_finetuned", cell.run().finetuned()));
    args.add("--metadata " + InspectValue.text("source_model", cell.run().model()));
    args.add("--max-connections " + settings.maxConnections().orElse(32L));
    args.add("--seed " + settings.seed());
    args.add("--log-dir ./" + EvalCell.LOG_DIR);
    args.add("--log-level info");
    return args;
  }
}
