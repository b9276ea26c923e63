package tunesmith.slurm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tunesmith.plan.PlannedRun;
import tunesmith.setup.SlurmResources;

/**
 * What {@code submit --dry-run} asks the cluster: {@code sbatch --test-only} once for each distinct
 * set of resources among the runs (the first run's script stands for the others), so a constraint,
 * partition or size the cluster lacks is named before anything is queued. Nothing is submitted.
 */
public final class ShapeCheck {
  private ShapeCheck() {}

  /**
   * The shapes SLURM would refuse, each with all its runs; a SlurmException when sbatch cannot be
   * run or cannot reach the controller (then nothing is known).
   */
  public static List<Submitter.Stopped> wouldRefuse(SlurmClient client, List<PlannedRun> runs)
      throws SlurmException {
    List<Submitter.Stopped> refused = new ArrayList<>();
    for (Map.Entry<SlurmResources, List<PlannedRun>> shape :
        SubmissionPlanner.byShape(runs).entrySet()) {
      PlannedRun first = shape.getValue().get(0);
      Submission submission = SubmissionPlanner.perRun(List.of(first)).get(0);
      List<String> args = new ArrayList<>(List.of("--test-only"));
      args.addAll(submission.sbatchArgs().subList(1, submission.sbatchArgs().size()));
      SlurmClient.Output output = client.run(SlurmTool.SBATCH, args);
      if (output.exitCode() != 0) {
        if (output.message().contains("Unable to contact slurm controller")) {
          throw client.failure(SlurmTool.SBATCH, output);
        }
        List<String> names = shape.getValue().stream().map(run -> run.run().name()).toList();
        refused.add(
            new Submitter.Stopped(
                names,
                "SLURM would refuse "
                    + (names.size() == 1 ? "run " : "runs ")
                    + String.join(", ", names)
                    + " (sbatch --test-only with "
                    + first.run().name()
                    + "'s script)",
                client.failure(SlurmTool.SBATCH, output).getMessage()));
      }
    }
    return refused;
  }
}
