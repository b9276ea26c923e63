package tunesmith.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static tunesmith.evaluation.EvaluationSlurmTest.await;
import static tunesmith.evaluation.EvaluationSlurmTest.job;
import static tunesmith.evaluation.EvaluationSlurmTest.time;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Json;
import tunesmith.testing.LocalSlurm;
import tunesmith.testing.Processes;
import tunesmith.testing.RequiresLocalSlurm;

/**
 * The evaluation half through the real commands on the local SLURM cluster: scaffold, submit,
 * status. Training is held at a gate file by a stand-in {@code tune}: meanwhile the controls' cells
 * run and the fine-tuned cells wait; once released, the cell of the run that trained runs after it,
 * the cell of the run whose training failed never runs, and the cell whose inspect fails is FAILED
 * in status.
 */
@RequiresLocalSlurm
class EvaluationCommandsSlurmTest {
  private static final String TRAINS = "good";
  private static final String TRAINING_FAILS = "bad";
  private static final String CONTROL = "base";
  private static final String INSPECT_FAILS = "base2";

  @TempDir Path temp;

  private final List<String> submitted = new ArrayList<>();

  private static final String TUNE =
      """
      #!/bin/bash
      # TEST STAND-IN for torchtune's `tune run RECIPE --config FILE`: waits for the test's gate,
      # then fails for the run named by STANDIN_FAIL_RUN, or writes the run's epoch_0.
      run_dir="$(dirname "$4")"
      while [ ! -e "$STANDIN_GATE" ]; do sleep 0.2; done
      if [ "$(basename "$run_dir")" = "$STANDIN_FAIL_RUN" ]; then
        echo "tune stand-in: failing on purpose" >&2; exit 1
      fi
      if [ "$(basename "$run_dir")" = "$STANDIN_OOM_RUN" ] && grep -q '^batch_size: 4$' "$4"; then
        echo "Traceback (most recent call last):" >&2
        echo "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB" >&2; exit 1
      fi
      mkdir -p "$run_dir/artifacts/epoch_0"
      """;

  private static final String PYTHON =
      """
      #!/bin/bash
      # TEST STAND-IN for `python -m cruijff_kit.tools.torchtune.post_finetune`: does nothing.
      exit 0
      """;

  private String summary(Path experiment) {
    return """
        experiment:
          name: eval_cli
          date: 2026-11-29
          dir: %s
        tools: {preparation: torchtune, evaluation: inspect-ai}
        controls:
          epochs: 1
          prompt: "Capitalize: {input}\\n"
          system_prompt: ""
          dataset_type: chat_completion
          batch_size: 4
          gradient_accumulation_steps: 1
        models:
          base:
            - name: Llama-3.2-1B-Instruct
              path: /models/Llama-3.2-1B-Instruct
        data:
          training: {path: /data/train.json, dataset_label: words, format: json}
        output: {wandb_project: p}
        runs:
          - {name: %s, type: fine-tuned, model: Llama-3.2-1B-Instruct, parameters: {lora_rank: 8}}
          - {name: %s, type: fine-tuned, model: Llama-3.2-1B-Instruct, parameters: {lora_rank: 16}}
          - {name: %s, type: control, model: Llama-3.2-1B-Instruct, parameters: {}}
          - {name: %s, type: control, model: Llama-3.2-1B-Instruct, parameters: {}}
        evaluation:
          scorers: [{name: match}]
          compute: {mem: 1G, time: "0:05:00"}
          tasks:
            - {name: cap, script: /tasks/cap.py, dataset: /data/test.json}
          matrix:
            - {run: %s, tasks: [cap], epochs: [0]}
            - {run: %s, tasks: [cap], epochs: [0]}
            - {run: %s, tasks: [cap], epochs: null}
            - {run: %s, tasks: [cap], epochs: null}
        """
        .formatted(
            experiment,
            TRAINS,
            TRAINING_FAILS,
            CONTROL,
            INSPECT_FAILS,
            TRAINS,
            TRAINING_FAILS,
            CONTROL,
            INSPECT_FAILS);
  }

  private static final String LOCAL_MD =
      """
      # claude.local.md

      ## HPC Environment

      - **Username**: `testuser`

      ## SLURM Defaults

      - **Default time**: `00:05:00`
      - **Default conda environment**: `evalenv`
      """;

  /** The experiment, its stand-ins and their environment, written under the test's directory. */
  private record Setup(Path experiment, Map<String, String> env) {}

