package tunesmith.render;

import java.util.List;

/**
 * A SLURM job script as a tree (its #SBATCH directives, the lines that set up its environment, its
 * steps), emitted as text by {@link #emit}: what is in the job is decided before any line is
 * written. Every value is quoted for the shell when a step is built ({@link Step#command}).
 *
 * @param directives the #SBATCH lines, in order
 * @param environment module and environment activation lines, as the training job has them
 * @param steps what the job runs, in order; the job exits with the last step's status
 */
public record JobScript(
    List<SlurmScriptRenderer.Directive> directives, List<String> environment, List<Step> steps) {

  public JobScript {
    directives = List.copyOf(directives);
    environment = List.copyOf(environment);
    steps = List.copyOf(steps);
  }

  /**
   * One step: a comment saying why, and its shell line.
   *
   * @param why a short comment written above it
   * @param line the shell line
   */
  public record Step(String why, String line) {
    /** A command whose every word is quoted for the shell. */
    public static Step command(String why, List<String> words) {
      return new Step(why, String.join(" ", words.stream().map(ShellQuote::quote).toList()));
    }
  }

  public String emit() {
    StringBuilder script = new StringBuilder(1024);
    script.append("#!/bin/bash\n");
    directives.forEach(directive -> script.append(directive.line()).append('\n'));
    script.append('\n');
    environment.forEach(line -> script.append(line).append('\n'));
    script.append('\n');
    for (Step step : steps) {
      script.append("# ").append(step.why()).append('\n').append(step.line()).append('\n');
    }
    return script.toString();
  }
}
