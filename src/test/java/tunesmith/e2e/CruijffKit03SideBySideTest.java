package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.FinetuneComparison;
import tunesmith.testing.PythonLoaders;
import tunesmith.testing.SetupFinetunePy;
import tunesmith.testing.SlurmScript;

/**
 * The same cruijff_kit 0.3 setup_finetune.yaml through cruijff_kit's own setup_finetune.py (the
 * copy in src/test/resources/cruijff_kit-0.3, run by /usr/bin/python3) and through {@code tunesmith
 * setup}: the two finetune.yaml files, resolved by OmegaConf, agree key by key except for the
 * differences listed in docs/SETUP-0.3.md (keys no reader uses, and the spelling of paths); the two
 * scripts ask SLURM for the same resources and run the same recipe and steps.
 */
class CruijffKit03SideBySideTest {
  @TempDir Path temp;

  /** Setup files as cruijff_kit 0.3's scaffold-torchtune agent writes them; MODELS/DATA/PROJECT. */
  static List<String[]> setupFiles() {
    return List.of(
        new String[] {
          "1B chat, validation, the agent's recipe",
          String.join(
              "\n",
              "my_wandb_project: caps",
              "my_wandb_run_name: r1",
              "input_dir_base: DATA/",
              "input_formatting: ''",
              "dataset_label: words_5L",
              "dataset_ext: .json",
              "dataset_type: chat_completion",
              "torchtune_model_name: Llama-3.2-1B-Instruct",
              "model_checkpoint: MODELS/Llama-3.2-1B-Instruct",
              "models_dir: MODELS",
              "epochs: 2",
              "batch_size: 8",
              "lora_rank: 8",
              "lr: 1e-5",
              "weight_decay: 0.05",
              "seed: 42",
              "system_prompt: 'You are a helpful assistant.'",
              "prompt: \"Capitalize: {input}\\n\"",
              "log_every_n_steps: 1",
              "run_val_every_n_steps: 50",
              "batch_size_val: 16",
              "project_dir: PROJECT/",
              "experiment_name: caps_2026",
              "conda_env: cruijff",
              "time: '0:59:00'",
              "custom_recipe:"
                  + " cruijff_kit.tools.torchtune.custom_recipes.lora_finetune_single_device_nightly",
              "")
        },
        new String[] {
          "1B base text_completion, no validation, default recipe and log interval",
          String.join(
              "\n",
              "my_wandb_project: caps",
              "my_wandb_run_name: base_r4",
              "input_dir_base: DATA/",
              "input_formatting: ''",
              "dataset_label: words_5L",
              "dataset_ext: .json",
              "dataset_type: text_completion",
              "torchtune_model_name: Llama-3.2-1B",
              "model_checkpoint: MODELS/Llama-3.2-1B",
              "models_dir: MODELS",
              "lora_rank: 4",
              "lr: 0.0002",
              "training_samples: 800",
              "gradient_accumulation_steps: 2",
              "max_steps_per_epoch: 30",
              "project_dir: PROJECT",
              "experiment_name: caps_base",
              "")
        },
        new String[] {
          "70B on four GPUs, model given by name under models_dir",
          String.join(
              "\n",
              "my_wandb_project: big",
              "my_wandb_run_name: r70",
              "input_dir_base: DATA/",
              "input_formatting: ''",
              "dataset_label: words_5L",
              "dataset_ext: .json",
              "dataset_type: chat_completion",
              "torchtune_model_name: Llama-3.3-70B-Instruct",
              "model_checkpoint: Llama-3.3-70B-Instruct",
              "models_dir: MODELS/",
              "lora_rank: 16",
              "max_seq_len: 1024",
              "packed: 'true'",
              "train_on_input: yes",
              "project_dir: PROJECT/",
              "experiment_name: big_2026",
              "account: lab",
              "partition: gpu",
              "constraint: gpu80",
              "time: '4:00:00'",
              "")
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setupFiles")
  void tunesmithWritesWhatSetupFinetunePyWritesExceptTheListedDifferences(
      String name, String template) throws IOException {
    String setup =
        template
            .replace("MODELS", temp.resolve("models").toString())
            .replace("DATA", temp.resolve("data").toString())
            .replace("PROJECT", temp.resolve("project").toString());
    String run = value(setup, "my_wandb_run_name");
    Path theirs = Files.createDirectories(temp.resolve("theirs").resolve(run));
    Path ours = Files.createDirectories(temp.resolve("ours").resolve(run));
    Files.writeString(theirs.resolve("setup_finetune.yaml"), setup);
    Files.writeString(ours.resolve("setup_finetune.yaml"), setup);

    runSetupFinetunePy(theirs);
    CliResult result = Cli.run(ours, "setup");
    Expect.succeeded(result);

    PythonLoaders.assertNumbersAreNumbers(ours.resolve("finetune.yaml"));
    FinetuneComparison comparison =
        FinetuneComparison.of(
            theirs.resolve("finetune.yaml"), ours.resolve("finetune.yaml"), Set.of());
    List<String> unexplained = comparison.unexplained();
    List<String> pathSpellings = comparison.pathSpellings();
    Map<String, Object> theirKeys = comparison.theirs();
    Map<String, Object> ourKeys = comparison.ours();
    assertThat(unexplained).as(name).isEmpty();
    // The script's checkpoint_dir always ends in '/': the path comparison is exercised every time.
    assertThat(pathSpellings).contains("checkpointer.checkpoint_dir");
    // The script's own outputs the test relies on, so a silent change in it cannot pass.
    assertThat(theirKeys).containsKeys("output_dir", "profiler.enabled", "config_file");
    assertThat(ourKeys.get("output_dir"))
        .isEqualTo(
            temp.resolve("project")
                + "/"
                + value(setup, "experiment_name")
                + "/"
                + run
                + "/artifacts/");

    SlurmScript ourScript = SlurmScript.read(ours.resolve("finetune.slurm"));
    assertThat(ourScript.bashSyntaxCheck().exitCode()).as(ourScript.text()).isZero();
    String theirScript = Files.readString(theirs.resolve("finetune.slurm"));
    assertThat(SlurmScript.requests(ourScript.text())).isEqualTo(SlurmScript.requests(theirScript));
    assertThat(SlurmScript.tuneRecipe(ourScript.text()))
        .isEqualTo(SlurmScript.tuneRecipe(theirScript));
    for (String step : List.of("nvidia-smi --query-gpu=", "-l 30", "post_finetune --config")) {
      assertThat(theirScript).contains(step);
      assertThat(ourScript.text()).contains(step);
    }
    assertThat(ourScript.text())
        .contains("> " + ourKeys.get("output_dir") + "gpu_metrics.csv")
        .contains(
            "python -m cruijff_kit.tools.torchtune.post_finetune --config "
                + ours.resolve("finetune.yaml"))
        .endsWith("exit \"$TUNE_EXIT_CODE\"\n");
  }

  private void runSetupFinetunePy(Path runDirectory) {
    CliResult result = SetupFinetunePy.run(runDirectory);
    assertThat(result.exitCode()).as("setup_finetune.py: " + result.describe()).isZero();
  }

  private static String value(String setup, String key) {
    Matcher matcher = Pattern.compile("(?m)^" + key + ": (.*)$").matcher(setup);
    assertThat(matcher.find()).as(key).isTrue();
    return matcher.group(1).trim();
  }
}
