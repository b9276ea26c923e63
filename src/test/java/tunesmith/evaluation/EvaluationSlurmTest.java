package tunesmith.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.CliResult;
import tunesmith.testing.Processes;
import tunesmith.testing.RequiresLocalSlurm;
import tunesmith.testing.ScontrolJobs;

/**
 * Cells on the local SLURM cluster, chained after stand-in training jobs that wait for a gate file:
 * while training is held, the control cell and the eval-only cell run and the fine-tuned cells
 * wait; once released, the cells of the run that trained run after it, the cells of the run whose
 * training failed never run, and the cell whose inspect fails is FAILED.
 */
@RequiresLocalSlurm
class EvaluationSlurmTest {
  private static final String FAILING_TRAINING = "r16";
  private static final String FAILING_INSPECT_MODEL = "hf/old";

  @TempDir Path temp;

  private final List<String> submitted = new ArrayList<>();

  @Test
  void cellsRunOnlyAfterTheirTrainingSucceededAndShowInspectsOutcome() throws Exception {
    Path experiment = temp.resolve("exp");
    EvalFixture.Planned planned =
        EvalFixture.plan(experiment, EvalFixture.summary(), EvalFixture.CLUSTER_SETTINGS);
    assertThat(planned.rendered()).isEmpty();
    planned.writeCells();
    EvalStandIns standIns = EvalStandIns.install(temp.resolve("stand-ins"));
    Map<String, String> env = standIns.environment(temp, FAILING_INSPECT_MODEL);
    Path gate = temp.resolve("gate");

    try {
      Map<String, String> training = new LinkedHashMap<>();
      for (String run : List.of("r8", FAILING_TRAINING)) {
        training.put(
            run, sbatch(List.of(trainingScript(experiment, run, gate).toString()), temp, env));
      }
      Map<EvalCell, String> cells = new LinkedHashMap<>();
      for (EvalCell cell : planned.plan().cells()) {
        Optional<TrainingJob> job =
            Optional.ofNullable(training.get(cell.run().name())).map(TrainingJob::single);
        cells.put(cell, sbatch(CellSubmission.sbatchArguments(cell, job), cell.directory(), env));
      }

      EvalCell control = planned.cell("base", "cap");
      EvalCell evalOnly = planned.cell("old", "cap");
      Map<String, String> controlJob = await(cells.get(control), EvaluationSlurmTest::ended);
      Map<String, String> evalOnlyJob = await(cells.get(evalOnly), EvaluationSlurmTest::ended);
      // Training is still held at the gate: the cells that ran did not wait for it.
      for (String job : training.values()) {
        assertThat(job(job).get("JobState")).isIn("PENDING", "RUNNING");
      }
      assertThat(controlJob.get("JobState")).isEqualTo("COMPLETED");
      assertThat(summary(control).succeeded()).isTrue();
      assertThat(summary(control).scores()).isNotEmpty();
      assertThat(evalOnlyJob.get("JobState")).isEqualTo("FAILED");
      assertThat(evalOnlyJob.get("ExitCode")).isEqualTo(EvalStandIns.FAILING_EXIT_CODE + ":0");
      assertThat(summary(evalOnly).status()).isEqualTo("error");
      CellStatus failed = CellStatus.of(evalOnly, Optional.of(evalOnlyJob.get("JobState")));
      assertThat(failed.state()).isEqualTo("FAILED");
      assertThat(failed.render())
          .startsWith("cap FAILED logs/")
          .contains(".eval error (stand-in failure on purpose)");
      assertThat(CellStatus.of(control, Optional.of("COMPLETED")).render())
          .matches("cap COMPLETED logs/\\S+\\.eval success match/accuracy=0\\.7500 .*");
      for (EvalCell cell : cells.keySet()) {
        if (cell.run().trained()) {
          Map<String, String> waiting = job(cells.get(cell));
          assertThat(waiting.get("JobState")).as(cell.name()).isEqualTo("PENDING");
          assertThat(waiting.get("Reason")).as(cell.name()).isEqualTo("Dependency");
          assertThat(cell.directory().resolve(EvalStandIns.ARGS_FILE)).doesNotExist();
        }
      }

      Files.writeString(gate, "go");

      Map<String, Map<String, String>> trained = new HashMap<>();
      for (Map.Entry<String, String> entry : training.entrySet()) {
        trained.put(entry.getKey(), await(entry.getValue(), EvaluationSlurmTest::ended));
      }
      assertThat(trained.get("r8").get("JobState")).isEqualTo("COMPLETED");
      assertThat(trained.get(FAILING_TRAINING).get("JobState")).isEqualTo("FAILED");
      for (EvalCell cell : cells.keySet()) {
        if (!cell.run().trained()) {
          continue;
        }
        Map<String, String> ended = await(cells.get(cell), EvaluationSlurmTest::ended);
        if (cell.run().name().equals(FAILING_TRAINING)) {
          assertThat(ended.get("JobState")).as(cell.name()).isEqualTo("CANCELLED");
          assertThat(cell.directory().resolve(EvalStandIns.ARGS_FILE)).doesNotExist();
          assertThat(EvalLogs.newest(cell.logDirectory())).isEmpty();
        } else {
          assertThat(ended.get("JobState")).as(cell.name()).isEqualTo("COMPLETED");
          assertThat(time(ended.get("StartTime")))
              .as(cell.name() + " starts after its training ended")
              .isAfterOrEqualTo(time(trained.get("r8").get("EndTime")));
          assertThat(summary(cell).succeeded()).isTrue();
          // gpu_metrics.csv is not asserted: the GPU monitor opens it in the background, and a
          // stand-in inspect that ends at once can be faster than that (it failed once under load).
          // Beside the cells, where cruijff_kit's summarize-experiment looks (EVALUATION.md).
          assertThat(cell.directory().resolveSibling("slurm-" + cells.get(cell) + ".out")).exists();
        }
      }
    } finally {
      Files.writeString(gate, "go");
      cancelSubmitted();
    }
  }

