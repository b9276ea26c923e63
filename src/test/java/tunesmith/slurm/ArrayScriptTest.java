package tunesmith.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.plan.PlanLoader;
import tunesmith.plan.PlannedRun;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;
import tunesmith.testing.Processes;
import tunesmith.testing.SlurmScript;

/**
 * The array wrapper, run by bash as SLURM would run one task: it runs that task's own
 * finetune.slurm from the run directory with its output in the run's slurm-<job id>.out, even when
 * the experiment's path holds spaces and quotes.
 */
class ArrayScriptTest {
  @TempDir Path temp;

  @Test
  void eachTaskRunsItsOwnRunFromItsDirectoryWhateverThePath() throws Exception {
    Path root = temp.resolve("clean");
    Path hostile = Files.createDirectories(temp.resolve("it's a $(dir) `x`"));
    Path clean = Fixtures.experiment("slurm_six", root, Map.of("/__TMP__", root.toString()));
    Expect.succeeded(Cli.run(clean, "scaffold", "-q"));
    // Moved after scaffolding: the wrapper must cope with any experiment path.
    Path experiment = Fixtures.copyTree(clean, hostile.resolve("slurm_six"), Map.of());
    ScaffoldPlan plan =
        PlanLoader.load(
            new PlanLoader.Request(
                experiment,
                experiment,
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                Cli.DEFAULT_ENV));
    List<PlannedRun> runs = SubmissionPlanner.byShape(plan.runs()).values().iterator().next();
    for (PlannedRun run : runs) {
      // The run's own script, replaced by one that says where and what it is (a TEST STAND-IN).
      Fixtures.write(
          run.directory().resolve("finetune.slurm"),
          "echo \"ran " + run.run().name() + " in $PWD\"\n");
    }
    Path wrapper = temp.resolve("array.slurm");
    Fixtures.write(wrapper, ArrayScript.render(runs));

    assertThat(SlurmScript.read(wrapper).bashSyntaxCheck().exitCode()).isZero();
    assertThat(SlurmScript.read(wrapper).option("gres")).contains("gpu:1");
    assertThat(SlurmScript.read(wrapper).options("job-name"))
        .as("the array's name is an sbatch argument")
        .isEmpty();
    for (int task = 0; task < runs.size(); task++) {
      PlannedRun run = runs.get(task);
      Files.createDirectories(Path.of(run.config().outputDir()));
      CliResult result =
          Processes.run(
              List.of("bash", wrapper.toString()),
              temp,
              Map.of(
                  "PATH",
                  "/usr/bin:/bin",
                  "SLURM_ARRAY_TASK_ID",
                  Integer.toString(task),
                  "SLURM_JOB_ID",
                  "50" + task),
              30);
      assertThat(result.exitCode()).as(result.describe()).isZero();
      assertThat(Fixtures.read(Path.of(run.config().outputDir() + "slurm-50" + task + ".out")))
          .isEqualTo("ran " + run.run().name() + " in " + run.directory() + "\n");
    }
    CliResult noSuchTask =
        Processes.run(
            List.of("bash", wrapper.toString()),
            temp,
            Map.of("PATH", "/usr/bin:/bin", "SLURM_ARRAY_TASK_ID", "99"),
            30);
    assertThat(noSuchTask.exitCode()).isEqualTo(2);
    assertThat(noSuchTask.err()).contains("no run for array task 99");
  }
}
