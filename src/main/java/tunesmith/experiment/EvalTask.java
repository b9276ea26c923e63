package tunesmith.experiment;

import java.util.Optional;

/**
 * One {@code evaluation.tasks[]} entry.
 *
 * @param script the task file, without any {@code @function} suffix
 * @param function the {@code @task} function: from {@code script: file.py@fn} when given, else the
 *     task's name (see docs/EVALUATION.md, "Task scripts")
 */
public record EvalTask(
    String name,
    String script,
    String function,
    Optional<String> dataset,
    Optional<String> evalCondition,
    Optional<String> prompt,
    Optional<String> systemPrompt,
    Optional<String> assistantPrefix,
    int line,
    int column) {

  /** {@code task_script}: what {@code inspect eval} is given. */
  public String taskScript() {
    return script + "@" + function;
  }
}