  /** Leaves nothing of this test in the queue, whatever failed. */
  private void cancelSubmitted() {
    if (!submitted.isEmpty()) {
      List<String> cancel = new ArrayList<>(List.of("scancel"));
      cancel.addAll(submitted);
      Processes.run(cancel, null, null, 30);
    }
  }

  @Test
  void cellsOfAnArrayTrainingWaitForTheirOwnTask() throws Exception {
    Path experiment = temp.resolve("exp");
    String matrixOnlyTrained =
        EvalFixture.EVALUATION.substring(0, EvalFixture.EVALUATION.indexOf("    - run: base"));
    EvalFixture.Planned planned =
        EvalFixture.plan(
            experiment,
            EvalFixture.summary(EvalFixture.CONTROLS, EvalFixture.RUNS, matrixOnlyTrained));
    assertThat(planned.rendered()).isEmpty();
    planned.writeCells();
    EvalStandIns standIns = EvalStandIns.install(temp.resolve("stand-ins"));
    Map<String, String> env = standIns.environment(temp, "none");
    Path gate = temp.resolve("gate");
    List<String> runs = List.of("r8", FAILING_TRAINING);
    try {
      Path array = temp.resolve("train-array.slurm");
      Files.writeString(
          array,
          "#!/bin/bash\n#SBATCH --job-name=train-array\n#SBATCH --output="
              + temp
              + "/train-%A_%a.out\n#SBATCH --mem=1G\n#SBATCH --time=0:10:00\n"
              + "# TEST STAND-IN for an array of training jobs: task 1 fails.\n"
              + "while [ ! -e '"
              + gate
              + "' ]; do sleep 0.2; done\n"
              + "[ \"$SLURM_ARRAY_TASK_ID\" = 1 ] && exit 1\n"
              + "mkdir -p '"
              + experiment
              + "/r8/artifacts/epoch_0' '"
              + experiment
              + "/r8/artifacts/epoch_1'\nexit 0\n");
      String arrayJob = sbatch(List.of("--array=0-1", array.toString()), temp, env);
      Map<EvalCell, String> cells = new LinkedHashMap<>();
      for (EvalCell cell : planned.plan().cells()) {
        TrainingJob job = TrainingJob.arrayTask(arrayJob, runs.indexOf(cell.run().name()));
        cells.put(
            cell,
            sbatch(CellSubmission.sbatchArguments(cell, Optional.of(job)), cell.directory(), env));
      }
      for (String cellJob : cells.values()) {
        assertThat(job(cellJob).get("Reason")).isEqualTo("Dependency");
      }

      Files.writeString(gate, "go");

      Map<String, String> task0 = await(arrayJob + "_0", EvaluationSlurmTest::ended);
      assertThat(task0.get("JobState")).isEqualTo("COMPLETED");
      assertThat(await(arrayJob + "_1", EvaluationSlurmTest::ended).get("JobState"))
          .isEqualTo("FAILED");
      for (Map.Entry<EvalCell, String> entry : cells.entrySet()) {
        EvalCell cell = entry.getKey();
        Map<String, String> ended = await(entry.getValue(), EvaluationSlurmTest::ended);
        if (cell.run().name().equals(FAILING_TRAINING)) {
          assertThat(ended.get("JobState")).as(cell.name()).isEqualTo("CANCELLED");
          assertThat(cell.directory().resolve(EvalStandIns.ARGS_FILE)).doesNotExist();
        } else {
          assertThat(ended.get("JobState")).as(cell.name()).isEqualTo("COMPLETED");
          assertThat(time(ended.get("StartTime"))).isAfterOrEqualTo(time(task0.get("EndTime")));
        }
      }
    } finally {
      Files.writeString(gate, "go");
      cancelSubmitted();
    }
  }

