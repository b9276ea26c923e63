package tunesmith.slurm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import tunesmith.files.StateDirectory;
import tunesmith.plan.PlannedRun;
import tunesmith.setup.SlurmResources;

/**
 * Turns the runs to submit into sbatch calls: one per run, or with {@code --array} one job array
 * per resource shape (an array asks for one set of resources for all its tasks, so runs that differ
 * cannot share one).
 */
public final class SubmissionPlanner {
  static final String SCRIPT_NAME = "finetune.slurm";

  private SubmissionPlanner() {}

  public static List<Submission> perRun(List<PlannedRun> runs) {
    List<Submission> submissions = new ArrayList<>();
    for (PlannedRun run : runs) {
      Path directory = run.directory().toAbsolutePath();
      Path script = directory.resolve(SCRIPT_NAME);
      submissions.add(
          new Submission(
              List.of(run),
              List.of("--parsable", "--chdir=" + directory, script.toString()),
              script,
              Optional.empty(),
              run.config().resources()));
    }
    return submissions;
  }

  /**
   * @param stamp distinguishes this submission's wrapper files from earlier ones (e.g. the time)
   * @param maxRunning at most this many tasks of an array run at once ({@code %N})
   */
  public static List<Submission> arrays(
      List<PlannedRun> runs,
      Path experimentDirectory,
      String jobName,
      String stamp,
      OptionalInt maxRunning) {
    Map<SlurmResources, List<PlannedRun>> shapes = byShape(runs);
    Path state = experimentDirectory.toAbsolutePath().resolve(StateDirectory.NAME);
    List<Submission> submissions = new ArrayList<>();
    int index = 1;
    for (Map.Entry<SlurmResources, List<PlannedRun>> shape : shapes.entrySet()) {
      String name = "array-" + stamp + (shapes.size() > 1 ? "-" + index : "");
      Path script = state.resolve(name + ".slurm");
      List<PlannedRun> members = shape.getValue();
      List<String> args =
          List.of(
              "--parsable",
              "--array=0-"
                  + (members.size() - 1)
                  + (maxRunning.isPresent() ? "%" + maxRunning.getAsInt() : ""),
              "--job-name=" + jobName,
              "--output=" + state.resolve(name + "-%A_%a.out"),
              "--chdir=" + experimentDirectory.toAbsolutePath(),
              script.toString());
      submissions.add(
          new Submission(
              members, args, script, Optional.of(ArrayScript.render(members)), shape.getKey()));
      index++;
    }
    return submissions;
  }

  /** Runs grouped by the resources they ask for, in plan order. */
  public static Map<SlurmResources, List<PlannedRun>> byShape(List<PlannedRun> runs) {
    Map<SlurmResources, List<PlannedRun>> shapes = new LinkedHashMap<>();
    runs.forEach(
        run -> shapes.computeIfAbsent(run.config().resources(), key -> new ArrayList<>()).add(run));
    return shapes;
  }
}
