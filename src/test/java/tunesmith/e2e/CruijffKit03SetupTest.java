package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static tunesmith.testing.Json.at;
import static tunesmith.testing.Json.has;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.FakeTools;
import tunesmith.testing.PythonLoaders;
import tunesmith.testing.SlurmScript;

/**
 * {@code tunesmith setup} on a setup_finetune.yaml written by cruijff_kit 0.3's agent: the target
 * chosen by {@code project_dir}, and where tunesmith deliberately differs from that version's
 * setup_finetune.py (docs/SETUP-0.3.md).
 */
class CruijffKit03SetupTest {
  /** What cruijff_kit 0.3's scaffold-torchtune agent writes for a 1B run. */
  static final String AGENT_WRITTEN =
      String.join(
          "\n",
          "my_wandb_project: caps",
          "my_wandb_run_name: r1",
          "input_dir_base: /data/sets/",
          "input_formatting: ''",
          "dataset_label: words",
          "dataset_ext: .json",
          "dataset_type: chat_completion",
          "torchtune_model_name: Llama-3.2-1B-Instruct",
          "model_checkpoint: /models/Llama-3.2-1B-Instruct",
          "models_dir: /models",
          "lr: 1e-5",
          "project_dir: /projects/caps/",
          "experiment_name: caps_2026",
          "");

  @TempDir Path temp;

  private Path runDirectory(String setup) throws IOException {
    Path dir = Files.createDirectories(temp.resolve("r1"));
    Files.writeString(dir.resolve("setup_finetune.yaml"), setup);
    return dir;
  }

  @Test
  void projectDirChoosesTheTargetAndItsLayout() throws IOException {
    Path dir = runDirectory(AGENT_WRITTEN);

    Expect.succeeded(Cli.run(dir, "setup"));

    PythonLoaders.Loaded loaded =
        PythonLoaders.load(dir.resolve("finetune.yaml")).assertBothLoaded();
    PythonLoaders.assertNumbersAreNumbers(loaded);
    for (Object tree : List.of(loaded.pyyaml(), loaded.omegaconf())) {
      assertThat(at(tree, "output_dir")).isEqualTo("/projects/caps/caps_2026/r1/artifacts/");
      assertThat(at(tree, "save_adapter_weights_only")).isEqualTo(true);
      assertThat(at(tree, "log_every_n_steps")).isEqualTo(5L);
      assertThat(at(tree, "optimizer.lr")).isEqualTo(1.0e-5);
      for (String unread :
          List.of("epochs_to_save", "save_last_epoch_only", "stash_adapter_weights")) {
        assertThat(has(tree, unread)).as(unread).isFalse();
      }
    }
    assertThat(at(loaded.omegaconf(), "metric_logger.log_dir"))
        .isEqualTo("/projects/caps/caps_2026/r1/artifacts//logs");

    SlurmScript script = SlurmScript.read(dir.resolve("finetune.slurm"));
    assertThat(script.bashSyntaxCheck().exitCode()).as(script.text()).isZero();
    assertThat(script.option("output"))
        .contains("/projects/caps/caps_2026/r1/artifacts/slurm-%j.out");
    // cruijff_kit 0.3's catalog: RAM = VRAM, one CPU per GPU, no partition from the model.
    assertThat(script.option("mem")).contains("80G");
    assertThat(script.option("cpus-per-task")).contains("1");
    assertThat(script.option("partition")).isEmpty();
    assertThat(script.option("constraint")).isEmpty();
    assertThat(script.commandContaining("tune run"))
        .contains(
            "cruijff_kit.tools.torchtune.custom_recipes.lora_finetune_single_device_nightly.__main__");
    // The monitor runs during training only; post_finetune only after a successful one.
    int monitor = script.text().indexOf("nvidia-smi");
    int training = script.text().indexOf("tune run");
    int stop = script.text().indexOf("kill \"$GPU_MONITOR_PID\"");
    int post = script.text().indexOf("if [ \"$TUNE_EXIT_CODE\" -eq 0 ]; then\n  python -m");
    assertThat(monitor).isPositive().isLessThan(training);
    assertThat(stop).isGreaterThan(training).isLessThan(post);
    assertThat(script.text()).endsWith("fi\nexit \"$TUNE_EXIT_CODE\"\n");
  }