  /**
   * Writes the experiment and installs the stand-ins: training waits for {@code gate} and fails for
   * {@code failRun}; inspect fails for the model named by {@code failModel}.
   */
  private Setup setUp(Path gate, String failRun, String failModel) throws IOException {
    Path experiment = temp.resolve("exp");
    Files.createDirectories(experiment);
    Files.writeString(experiment.resolve("experiment_summary.yaml"), summary(experiment));
    Files.writeString(experiment.resolve("claude.local.md"), LOCAL_MD);
    EvalStandIns standIns = EvalStandIns.install(temp.resolve("stand-ins"));
    executable(standIns.bin().resolve("tune"), TUNE);
    executable(standIns.bin().resolve("python"), PYTHON);
    Map<String, String> env = new LinkedHashMap<>(standIns.environment(temp, failModel));
    env.putAll(Cli.DEFAULT_ENV);
    env.put("STANDIN_GATE", gate.toString());
    env.put("STANDIN_FAIL_RUN", failRun);
    return new Setup(experiment, env);
  }

  @Test
  void submitChainsCellsAfterTrainingAndStatusShowsHowEachEnded() throws Exception {
    chainsCellsAfterTraining(List.of());
  }

  @Test
  void cellsOfRunsTrainedAsArrayTasksWaitForTheirOwnTask() throws Exception {
    chainsCellsAfterTraining(List.of("--array"));
  }

  /**
   * Issue 23.2: one planner decides for retry and retry --dry-run, so the dry run names the cells
   * the retry then sends (the cell of a run out of CUDA memory waits for its retried training; the
   * cell of a run whose error retry cannot help is left, saying why); and every command tunesmith
   * suggests on the way runs as printed, from another directory.
   */
  @Test
  void retryDryRunSaysWhatRetryDoesAndEveryHintRunsAsPrinted() throws Exception {
    Path gate = temp.resolve("gate");
    Files.writeString(gate, "go");
    Setup setup = setUp(gate, TRAINING_FAILS, "none");
    Path experiment = setup.experiment();
    Map<String, String> env = new LinkedHashMap<>(setup.env());
    env.put("STANDIN_OOM_RUN", TRAINS);
    assertThat(Cli.run(experiment, env, "scaffold", "-q").exitCode()).isZero();
    List<String> outputs = new ArrayList<>();
    try {
      CliResult submit = Cli.run(experiment, env, "submit", "--json");
      assertThat(submit.exitCode()).as(submit.describe()).isZero();
      submitted.addAll(recordedJobs(experiment));
      for (String job : recordedJobs(experiment)) {
        await(job, EvaluationSlurmTest::ended);
      }

      CliResult dryRun = Cli.run(experiment, env, "retry", "--dry-run", "--json");
      CliResult dryText = Cli.run(experiment, env, "retry", "--dry-run");
      outputs.add(dryText.out());
      assertThat(dryText.out()).contains("would retry " + TRAINS + " as attempt 2");
      Map<String, String> wouldSend = new LinkedHashMap<>();
      for (Object one : (List<?>) Json.parseObject(dryRun.out()).get("cells")) {
        Map<?, ?> cell = (Map<?, ?>) one;
        wouldSend.put(cell.get("run") + "/eval/" + cell.get("cell"), (String) cell.get("reason"));
      }
      assertThat(wouldSend)
          .containsOnlyKeys(TRAINS + "/eval/cap_epoch0", TRAINING_FAILS + "/eval/cap_epoch0")
          .containsEntry(TRAINS + "/eval/cap_epoch0", null);
      assertThat(wouldSend.get(TRAINING_FAILS + "/eval/cap_epoch0"))
          .contains("its training, run " + TRAINING_FAILS + ", failed: not retried");

      CliResult retry = Cli.run(experiment, env, "retry", "--json");
      assertThat(retry.exitCode()).as(retry.describe()).isEqualTo(1);
      Map<String, String> sent = new LinkedHashMap<>();
      for (Object one : (List<?>) Json.parseObject(retry.out()).get("cells")) {
        Map<?, ?> cell = (Map<?, ?>) one;
        sent.put(cell.get("run") + "/eval/" + cell.get("cell"), (String) cell.get("reason"));
      }
      assertThat(sent).as("retry does what its dry run said").isEqualTo(wouldSend);
      submitted.addAll(recordedJobs(experiment));

      outputs.add(Cli.run(experiment, env, "retry").out());
      outputs.add(Cli.run(experiment, env, "submit").out());
      outputs.add(Cli.run(experiment, env, "submit", "--force").out());
      outputs.add(Cli.run(experiment, env, "status").out());
      java.util.Set<String> hints = tunesmith.testing.Hints.in(outputs.toArray(String[]::new));
      assertThat(hints)
          .as("hints in %s", outputs)
          .anyMatch(hint -> hint.startsWith("tunesmith retry " + experiment + " --runs "))
          .anyMatch(hint -> hint.startsWith("tunesmith submit " + experiment + " --runs "));
      for (String hint : hints) {
        CliResult ran = tunesmith.testing.Hints.run(hint, temp, env);
        assertThat(ran.exitCode()).as(hint + "\n" + ran.describe()).isNotEqualTo(2);
        assertThat(ran.err()).as(hint).doesNotContain("Usage:", "Unknown option");
        submitted.addAll(recordedJobs(experiment));
      }
    } finally {
      submitted.addAll(recordedJobs(experiment));
      List<String> cancel = new ArrayList<>(List.of("scancel"));
      cancel.addAll(submitted);
      Processes.run(cancel, null, null, 30);
    }
  }

