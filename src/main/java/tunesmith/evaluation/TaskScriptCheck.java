package tunesmith.evaluation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tunesmith.experiment.EvalTask;
import tunesmith.problem.NearestName;
import tunesmith.problem.Warning;
import tunesmith.yaml.FieldReader;

/**
 * Holds each task's cells to its script, where the script can be read here: {@code
 * script.py@function} must name an {@code @task} function of it, and every {@code -T} parameter a
 * cell passes must be one that function takes. A script that cannot be read here (it lives on the
 * cluster) is a warning. See docs/EVALUATION.md, "Checks".
 */
final class TaskScriptCheck {
  private final FieldReader fields;
  private final List<Warning> warnings = new ArrayList<>();

  TaskScriptCheck(FieldReader fields) {
    this.fields = fields;
  }

  List<Warning> warnings() {
    return List.copyOf(warnings);
  }

  void check(List<EvalCell> cells) {
    // Each task once, with every -T parameter any of its cells passes.
    Map<EvalTask, Set<String>> parameters = new LinkedHashMap<>();
    for (EvalCell cell : cells) {
      parameters
          .computeIfAbsent(cell.task(), task -> new LinkedHashSet<>())
          .addAll(CellScript.taskParameters(cell));
    }
    Map<String, Optional<Map<String, TaskFunctions.Function>>> scripts = new LinkedHashMap<>();
    parameters.forEach(
        (task, passed) ->
            check(
                task,
                passed,
                scripts.computeIfAbsent(
                    task.script(), script -> TaskFunctions.of(Path.of(script)))));
  }

  private void check(
      EvalTask task, Set<String> passed, Optional<Map<String, TaskFunctions.Function>> functions) {
    String field = "evaluation.tasks[" + task.name() + "].script";
    if (functions.isEmpty()) {
      warnings.add(
          Warning.global(
              field
                  + ": "
                  + task.script()
                  + " cannot be read here, so @"
                  + task.function()
                  + " and its -T parameters ("
                  + String.join(", ", passed)
                  + ") are not checked before the queue"));
      return;
    }
    TaskFunctions.Function function = functions.get().get(task.function());
    if (function == null) {
      problem(
          field,
          task,
          "'"
              + task.taskScript()
              + "', but "
              + task.script()
              + " has no @task function '"
              + task.function()
              + "'"
              + NearestName.hint(task.function(), functions.get().keySet()),
          "an @task function of the script: "
              + (functions.get().isEmpty()
                  ? "(it has none)"
                  : String.join(", ", functions.get().keySet())));
      return;
    }
    for (String parameter : passed) {
      if (!function.takes(parameter)) {
        problem(
            field,
            task,
            "-T "
                + parameter
                + ", which task '"
                + task.name()
                + "' passes to "
                + task.taskScript()
                + ", whose @task function "
                + task.function()
                + "("
                + String.join(", ", function.parameters())
                + ") does not take it",
            "a task function that takes every -T parameter tunesmith passes ("
                + String.join(", ", passed)
                + "), or **kwargs");
      }
    }
  }

  private void problem(String field, EvalTask task, String found, String expected) {
    fields.problems().add(fields.file(), field, task.line(), task.column(), found, expected);
  }
}