  @ParameterizedTest
  @CsvSource({"0", "3"})
  void theJobMonitorsGpusAndRunsPostFinetuneOnlyAfterSuccessfulTraining(int tuneExit)
      throws IOException {
    Path project = temp.resolve("projects/caps");
    Path dir = runDirectory(AGENT_WRITTEN.replace("/projects/caps/", project + "/"));
    Expect.succeeded(Cli.run(dir, "setup"));
    FakeTools tools = FakeTools.install(temp.resolve("fake"));
    Path bin = tools.calls().resolveSibling("bin");
    // The monitor runs until the script kills it: a script that never kills it never finishes.
    executable(
        bin.resolve("nvidia-smi"),
        "#!/bin/bash\nprintf '%s\\n' \"$@\" > \"$FAKE_CALLS/nvidia-smi.args\"\n"
            + "echo timestamp,utilization.gpu\ntouch \"$FAKE_CALLS/nvidia-smi.ready\"\n"
            + "exec sleep 600\n");
    // Training starts once the monitor is up (waiting for that event, not for time to pass).
    executable(
        bin.resolve("tune"),
        "#!/bin/bash\nwhile [ ! -e \"$FAKE_CALLS/nvidia-smi.ready\" ]; do sleep 0.05; done\n"
            + "printf '%s\\n' \"$@\" > \"$FAKE_CALLS/tune.args\"\n"
            + "exit \"${FAKE_TUNE_EXIT:-0}\"\n");
    executable(
        bin.resolve("python"),
        "#!/bin/bash\nprintf '%s\\n' \"$@\" > \"$FAKE_CALLS/python.args\"\n");

    CliResult job =
        tools.runScript(
            dir.resolve("finetune.slurm"), Files.createDirectories(temp.resolve("x")), tuneExit);

    assertThat(job.exitCode()).as(job.describe()).isEqualTo(tuneExit);
    Path artifacts = project.resolve("caps_2026/r1/artifacts");
    assertThat(Files.readAllLines(tools.calls().resolve("nvidia-smi.args")))
        .contains("--format=csv", "-l", "30");
    assertThat(Files.readString(artifacts.resolve("gpu_metrics.csv")))
        .isEqualTo("timestamp,utilization.gpu\n");
    Path post = tools.calls().resolve("python.args");
    if (tuneExit == 0) {
      assertThat(Files.readAllLines(post))
          .containsExactly(
              "-m",
              "cruijff_kit.tools.torchtune.post_finetune",
              "--config",
              dir.resolve("finetune.yaml").toString());
    } else {
      assertThat(post).doesNotExist();
    }
  }

