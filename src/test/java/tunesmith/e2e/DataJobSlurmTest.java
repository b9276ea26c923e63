package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.plan.DataJob;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Json;
import tunesmith.testing.Processes;
import tunesmith.testing.RequiresLocalSlurm;
import tunesmith.testing.ScontrolJobs;

/**
 * The data-preparation job on the local SLURM cluster, through the real commands: a 2026 experiment
 * whose {@code data.data_generation} declares the dataset its runs train on. A stand-in for {@code
 * python -m cruijff_kit.tools.experiment.prepare_data} checks what it is given, waits for the
 * test's gate and writes the dataset (or fails on purpose); a stand-in {@code tune} records whether
 * the dataset was there when training started.
 */
@RequiresLocalSlurm
class DataJobSlurmTest {
  @TempDir Path temp;

  private final List<String> submitted = new ArrayList<>();

  /**
   * TEST STAND-IN for cruijff_kit's prepare_data (not cruijff_kit): takes exactly {@code -m
   * cruijff_kit.tools.experiment.prepare_data EXPERIMENT_DIR}, reads that directory's
   * experiment_summary.yaml as prepare_data does, and writes data.data_generation's output_path
   * once the gate opens; exits 1 when STANDIN_DATA_FAIL is 1. Also accepts post_finetune (the
   * training job's last step) and does nothing for it.
   */
  private static final String PYTHON =
      """
      #!/usr/bin/python3
      # TEST STAND-IN for `python -m cruijff_kit.tools.experiment.prepare_data DIR`. Not cruijff_kit.
      import json, os, sys, time, yaml
      args = sys.argv[1:]
      if args[:2] == ["-m", "cruijff_kit.tools.torchtune.post_finetune"]:
          sys.exit(0)
      if len(args) != 3 or args[:2] != ["-m", "cruijff_kit.tools.experiment.prepare_data"]:
          print("prepare_data stand-in: expected -m cruijff_kit.tools.experiment.prepare_data DIR,"
                " got %r" % args, file=sys.stderr)
          sys.exit(64)
      experiment = args[2]
      summary = os.path.join(experiment, "experiment_summary.yaml")
      if not os.path.isabs(experiment) or not os.path.isfile(summary):
          print("prepare_data stand-in: %r is not an experiment directory" % experiment,
                file=sys.stderr)
          sys.exit(65)
      with open(summary) as f:
          spec = yaml.safe_load(f)["data"]["data_generation"]
      while not os.path.exists(os.environ["STANDIN_DATA_GATE"]):
          time.sleep(0.2)
      if os.environ.get("STANDIN_DATA_FAIL") == "1":
          print("prepare_data stand-in: failing on purpose", file=sys.stderr)
          sys.exit(1)
      out = spec["output_path"]
      out = out if os.path.isabs(out) else os.path.join(experiment, out)
      os.makedirs(os.path.dirname(out), exist_ok=True)
      with open(out, "w") as f:
          json.dump({"train": [{"input": "0 1", "output": "1"}], "validation": []}, f)
      with open(os.environ["STANDIN_DATA_CALLS"], "a") as f:
          f.write(json.dumps({"experiment_dir": experiment, "tool": spec["tool"], "wrote": out,
                              "job": os.environ.get("SLURM_JOB_ID")}) + "\\n")
      """;

  /**
   * TEST STAND-IN for torchtune's `tune run RECIPE --config FILE`: says if the dataset is there.
   */
  private static final String TUNE =
      """
      #!/bin/bash
      # TEST STAND-IN for `tune run`: records whether the run's dataset existed when it started.
      run_dir="$(dirname "$4")"
      if [ -f "$STANDIN_DATASET" ]; then echo present; else echo absent; fi > "$run_dir/tune-saw"
      """;

  private static final String LOCAL_MD =
      """
      # claude.local.md

      ## HPC Environment

      - **Username**: `testuser`

      ## SLURM Defaults

      - **Default time**: `00:05:00`
      - **Default conda environment**: `dataenv`
      """;

  private record Setup(Path experiment, Path dataset, Path gate, Map<String, String> env) {}