  private static EvalLogSummary summary(EvalCell cell) throws IOException {
    return EvalLogs.newestSummary(cell.logDirectory())
        .orElseThrow(() -> new AssertionError("no .eval log in " + cell.logDirectory()));
  }

  private static Path trainingScript(Path experiment, String run, Path gate) throws IOException {
    Path epochs = experiment.resolve(run).resolve("artifacts");
    boolean fails = run.equals(FAILING_TRAINING);
    String script =
        "#!/bin/bash\n"
            + "#SBATCH --job-name=train-"
            + run
            + "\n#SBATCH --output="
            + experiment.resolve(run)
            + "/train-%j.out\n#SBATCH --mem=1G\n#SBATCH --time=0:10:00\n"
            + "# TEST STAND-IN for a training job: waits for the test's gate, then "
            + (fails ? "fails.\n" : "writes two epochs.\n")
            + "while [ ! -e '"
            + gate
            + "' ]; do sleep 0.2; done\n"
            + (fails
                ? "exit 1\n"
                : "mkdir -p '" + epochs + "/epoch_0' '" + epochs + "/epoch_1'\nexit 0\n");
    Files.createDirectories(experiment.resolve(run));
    Path file = experiment.resolve(run).resolve("train.slurm");
    Files.writeString(file, script);
    return file;
  }

  private String sbatch(List<String> arguments, Path directory, Map<String, String> env) {
    List<String> command = new ArrayList<>(List.of("sbatch"));
    if (!arguments.contains("--parsable")) {
      command.add("--parsable");
    }
    command.addAll(arguments);
    CliResult result = Processes.run(command, directory, env, 60);
    assertThat(result.exitCode()).as(result.describe()).isZero();
    String id = result.out().strip().split(";")[0];
    submitted.add(id);
    return id;
  }

  static boolean ended(Map<String, String> job) {
    return ScontrolJobs.ended(job);
  }

  /** Polls scontrol until the job's fields satisfy {@code done}; fails after three minutes. */
  static Map<String, String> await(String id, Predicate<Map<String, String>> done)
      throws InterruptedException {
    return ScontrolJobs.await(id, done);
  }

  static Map<String, String> job(String id) {
    return ScontrolJobs.job(id);
  }

  static LocalDateTime time(String scontrolTime) {
    return LocalDateTime.parse(scontrolTime);
  }
}
