package tunesmith.slurm;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import tunesmith.evaluation.EvalCell;
import tunesmith.plan.PlannedRun;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.problem.InputProblem;
import tunesmith.problem.InvalidInputException;

/**
 * What a {@code --runs a,b} option names, the one resolver of submit, status, cancel and retry: the
 * fine-tuned runs it names and the evaluation cells of the runs it names (every run and every cell
 * when it names none). A run with cells only (a control, an eval-only run) is a name it may give.
 *
 * @param named whether any name was given
 */
public record NamedRuns(List<PlannedRun> runs, List<EvalCell> cells, boolean named) {
  public NamedRuns {
    runs = List.copyOf(runs);
    cells = List.copyOf(cells);
  }

  /**
   * @throws InvalidInputException when a name is no run of the plan (exit 2, before anything is
   *     written), listing the fine-tuned runs there are
   */
  public static NamedRuns resolve(ScaffoldPlan plan, List<String> names)
      throws InvalidInputException {
    List<String> known =
        Stream.concat(
                plan.runs().stream().map(run -> run.run().name()),
                plan.evaluation().cells().stream().map(cell -> cell.run().name()))
            .toList();
    List<String> unknown = names.stream().filter(name -> !known.contains(name)).distinct().toList();
    if (!unknown.isEmpty()) {
      throw new InvalidInputException(
          new InputProblem(
              Path.of("command line"),
              "--runs",
              0,
              0,
              String.join(", ", unknown)
                  + " (no fine-tuned run of "
                  + plan.experiment().directory()
                  + ")",
              "names of fine-tuned runs; the fine-tuned runs are: "
                  + String.join(", ", plan.runs().stream().map(run -> run.run().name()).toList())));
    }
    return new NamedRuns(
        plan.runs().stream()
            .filter(run -> names.isEmpty() || names.contains(run.run().name()))
            .toList(),
        plan.evaluation().cells().stream()
            .filter(cell -> names.isEmpty() || names.contains(cell.run().name()))
            .toList(),
        !names.isEmpty());
  }
}
