package tunesmith.slurm;

import java.util.List;
import tunesmith.plan.PlannedRun;
import tunesmith.plan.ScaffoldPlan;

/**
 * The runs a {@code --runs a,b} option names (every fine-tuned run when it names none), and the
 * names that are no run of the plan.
 */
public record NamedRuns(List<PlannedRun> runs, List<String> unknown, boolean named) {
  public NamedRuns {
    runs = List.copyOf(runs);
    unknown = List.copyOf(unknown);
  }

  public static NamedRuns of(ScaffoldPlan plan, List<String> names) {
    // A run with evaluation cells (a control, an eval-only run) is a name --runs may give.
    List<String> known =
        java.util.stream.Stream.concat(
                plan.runs().stream().map(run -> run.run().name()),
                plan.evaluation().cells().stream().map(cell -> cell.run().name()))
            .toList();
    return new NamedRuns(
        plan.runs().stream()
            .filter(run -> names.isEmpty() || names.contains(run.run().name()))
            .toList(),
        names.stream().filter(name -> !known.contains(name)).distinct().toList(),
        !names.isEmpty());
  }

  /** The evaluation cells of the runs {@code names} names (every cell when it names none). */
  public static List<tunesmith.evaluation.EvalCell> cells(ScaffoldPlan plan, List<String> names) {
    return plan.evaluation().cells().stream()
        .filter(cell -> names.isEmpty() || names.contains(cell.run().name()))
        .toList();
  }
}