  @Test
  void cancelCancelsTheCellsWaitingForTraining() throws Exception {
    Path gate = temp.resolve("gate"); // never opened: training stays held
    Setup setup = setUp(gate, "none", "none");
    Path experiment = setup.experiment();
    Map<String, String> env = setup.env();
    assertThat(Cli.run(experiment, env, "scaffold", "-q").exitCode()).isZero();
    try {
      CliResult submit = Cli.run(experiment, env, "submit", "--json");
      assertThat(submit.exitCode()).as(submit.describe()).isZero();
      Map<String, String> cells = new LinkedHashMap<>();
      Map<String, Object> report = Json.parseObject(submit.out());
      for (Object one : (List<?>) report.get("submitted")) {
        submitted.add((String) ((Map<?, ?>) one).get("job_id"));
      }
      for (Object one : (List<?>) report.get("cells")) {
        Map<?, ?> cell = (Map<?, ?>) one;
        cells.put((String) cell.get("run"), (String) cell.get("job_id"));
      }
      submitted.addAll(cells.values());

      CliResult cancel = Cli.run(experiment, env, "cancel", "--runs", TRAINS, "--json");
      assertThat(cancel.exitCode()).as(cancel.describe()).isZero();
      Map<String, Boolean> cancelled = new LinkedHashMap<>();
      Map<String, Object> cancelReport = Json.parseObject(cancel.out());
      for (Object one : (List<?>) cancelReport.get("runs")) {
        Map<?, ?> outcome = (Map<?, ?>) one;
        cancelled.put((String) outcome.get("run"), (Boolean) outcome.get("cancelled"));
      }
      for (Object one : (List<?>) cancelReport.get("cells")) {
        Map<?, ?> outcome = (Map<?, ?>) one;
        cancelled.put(
            outcome.get("run") + "/eval/" + outcome.get("cell"),
            (Boolean) outcome.get("cancelled"));
      }
      assertThat(cancelled)
          .containsExactly(Map.entry(TRAINS, true), Map.entry(TRAINS + "/eval/cap_epoch0", true));
      Path cell = experiment.resolve(TRAINS).resolve("eval/cap_epoch0");
      assertThat(Files.readString(cell.resolve(".tunesmith/submission.json")))
          .contains("\"cancelled\"", "\"by\" : \"testuser\"");
      assertThat(await(cells.get(TRAINS), EvaluationSlurmTest::ended).get("JobState"))
          .isEqualTo("CANCELLED");
      assertThat(cell.resolve(EvalStandIns.ARGS_FILE)).doesNotExist();
      // The success log an earlier attempt left (older than this job's submission) is not shown
      // beside the cancelled cell's state: it is not this job's outcome.
      Path earlier =
          tunesmith.testing.EvalLogFiles.binary(
              cell.resolve("logs/2026-01-01T00-00-00+00-00_cap_earlier.eval"),
              1.0,
              new String[][] {{"1", "1"}});
      Files.setLastModifiedTime(
          earlier,
          java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600)));
      Map<?, ?> cellRow = null;
      CliResult status = Cli.run(experiment, env, "status", "--json");
      for (Object one : (List<?>) Json.parseObject(status.out()).get("cells")) {
        if (TRAINS.equals(((Map<?, ?>) one).get("run"))) {
          cellRow = (Map<?, ?>) one;
        }
      }
      assertThat(cellRow).as(status.describe()).isNotNull();
      assertThat(cellRow.get("state")).isEqualTo("CANCELLED");
      assertThat(cellRow.get("log")).as("an earlier attempt's log").isNull();
      assertThat(Cli.run(experiment, env, "status").out()).doesNotContain("cap_earlier");
      // The other run's cell still waits for its training.
      assertThat(job(cells.get(TRAINING_FAILS)).get("Reason")).isEqualTo("Dependency");
      // In the cruijff_kit-0.3 format the run log sits beside the scaffold log, in logs/
      // (docs/FILES.md).
      assertThat(experiment.resolve("logs/scaffold-torchtune.log")).exists();
      assertThat(Files.readString(experiment.resolve("logs/run-torchtune.log")))
          .contains("SUBMIT_JOB: " + TRAINS, "CANCEL_JOB: " + TRAINS);
      assertThat(experiment.resolve("run-torchtune.log")).doesNotExist();
    } finally {
      Files.writeString(gate, "go");
      if (!submitted.isEmpty()) {
        List<String> cancel = new ArrayList<>(List.of("scancel"));
        cancel.addAll(submitted);
        Processes.run(cancel, null, null, 30);
      }
    }
  }

  @Test
  void maxQueuedCountsTheCellsAndNeverSendsTheCellOfAFailedTraining() throws Exception {
    Path gate = Files.writeString(temp.resolve("gate"), "go"); // training is not held
    Setup setup = setUp(gate, TRAINING_FAILS, "hf/" + INSPECT_FAILS + "_control");
    Path experiment = setup.experiment();
    Map<String, String> env = setup.env();
    assertThat(Cli.run(experiment, env, "scaffold", "-q").exitCode()).isZero();

    CompletableFuture<CliResult> submit =
        CompletableFuture.supplyAsync(
            () -> Cli.run(experiment, env, "submit", "--max-queued", "1", "--json"));
    List<Integer> samples;
    try {
      samples = LocalSlurm.queuedWhile(submit, () -> recordedJobs(experiment));
    } finally {
      submitted.addAll(recordedJobs(experiment));
    }
    int most = samples.stream().mapToInt(Integer::intValue).max().orElse(0);
    CliResult result = submit.get();

    // One cell is refused (its training failed), so submit says some were not submitted.
    assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
    Map<String, Map<?, ?>> cells = new LinkedHashMap<>();
    for (Object one : (List<?>) Json.parseObject(result.out()).get("cells")) {
      Map<?, ?> cell = (Map<?, ?>) one;
      cells.put((String) cell.get("run"), cell);
    }
    for (String run : List.of(TRAINS, CONTROL, INSPECT_FAILS)) {
      assertThat(cells.get(run).get("job_id")).as(run).isNotNull();
      assertThat(cells.get(run).get("reason")).as(run).isNull();
    }
    assertThat(cells.get(TRAINING_FAILS).get("job_id")).isNull();
    assertThat((String) cells.get(TRAINING_FAILS).get("reason")).contains("ended FAILED");
    assertThat(experiment.resolve(TRAINING_FAILS).resolve("eval/cap_epoch0/.tunesmith"))
        .doesNotExist();
    assertThat(recordedJobs(experiment)).as("2 training jobs and 3 cells").hasSize(5);
    assertThat(samples).as("squeue was asked while submit ran").hasSizeGreaterThan(3);
    assertThat(most)
        .as("the experiment's jobs, cells included, queued at once")
        .isLessThanOrEqualTo(1);
    assertThat(samples).as("a job was seen in the queue").contains(1);
    // The last cell may still be queued when submit returns: let it end before the files go.
    for (String run : List.of(TRAINS, CONTROL, INSPECT_FAILS)) {
      await((String) cells.get(run).get("job_id"), EvaluationSlurmTest::ended);
    }
  }

  /** The job ids in every run's and cell's submission record. */
  private static List<String> recordedJobs(Path experiment) {
    List<String> jobs = new ArrayList<>();
    try (Stream<Path> files = Files.walk(experiment)) {
      for (Path file : files.filter(f -> f.endsWith(".tunesmith/submission.json")).toList()) {
        try {
          jobs.add((String) Json.parseObject(Files.readString(file)).get("job_id"));
        } catch (IOException | RuntimeException beingWritten) {
          // written by rename, so never half there; a vanished file is read next time
        }
      }
    } catch (IOException | UncheckedIOException walkedWhileWritten) {
      // a directory renamed during the walk: the next sample reads it
    }
    return jobs;
  }

  private void chainsCellsAfterTraining(List<String> submitOptions) throws Exception {
    Path gate = temp.resolve("gate");
    Setup setup = setUp(gate, TRAINING_FAILS, "hf/" + INSPECT_FAILS + "_control");
    Path experiment = setup.experiment();
    Map<String, String> env = setup.env();

    CliResult scaffold = Cli.run(experiment, env, "scaffold", "-q");
    assertThat(scaffold.exitCode()).as(scaffold.describe()).isZero();
    CliResult verify = Cli.run(experiment, env, "verify");
    assertThat(verify.exitCode()).as(verify.describe()).isZero();
    assertThat(verify.out()).contains(TRAINS + "/eval/cap_epoch0");

    try {
      List<String> submitArgs = new ArrayList<>(List.of("submit", "--json"));
      submitArgs.addAll(submitOptions);
      CliResult submit = Cli.run(experiment, env, submitArgs.toArray(String[]::new));
      assertThat(submit.exitCode()).as(submit.describe()).isZero();
      Map<String, Object> report = Json.parseObject(submit.out());
      Map<String, String> training = new LinkedHashMap<>();
      for (Object one : (List<?>) report.get("submitted")) {
        Map<?, ?> run = (Map<?, ?>) one;
        training.put((String) run.get("run"), (String) run.get("job_id"));
      }
      Map<String, String> cells = new LinkedHashMap<>();
      Map<String, List<Object>> commands = new LinkedHashMap<>();
      for (Object one : (List<?>) report.get("cells")) {
        Map<?, ?> cell = (Map<?, ?>) one;
        assertThat(cell.get("reason")).as(cell.toString()).isNull();
        cells.put((String) cell.get("run"), (String) cell.get("job_id"));
        commands.put((String) cell.get("run"), List.copyOf((List<?>) cell.get("command")));
      }
      // Each fine-tuned cell names its own training job (an array task with --array).
      for (String run : List.of(TRAINS, TRAINING_FAILS)) {
        assertThat(training.get(run)).matches(submitOptions.isEmpty() ? "\\d+" : "\\d+_\\d+");
        assertThat(commands.get(run))
            .contains(
                (Object) ("--dependency=afterok:" + training.get(run)),
                "--kill-on-invalid-dep=yes");
      }
      submitted.addAll(training.values());
      submitted.addAll(cells.values());
      assertThat(training).containsOnlyKeys(TRAINS, TRAINING_FAILS);
      assertThat(cells).containsOnlyKeys(TRAINS, TRAINING_FAILS, CONTROL, INSPECT_FAILS);
      Path goodCell = experiment.resolve(TRAINS).resolve("eval/cap_epoch0");
      assertThat(Files.readString(goodCell.resolve(".tunesmith/submission.json")))
          .contains("\"" + cells.get(TRAINS) + "\"");

      // Training is held at the gate: the controls' cells ran without waiting for it.
      Map<String, String> control = await(cells.get(CONTROL), EvaluationSlurmTest::ended);
      Map<String, String> failing = await(cells.get(INSPECT_FAILS), EvaluationSlurmTest::ended);
      assertThat(control.get("JobState")).isEqualTo("COMPLETED");
      assertThat(failing.get("JobState")).isEqualTo("FAILED");
      for (String run : List.of(TRAINS, TRAINING_FAILS)) {
        assertThat(job(training.get(run)).get("JobState")).isIn("PENDING", "RUNNING");
        Map<String, String> waiting = job(cells.get(run));
        assertThat(waiting.get("JobState")).as(run).isEqualTo("PENDING");
        assertThat(waiting.get("Reason")).as(run).isEqualTo("Dependency");
      }

      Files.writeString(gate, "go");

      Map<String, String> trained = await(training.get(TRAINS), EvaluationSlurmTest::ended);
      assertThat(trained.get("JobState")).isEqualTo("COMPLETED");
      assertThat(await(training.get(TRAINING_FAILS), EvaluationSlurmTest::ended).get("JobState"))
          .isEqualTo("FAILED");
      Map<String, String> good = await(cells.get(TRAINS), EvaluationSlurmTest::ended);
      assertThat(good.get("JobState")).isEqualTo("COMPLETED");
      assertThat(time(good.get("StartTime"))).isAfterOrEqualTo(time(trained.get("EndTime")));
      Map<String, String> never = await(cells.get(TRAINING_FAILS), EvaluationSlurmTest::ended);
      assertThat(never.get("JobState")).isEqualTo("CANCELLED");
      Path badCell = experiment.resolve(TRAINING_FAILS).resolve("eval/cap_epoch0");
      assertThat(badCell.resolve(EvalStandIns.ARGS_FILE)).doesNotExist();
      assertThat(EvalLogs.newest(badCell.resolve("logs"))).isEmpty();

      CliResult status = Cli.run(experiment, env, "status", "--json");
      assertThat(status.exitCode()).as(status.describe()).isEqualTo(1);
      Map<String, Map<?, ?>> byRun = new LinkedHashMap<>();
      for (Object one : (List<?>) Json.parseObject(status.out()).get("cells")) {
        Map<?, ?> cell = (Map<?, ?>) one;
        byRun.put((String) cell.get("run"), cell);
      }
      assertThat(byRun.get(TRAINS).get("state")).isEqualTo("COMPLETED");
      assertThat(byRun.get(CONTROL).get("state")).isEqualTo("COMPLETED");
      assertThat(((Map<?, ?>) byRun.get(CONTROL).get("log")).get("status")).isEqualTo("success");
      assertThat(byRun.get(INSPECT_FAILS).get("state")).isEqualTo("FAILED");
      assertThat(((Map<?, ?>) byRun.get(INSPECT_FAILS).get("log")).get("status"))
          .isEqualTo("error");
      assertThat(byRun.get(TRAINING_FAILS).get("state")).isEqualTo("CANCELLED");
      assertThat(byRun.get(TRAINING_FAILS).get("log")).isNull();
      CliResult text = Cli.run(experiment, env, "status");
      assertThat(text.out())
          .contains("### Evaluation Cells")
          .containsPattern("cap COMPLETED logs/\\S+\\.eval success match/accuracy=0\\.7500")
          .containsPattern("cap FAILED logs/\\S+\\.eval error");

      // retry: the failed cell goes again as it is; the cell of the failed training is refused.
      Map<String, String> healed = new LinkedHashMap<>(env);
      healed.put(EvalStandIns.FAIL_MODEL_VARIABLE, "none");
      CliResult retry = Cli.run(experiment, healed, "retry", "--json");
      assertThat(retry.exitCode()).as(retry.describe()).isEqualTo(1);
      Map<String, Map<?, ?>> retried = new LinkedHashMap<>();
      for (Object one : (List<?>) Json.parseObject(retry.out()).get("cells")) {
        Map<?, ?> cell = (Map<?, ?>) one;
        retried.put(cell.get("run") + "/eval/" + cell.get("cell"), cell);
      }
      assertThat(retried)
          .containsOnlyKeys(INSPECT_FAILS + "/eval/cap", TRAINING_FAILS + "/eval/cap_epoch0");
      assertThat((String) retried.get(TRAINING_FAILS + "/eval/cap_epoch0").get("reason"))
          .contains("its training, run " + TRAINING_FAILS + ", failed: not retried");
      String again = (String) retried.get(INSPECT_FAILS + "/eval/cap").get("job_id");
      submitted.add(again);
      assertThat(await(again, EvaluationSlurmTest::ended).get("JobState")).isEqualTo("COMPLETED");
      assertThat(
              Files.readString(
                  experiment.resolve(INSPECT_FAILS).resolve("eval/cap/.tunesmith/submission.json")))
          .containsPattern("\"attempt\" ?: 2");

      // --eval-only: the trained run's cell goes at once, its training having COMPLETED.
      CliResult evalOnly =
          Cli.run(experiment, env, "submit", "--eval-only", "--runs", TRAINS, "--force", "--json");
      assertThat(evalOnly.exitCode()).as(evalOnly.describe()).isZero();
      Map<?, ?> only = (Map<?, ?>) ((List<?>) Json.parseObject(evalOnly.out()).get("cells")).get(0);
      assertThat((List<?>) Json.parseObject(evalOnly.out()).get("submitted")).isEmpty();
      assertThat((List<?>) only.get("command"))
          .noneMatch(arg -> arg.toString().startsWith("--dependency"));
      String direct = (String) only.get("job_id");
      submitted.add(direct);
      assertThat(await(direct, EvaluationSlurmTest::ended).get("JobState")).isEqualTo("COMPLETED");
    } finally {
      Files.writeString(gate, "go");
      if (!submitted.isEmpty()) {
        List<String> cancel = new ArrayList<>(List.of("scancel"));
        cancel.addAll(submitted);
        Processes.run(cancel, null, null, 30);
      }
    }
  }

  private static void executable(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