  private Setup setUp(boolean fail) throws IOException {
    Path experiment = Files.createDirectories(temp.resolve("organism"));
    Path dataset = experiment.resolve("data/parity_bits.json");
    Files.writeString(experiment.resolve("experiment_summary.yaml"), summary(experiment, dataset));
    Files.writeString(experiment.resolve("claude.local.md"), LOCAL_MD);
    Path bin = Files.createDirectories(temp.resolve("stand-ins"));
    executable(bin.resolve("python"), PYTHON);
    executable(bin.resolve("tune"), TUNE);
    executable(bin.resolve("nvidia-smi"), "#!/bin/bash\n# TEST STAND-IN for nvidia-smi.\n");
    executable(bin.resolve("module"), "#!/bin/bash\n# TEST STAND-IN for module.\n");
    executable(bin.resolve("conda"), "#!/bin/bash\n# TEST STAND-IN for conda.\n");
    Path gate = temp.resolve("gate");
    Map<String, String> env = new LinkedHashMap<>(Cli.DEFAULT_ENV);
    env.put("PATH", bin + ":/usr/local/bin:/usr/bin:/bin");
    env.put("HOME", temp.toString());
    env.put("LANG", "C.UTF-8");
    env.put("STANDIN_DATA_GATE", gate.toString());
    env.put("STANDIN_DATA_FAIL", fail ? "1" : "0");
    env.put("STANDIN_DATA_CALLS", temp.resolve("prepare-data-calls").toString());
    env.put("STANDIN_DATASET", dataset.toString());
    return new Setup(experiment, dataset, gate, env);
  }

  private static String summary(Path experiment, Path dataset) {
    return """
        experiment:
          name: organism
          date: 2026-12-06
          dir: %s
        tools: {preparation: torchtune, evaluation: inspect-ai}
        controls:
          epochs: 1
          batch_size: 4
          gradient_accumulation_steps: 1
          prompt: "Parity of: {input}\\n"
          system_prompt: ""
          dataset_type: chat_completion
        models:
          base:
            - name: Llama-3.2-1B-Instruct
              path: /models/Llama-3.2-1B-Instruct
        data:
          training: {path: %s, dataset_label: parity_bits, format: json}
          data_generation:
            tool: model_organism
            name: parity_bits
            input_type: bits
            rule: parity
            k: 8
            N: 1000
            seed: 3
            design: memorization
            output_path: data/parity_bits.json
        output: {wandb_project: p}
        runs:
          - {name: r8, type: fine-tuned, model: Llama-3.2-1B-Instruct, parameters: {lora_rank: 8}}
          - {name: r16, type: fine-tuned, model: Llama-3.2-1B-Instruct, parameters: {lora_rank: 16}}
        """
        .formatted(experiment, dataset);
  }

  @AfterEach
  void cancelWhatIsLeft() {
    if (!submitted.isEmpty()) {
      List<String> cancel = new ArrayList<>(List.of("scancel"));
      cancel.addAll(submitted);
      Processes.run(cancel, null, null, 30);
    }
  }

  /** Submits, and keeps every job id it reports for the clean-up. */
  private Map<String, Object> submit(Setup setup) {
    CliResult submit = Cli.run(setup.experiment(), setup.env(), "submit", "--json");
    assertThat(submit.exitCode()).as(submit.describe()).isZero();
    followsTheSchema(submit);
    Map<String, Object> report = Json.parseObject(submit.out());
    Map<?, ?> data = (Map<?, ?>) report.get("data_job");
    if (data != null && data.get("job_id") != null) {
      submitted.add((String) data.get("job_id"));
    }
    trainings(report).values().forEach(submitted::add);
    return report;
  }

