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
    List<String> known = plan.runs().stream().map(run -> run.run().name()).toList();
    return new NamedRuns(
        plan.runs().stream()
            .filter(run -> names.isEmpty() || names.contains(run.run().name()))
            .toList(),
        names.stream().filter(name -> !known.contains(name)).distinct().toList(),
        !names.isEmpty());
  }
}