  private static void executable(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void aSetupFileWithoutProjectDirKeepsTheJanuaryLayout() throws IOException {
    Path dir =
        runDirectory(
            AGENT_WRITTEN
                .replace("project_dir: /projects/caps/\n", "output_dir_base: /out/\n")
                .replace("dataset_type: chat_completion\n", ""));

    Expect.succeeded(Cli.run(dir, "setup"));

    Map<String, Object> tree = PythonLoaders.pyyaml(dir.resolve("finetune.yaml"));
    assertThat(tree.get("output_dir")).isEqualTo("/out/caps_2026/ck-out-r1/");
    assertThat(tree).containsKeys("epochs_to_save", "stash_adapter_weights");
    assertThat(Files.readString(dir.resolve("finetune.slurm"))).doesNotContain("nvidia-smi");
  }

  @Test
  void checkpointKeysThisTargetNeverReadsAreWarnedAboutAndNotWritten() throws IOException {
    Path dir =
        runDirectory(
            AGENT_WRITTEN + "epochs_to_save: '0,1'\nstash_adapter_weights: 'true'\nepochs: 2\n");

    CliResult result = Expect.succeeded(Cli.run(dir, "setup"));

    assertThat(result.err())
        .contains(
            "epochs_to_save is set ('0,1') but target cruijff_kit-0.3 never reads it: it is not written to finetune.yaml")
        .contains("stash_adapter_weights is set ('true') but target cruijff_kit-0.3 never reads it")
        .doesNotContain("save_last_epoch_only");
    Map<String, Object> tree = PythonLoaders.pyyaml(dir.resolve("finetune.yaml"));
    assertThat(tree).doesNotContainKeys("epochs_to_save", "stash_adapter_weights");
  }

  @Test
  void aMissingDatasetTypeIsAnInputErrorForThisTarget() throws IOException {
    Path dir = runDirectory(AGENT_WRITTEN.replace("dataset_type: chat_completion\n", ""));

    CliResult result = Expect.exitCode(Cli.run(dir, "setup"), 2);

    Expect.noStackTrace(result);
    assertThat(result.err()).contains("dataset_type").contains("cruijff_kit-0.3");
    assertThat(dir.resolve("finetune.yaml")).doesNotExist();
    assertThat(dir.resolve("finetune.slurm")).doesNotExist();
  }

  @Test
  void aSchedulerTorchtuneLacksIsRefusedThoughSetupFinetunePyAcceptsIt() throws IOException {
    Path dir = runDirectory(AGENT_WRITTEN + "lr_scheduler: get_linear_schedule_with_warmup\n");

    CliResult result = Expect.exitCode(Cli.run(dir, "setup"), 2);

    assertThat(result.err()).contains("lr_scheduler").contains("get_linear_schedule_with_warmup");
    assertThat(dir.resolve("finetune.yaml")).doesNotExist();
  }

  @Test
  void aModelOutsideModelsDirIsReadWhereTheSetupFileSaysItIs() throws IOException {
    // setup_finetune.py would rebuild this as /models/Llama-3.2-1B-Instruct.
    Path dir =
        runDirectory(
            AGENT_WRITTEN.replace(
                "model_checkpoint: /models/Llama-3.2-1B-Instruct",
                "model_checkpoint: /scratch/own/Llama-3.2-1B-Instruct"));

    Expect.succeeded(Cli.run(dir, "setup"));

    Map<String, Object> tree = PythonLoaders.omegaconf(dir.resolve("finetune.yaml"));
    assertThat(at(tree, "checkpointer.checkpoint_dir"))
        .isEqualTo("/scratch/own/Llama-3.2-1B-Instruct");
    assertThat(at(tree, "tokenizer.path"))
        .isEqualTo("/scratch/own/Llama-3.2-1B-Instruct/original/tokenizer.model");
    assertThat(at(tree, "dataset.model_path")).isEqualTo("/scratch/own/Llama-3.2-1B-Instruct");
  }

  @Test
  void theSeventyBillionModelGetsFourGpusAndTheDistributedRecipe() throws IOException {
    Path dir =
        runDirectory(
            AGENT_WRITTEN
                .replace("Llama-3.2-1B-Instruct", "Llama-3.3-70B-Instruct")
                .replace(
                    "dataset_type: chat_completion\n",
                    "dataset_type: chat_completion\nrun_val_every_n_steps: 50\n"));

    CliResult result = Expect.succeeded(Cli.run(dir, "setup"));

    SlurmScript script = SlurmScript.read(dir.resolve("finetune.slurm"));
    assertThat(script.option("gres")).contains("gpu:4");
    assertThat(script.option("mem")).contains("320G");
    assertThat(script.option("cpus-per-task")).contains("4");
    assertThat(script.commandContaining("tune run"))
        .contains(
            "--nproc_per_node=4 cruijff_kit.tools.torchtune.custom_recipes.lora_finetune_distributed_stable.__main__");
    assertThat(result.err()).contains("validation will be skipped");
  }

  @Test
  void aRecipeVariantThisTargetLacksIsAnInputError() throws IOException {
    // Four GPUs turn single_device_nightly into distributed_nightly, which 0.3 does not have.
    Path dir =
        runDirectory(
            AGENT_WRITTEN.replace("Llama-3.2-1B-Instruct", "Llama-3.3-70B-Instruct")
                + "custom_recipe: cruijff_kit.tools.torchtune.custom_recipes.lora_finetune_single_device_nightly\n");

    CliResult result = Expect.exitCode(Cli.run(dir, "setup"), 2);

    assertThat(result.err())
        .contains("custom_recipe")
        .contains("lora_finetune_distributed_nightly")
        .contains("cruijff_kit-0.3");
    assertThat(dir.resolve("finetune.slurm")).doesNotExist();
  }
}