  /** Every --json report with a data_job is valid against docs/json/reports.schema.json. */
  private static void followsTheSchema(CliResult json) {
    try {
      assertThat(JsonSchemaTest.problems(JsonSchemaTest.schema(), json.out()))
          .as(json.describe())
          .isEmpty();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Map<String, String> trainings(Map<String, Object> report) {
    Map<String, String> jobs = new LinkedHashMap<>();
    for (Object one : (List<?>) report.get("submitted")) {
      Map<?, ?> run = (Map<?, ?>) one;
      jobs.put((String) run.get("run"), (String) run.get("job_id"));
    }
    return jobs;
  }

  @Test
  @SuppressWarnings("unchecked")
  void theTrainingsStartOnlyAfterTheDataJobSucceeded() throws Exception {
    Setup setup = setUp(false);
    Path experiment = setup.experiment();
    assertThat(Cli.run(experiment, setup.env(), "scaffold", "-q").exitCode()).isZero();

    CliResult plan = Cli.run(experiment, setup.env(), "plan");
    assertThat(plan.out())
        .contains("### Data Job", "prepare_data: submit sends it first")
        .contains("- dataset: " + setup.dataset() + " (not made yet)")
        .contains("- runs waiting for it: r8, r16");
    CliResult planJson = Cli.run(experiment, setup.env(), "plan", "--json");
    followsTheSchema(planJson);
    Map<?, ?> planned = (Map<?, ?>) Json.parseObject(planJson.out()).get("data_job");
    assertThat(planned.get("dataset")).isEqualTo(setup.dataset().toString());
    assertThat(planned.get("dataset_exists")).isEqualTo(false);
    assertThat(planned.get("runs")).isEqualTo(List.of("r8", "r16"));
    CliResult dryJson = Cli.run(experiment, setup.env(), "submit", "--dry-run", "--json");
    followsTheSchema(dryJson);
    assertThat(((Map<?, ?>) Json.parseObject(dryJson.out()).get("data_job")).get("job_id"))
        .as("no job in a dry run")
        .isNull();
    assertThat(((Map<?, ?>) Json.parseObject(dryJson.out()).get("data_job")).get("command"))
        .asList()
        .contains(
            "--chdir=" + experiment,
            experiment.resolve(".tunesmith/prepare_data/prepare_data.slurm").toString());
    CliResult dry = Cli.run(experiment, setup.env(), "submit", "--dry-run");
    assertThat(dry.exitCode()).as(dry.describe()).isZero();
    Path script = experiment.resolve(".tunesmith/prepare_data/prepare_data.slurm");
    assertThat(dry.out())
        .contains("prepare_data: would make " + setup.dataset() + " before r8, r16")
        .contains("--comment=tunesmith:")
        .contains(script.toString())
        .contains("'--dependency=afterok:<job of prepare_data>' --kill-on-invalid-dep=yes");
    assertThat(script).as("a dry run writes nothing").doesNotExist();

    Map<String, Object> report = submit(setup);
    Map<?, ?> data = (Map<?, ?>) report.get("data_job");
    String dataJob = (String) data.get("job_id");
    assertThat(dataJob).matches("\\d+");
    assertThat(data.get("runs")).isEqualTo(List.of("r8", "r16"));
    Map<String, String> trainings = trainings(report);
    assertThat(trainings).containsOnlyKeys("r8", "r16");
    for (Object command : (List<?>) report.get("commands")) {
      assertThat((List<Object>) command)
          .contains("--dependency=afterok:" + dataJob, "--kill-on-invalid-dep=yes");
    }
    // The job runs where the trainings do: the same module and conda lines, small resources.
    String job = Files.readString(script);
    String training = Files.readString(experiment.resolve("r8/finetune.slurm"));
    assertThat(job)
        .contains("#SBATCH --cpus-per-task=1", "#SBATCH --mem=4G", "#SBATCH --time=00:30:00")
        .doesNotContain("--gres")
        .contains("conda activate dataenv || {")
        .contains("python -m cruijff_kit.tools.experiment.prepare_data " + experiment);
    assertThat(training).contains("conda activate dataenv || {");
    assertThat(
            Files.readString(
                experiment.resolve(".tunesmith/prepare_data/.tunesmith/submission.json")))
        .contains("\"" + dataJob + "\"", "tunesmith:", ":prepare_data:1");

    // The run log has it first, as cruijff_kit's scaffold log has its prepare_data step first.
    assertThat(Files.readString(experiment.resolve("logs/run-torchtune.log")))
        .containsSubsequence(
            "SUBMIT_JOB: " + DataJob.NAME, dataJob, "SUBMIT_JOB: r8", "SUBMIT_JOB: r16");
    // The gate is closed: the data job runs, the trainings wait for it.
    ScontrolJobs.await(dataJob, j -> "RUNNING".equals(j.get("JobState")));
    for (String id : trainings.values()) {
      assertThat(ScontrolJobs.job(id)).containsEntry("JobState", "PENDING");
      assertThat(ScontrolJobs.job(id)).containsEntry("Reason", "Dependency");
    }
    CliResult status = Cli.run(experiment, setup.env(), "status", "--json");
    followsTheSchema(status);
    Map<?, ?> statusData = (Map<?, ?>) Json.parseObject(status.out()).get("data_job");
    assertThat(statusData.get("job_id")).isEqualTo(dataJob);
    assertThat(statusData.get("state")).isEqualTo("RUNNING");
    assertThat(Cli.run(experiment, setup.env(), "status").out())
        .contains("### Data Job", "prepare_data: RUNNING", "- job: " + dataJob);

    Files.writeString(setup.gate(), "go");
    Map<String, String> prepared = ScontrolJobs.await(dataJob, ScontrolJobs::ended);
    assertThat(prepared.get("JobState")).isEqualTo("COMPLETED");
    for (Map.Entry<String, String> run : trainings.entrySet()) {
      Map<String, String> ended = ScontrolJobs.await(run.getValue(), ScontrolJobs::ended);
      assertThat(ended.get("JobState")).as(run.getKey()).isEqualTo("COMPLETED");
      assertThat(LocalDateTime.parse(ended.get("StartTime")))
          .isAfterOrEqualTo(LocalDateTime.parse(prepared.get("EndTime")));
      assertThat(Files.readString(experiment.resolve(run.getKey()).resolve("tune-saw")))
          .isEqualTo("present\n");
    }
    Map<String, Object> call =
        Json.parseObject(Files.readString(temp.resolve("prepare-data-calls")).strip());
    assertThat(call)
        .containsEntry("experiment_dir", experiment.toString())
        .containsEntry("tool", "model_organism")
        .containsEntry("wrote", setup.dataset().toString())
        .containsEntry("job", dataJob);
    Map<?, ?> done =
        (Map<?, ?>)
            Json.parseObject(Cli.run(experiment, setup.env(), "status", "--json").out())
                .get("data_job");
    assertThat(done.get("state")).isEqualTo("COMPLETED");
    // Each state status saw is in the run log: what status says once SLURM forgets the job.
    assertThat(Files.readString(experiment.resolve("logs/run-torchtune.log")))
        .contains("STATE_CHANGE: " + DataJob.NAME)
        .contains("job " + dataJob + ": RUNNING -> COMPLETED");
    assertThat(done.get("dataset_exists")).isEqualTo(true);
  }

  @Test
  void aFailingDataJobLeavesItsTrainingsCancelledBySlurmAndRetrySendsItAgain() throws Exception {
    Setup setup = setUp(true);
    Files.writeString(setup.gate(), "go");
    assertThat(Cli.run(setup.experiment(), setup.env(), "scaffold", "-q").exitCode()).isZero();
    Map<String, Object> report = submit(setup);
    String dataJob = (String) ((Map<?, ?>) report.get("data_job")).get("job_id");
    assertThat(ScontrolJobs.await(dataJob, ScontrolJobs::ended).get("JobState"))
        .isEqualTo("FAILED");
    for (Map.Entry<String, String> run : trainings(report).entrySet()) {
      Map<String, String> ended = ScontrolJobs.await(run.getValue(), ScontrolJobs::ended);
      assertThat(ended.get("JobState")).as(run.getKey()).isEqualTo("CANCELLED");
      assertThat(setup.experiment().resolve(run.getKey()).resolve("tune-saw")).doesNotExist();
    }
    assertThat(setup.dataset()).doesNotExist();
    CliResult status = Cli.run(setup.experiment(), setup.env(), "status", "--json");
    assertThat(status.exitCode()).as("a data job that failed is a bad end").isEqualTo(1);
    assertThat(((Map<?, ?>) Json.parseObject(status.out()).get("data_job")).get("state"))
        .isEqualTo("FAILED");

    // Retrying the trainings sends the data job again first (its second attempt); now it works.
    Map<String, String> env = new LinkedHashMap<>(setup.env());
    env.put("STANDIN_DATA_FAIL", "0");
    CliResult retry = Cli.run(setup.experiment(), env, "retry", "--runs", "r8,r16", "--json");
    assertThat(retry.exitCode()).as(retry.describe()).isZero();
    Path record = setup.experiment().resolve(".tunesmith/prepare_data/.tunesmith/submission.json");
    Map<String, Object> second = Json.parseObject(Files.readString(record));
    String again = (String) second.get("job_id");
    submitted.add(again);
    assertThat(again).isNotEqualTo(dataJob);
    assertThat(Files.readString(record)).contains(":prepare_data:2");
    for (Object one : (List<?>) Json.parseObject(retry.out()).get("retried")) {
      String id = (String) ((Map<?, ?>) one).get("job_id");
      submitted.add(id);
      Map<String, String> trained = ScontrolJobs.await(id, ScontrolJobs::ended);
      assertThat(trained.get("JobState")).isEqualTo("COMPLETED");
      Map<String, String> prepared = ScontrolJobs.job(again);
      assertThat(prepared).containsEntry("JobState", "COMPLETED");
      assertThat(LocalDateTime.parse(trained.get("StartTime")))
          .isAfterOrEqualTo(LocalDateTime.parse(prepared.get("EndTime")));
    }
    for (String run : List.of("r8", "r16")) {
      assertThat(Files.readString(setup.experiment().resolve(run).resolve("tune-saw")))
          .isEqualTo("present\n");
    }
  }

  @Test
  void anExistingDatasetMeansNoDataJob() throws Exception {
    Setup setup = setUp(false);
    Files.createDirectories(setup.dataset().getParent());
    Files.writeString(setup.dataset(), "{\"train\": []}\n");
    assertThat(Cli.run(setup.experiment(), setup.env(), "scaffold", "-q").exitCode()).isZero();
    assertThat(Cli.run(setup.experiment(), setup.env(), "plan").out())
        .contains("prepare_data: not needed: the dataset exists (submit sends no data job)");
    Map<String, Object> report = submit(setup);
    Map<?, ?> data = (Map<?, ?>) report.get("data_job");
    assertThat(data.get("job_id")).isNull();
    assertThat(data.get("command")).isEqualTo(List.of());
    for (Object command : (List<?>) report.get("commands")) {
      assertThat(String.join(" ", ((List<?>) command).stream().map(Object::toString).toList()))
          .doesNotContain("--dependency");
    }
    assertThat(setup.experiment().resolve(".tunesmith/prepare_data")).doesNotExist();
    for (String id : trainings(report).values()) {
      assertThat(ScontrolJobs.await(id, ScontrolJobs::ended).get("JobState"))
          .isEqualTo("COMPLETED");
    }
  }

  @Test
  void cancelCancelsTheDataJobAfterTheTrainingsWaitingForIt() throws Exception {
    Setup setup = setUp(false); // the gate stays closed: the data job runs until cancelled
    assertThat(Cli.run(setup.experiment(), setup.env(), "scaffold", "-q").exitCode()).isZero();
    Map<String, Object> report = submit(setup);
    String dataJob = (String) ((Map<?, ?>) report.get("data_job")).get("job_id");
    CliResult cancel = Cli.run(setup.experiment(), setup.env(), "cancel", "--json");
    assertThat(cancel.exitCode()).as(cancel.describe()).isZero();
    followsTheSchema(cancel);
    Map<String, Object> cancelled = Json.parseObject(cancel.out());
    for (Object one : (List<?>) cancelled.get("runs")) {
      assertThat(((Map<?, ?>) one).get("cancelled")).isEqualTo(true);
    }
    Map<?, ?> data = (Map<?, ?>) cancelled.get("data_job");
    assertThat(data.get("job_id")).isEqualTo(dataJob);
    assertThat(data.get("state")).isEqualTo("CANCELLED");
    assertThat(ScontrolJobs.await(dataJob, ScontrolJobs::ended).get("JobState"))
        .isEqualTo("CANCELLED");
    assertThat(
            Files.readString(
                setup.experiment().resolve(".tunesmith/prepare_data/.tunesmith/submission.json")))
        .contains("\"cancelled\"", "\"by\" : \"testuser\"");
    assertThat(Cli.run(setup.experiment(), setup.env(), "cancel").out())
        .contains("– " + DataJob.NAME + ": job " + dataJob + " is CANCELLED: nothing to cancel");
  }

  private static void executable(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
