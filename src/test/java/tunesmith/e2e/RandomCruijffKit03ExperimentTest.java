package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;
import tunesmith.testing.Seeds;
import tunesmith.testing.SlurmScript;

/**
 * Random cruijff_kit-0.3 format experiments (seeded: the seed is printed, {@code
 * -Dtunesmith.seed=N} replays it): any mix of the 0.3 catalog's models, controls, per-run
 * parameters and prompts, compute blocks, slurm_overrides, control and eval-only runs, validation
 * on or off. Each scaffolds with exit 0; every finetune.yaml passes cruijff_kit-0.3's component
 * check for the recipe its script runs, every script passes {@code bash -n}, the GPU count and
 * recipe follow the rules, and verify agrees.
 */
class RandomCruijffKit03ExperimentTest {
  /** Model name, catalog GPU count. */
  private static final Map<String, Integer> MODELS =
      Map.of(
          "Llama-3.2-1B-Instruct", 1,
          "Llama-3.2-3B-Instruct", 1,
          "Llama-3.1-8B-Instruct", 1,
          "Llama-3.3-70B-Instruct", 4,
          "Mistral-7B-Instruct-v0.1", 1,
          "Qwen2.5-3B-Instruct", 1);

  private static final Pattern TUNE_RUN =
      Pattern.compile("\ntune run (?:--nproc_per_node=(\\d+) )?(\\S+) --config ");

  @TempDir Path temp;

  static Stream<Arguments> seeds() {
    return Seeds.cases("RandomCruijffKit03ExperimentTest", 8);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyGeneratedConfigAndScriptIsAccepted(long seed) throws Exception {
    Random random = new Random(seed);
    Path experiment =
        Files.createDirectories(temp.resolve("random_" + Long.toUnsignedString(seed)));
    List<String> names = new ArrayList<>(MODELS.keySet());
    names.sort(null);
    java.util.Collections.shuffle(names, random);
    List<String> models = names.subList(0, 1 + random.nextInt(names.size()));
    boolean validation = random.nextBoolean();
    boolean text = random.nextInt(4) == 0;
    DesignCruijffKit03.Yaml yaml = new DesignCruijffKit03.Yaml();
    models.forEach(model -> yaml.model(model, "/abs/llms/" + model));
    yaml.controls(
        (text
                ? "dataset_type: text_completion\nprompt: \"{input} =\"\nsystem_prompt: \"\"\n"
                : "dataset_type: chat_completion\nprompt: \"Q: {input}\\n\"\n"
                    + "system_prompt: \"Be brief.\"\n")
            + "epochs: "
            + (1 + random.nextInt(3))
            + "\nbatch_size: "
            + (1 << random.nextInt(4))
            + "\ngradient_accumulation_steps: "
            + (1 + random.nextInt(2))
            + "\nvalidation_during_training: "
            + validation
            + "\nseed: "
            + random.nextInt(1000)
            + "\n");

    Map<String, Integer> expectedGpus = new LinkedHashMap<>();
    int runs = 1 + random.nextInt(6);
    for (int i = 0; i < runs; i++) {
      String model = models.get(random.nextInt(models.size()));
      String name = "run" + i;
      int gpus = MODELS.get(model);
      StringBuilder parameters = new StringBuilder("{lora_rank: " + (4 << random.nextInt(4)));
      if (random.nextBoolean()) {
        parameters
            .append(", lr: ")
            .append(1 + random.nextInt(9))
            .append("e-")
            .append(3 + random.nextInt(3));
      }
      if (random.nextBoolean()) {
        parameters.append(", batch_size: ").append(1 + random.nextInt(8));
      }
      if (random.nextInt(3) == 0) {
        parameters.append(", prompt: \"Run ").append(i).append(": {input}\\n\"");
      }
      parameters.append('}');
      StringBuilder extra = new StringBuilder();
      if (random.nextInt(3) == 0) {
        List<String> compute = new ArrayList<>();
        if (random.nextBoolean()) {
          gpus = 1 + random.nextInt(4);
          compute.add("gpus: " + gpus);
        }
        if (random.nextBoolean()) {
          compute.add("time: \"0" + (1 + random.nextInt(8)) + ":00:00\"");
        }
        if (random.nextBoolean()) {
          compute.add("mem: " + (40 + 20 * random.nextInt(10)) + "G");
        }
        extra.append("    compute: {").append(String.join(", ", compute)).append("}\n");
      }
      if (random.nextInt(4) == 0) {
        gpus = 1 + random.nextInt(4);
        extra.append("    slurm_overrides: {gpus: ").append(gpus).append(", account: other}\n");
      }
      expectedGpus.put(name, gpus);
      yaml.run(name, "fine-tuned", model, parameters.toString(), extra.toString());
    }
    if (random.nextBoolean()) {
      yaml.run("base", "control", models.get(0), "{}", "");
    }
    if (random.nextBoolean()) {
      yaml.run(
          "earlier",
          "eval-only",
          models.get(0),
          "{checkpoint_path: /abs/old/run/artifacts/epoch_0}",
          "");
    }
    Fixtures.write(
        experiment.resolve("experiment_summary.yaml"),
        yaml.text(experiment, "/abs/data/words.json"));
    Fixtures.write(
        experiment.resolve("claude.local.md"),
        "## SLURM Defaults\n\n- **Account**: `lab`\n- **Default GPUs**: `1`\n- **Default conda environment**: `ck`\n");

    CliResult scaffold = Cli.run(experiment, "scaffold", experiment.toString());
    assertThat(scaffold.exitCode())
        .as(
            "seed %d\n%s\n%s",
            seed, Fixtures.read(experiment.resolve("experiment_summary.yaml")), scaffold.describe())
        .isZero();
    assertThat(DesignCruijffKit03.writtenRuns(experiment))
        .containsExactlyInAnyOrderElementsOf(expectedGpus.keySet());
    for (Map.Entry<String, Integer> run : expectedGpus.entrySet()) {
      Path runDir = experiment.resolve(run.getKey());
      SlurmScript script = SlurmScript.read(runDir.resolve("finetune.slurm"));
      Matcher tune = TUNE_RUN.matcher(script.text());
      assertThat(tune.find()).as(script.text()).isTrue();
      int gpus = run.getValue();
      assertThat(script.option("gres"))
          .as("seed %d %s", seed, run.getKey())
          .contains("gpu:" + gpus);
      assertThat(tune.group(1) == null ? 1 : Integer.parseInt(tune.group(1))).isEqualTo(gpus);
      assertThat(tune.group(2))
          .isEqualTo(
              (gpus > 1 ? DesignCruijffKit03.DISTRIBUTED : DesignCruijffKit03.NIGHTLY)
                  + ".__main__");
      DesignCruijffKit03.assertComponentsAccepted(runDir.resolve("finetune.yaml"), tune.group(2));
      DesignCruijffKit03.assertBashAccepts(runDir.resolve("finetune.slurm"));
      String config = Fixtures.read(runDir.resolve("finetune.yaml"));
      assertThat(config.contains("\ndataset_val:"))
          .as(
              "seed %d %s: validation keys only where a validating recipe reads them",
              seed, run.getKey())
          .isEqualTo(validation && gpus == 1);
    }
    Expect.succeeded(Cli.run(experiment, "verify", experiment.toString()));
  }
}
