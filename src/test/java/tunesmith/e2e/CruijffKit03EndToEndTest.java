package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tunesmith.experiment.CruijffKit03Yaml;
import tunesmith.slurm.SlurmClient;
import tunesmith.slurm.SlurmTool;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;
import tunesmith.testing.RequiresLocalSlurm;

/**
 * The cruijff_kit-0.3 format end to end: the repository's example and experiments written for this
 * test (1B/3B/8B/70B, compute blocks, per-run prompts, slurm_overrides, control and eval-only runs,
 * validation on and off, dataset_path and training_condition) scaffold with exit 0, every value of
 * every generated file is what the design says, the target's readers accept every config, bash and
 * sbatch accept every script, and verify agrees; bad input stops with exit 2 naming the field.
 */
class CruijffKit03EndToEndTest {
  private static final String MODELS = "/scratch/gpfs/lab/pretrained-llms/";
  private static final String L1B = "torchtune.models.llama3_2.lora_llama3_2_1b";
  private static final String L3B = "torchtune.models.llama3_2.lora_llama3_2_3b";
  private static final String L8B = "torchtune.models.llama3_1.lora_llama3_1_8b";
  private static final String L70B = "torchtune.models.llama3_3.lora_llama3_3_70b";
  private static final String PROMPT = "Capitalize: {input}\n";
  private static final String EXAMPLE_DATA =
      "/scratch/gpfs/lab/ada/ck-data/capitalization/words_5L_1000.json";

  @TempDir Path temp;

  private Path example() {
    return Fixtures.copyTree(
        Path.of("examples/capitalization_sweep_2026"),
        temp.resolve("capitalization_sweep_2026"),
        Map.of());
  }

  private static DesignCruijffKit03 exampleRun(
      String run, String component, String model, int rank, String lr, int batch) {
    return new DesignCruijffKit03(
        run,
        component,
        MODELS + model,
        rank,
        new BigDecimal(lr),
        batch,
        2,
        1,
        "80G",
        "00:45:00",
        Optional.empty(),
        Optional.of("gpu80"),
        PROMPT,
        true,
        EXAMPLE_DATA);
  }

  @Test
  void theExampleScaffoldsAndEveryValueIsAsDesignedThenVerifies() throws Exception {
    Path experiment = example();
    CliResult scaffold = Expect.succeeded(Cli.run(experiment, "scaffold", experiment.toString()));

    String one = "Llama-3.2-1B-Instruct";
    DesignCruijffKit03 r32lr4 = exampleRun("r32_lr1e-4", L1B, one, 32, "1e-4", 8);
    List<DesignCruijffKit03> designs =
        List.of(
            exampleRun("r8_lr1e-5", L1B, one, 8, "1e-5", 8),
            exampleRun("r8_lr1e-4", L1B, one, 8, "1e-4", 8),
            exampleRun("r32_lr1e-5", L1B, one, 32, "1e-5", 8),
            // slurm_overrides outrank claude.local.md's constraint.
            new DesignCruijffKit03(
                r32lr4.run(),
                L1B,
                r32lr4.modelDir(),
                32,
                r32lr4.lr(),
                8,
                2,
                1,
                "80G",
                "00:45:00",
                Optional.empty(),
                Optional.of("gpu40"),
                PROMPT,
                true,
                EXAMPLE_DATA),
            // its own prompt and compute block
            new DesignCruijffKit03(
                "8B_r32_lr1e-5_terse",
                L8B,
                MODELS + "Llama-3.1-8B-Instruct",
                32,
                new BigDecimal("1e-5"),
                2,
                2,
                1,
                "80G",
                "02:00:00",
                Optional.empty(),
                Optional.of("gpu80"),
                "{input}\n",
                true,
                EXAMPLE_DATA),
            // the catalog's 4 GPUs outrank claude.local.md's "Default GPUs: 1"; compute sets time
            new DesignCruijffKit03(
                "70B_r8_lr1e-5",
                L70B,
                MODELS + "Llama-3.3-70B-Instruct",
                8,
                new BigDecimal("1e-5"),
                1,
                2,
                4,
                "320G",
                "08:00:00",
                Optional.empty(),
                Optional.of("gpu80"),
                PROMPT,
                true,
                EXAMPLE_DATA));

    assertThat(DesignCruijffKit03.writtenRuns(experiment))
        .containsExactlyInAnyOrderElementsOf(
            designs.stream().map(DesignCruijffKit03::run).toList());
    DesignCruijffKit03.checkAll(experiment, designs, scaffold);

    // Control and eval-only runs are not trained: no run files and no artifacts/ (their directory
    // holds only their evaluation cells, under eval/).
    for (String untrained : List.of("Llama-3.2-1B-Instruct_base", "r8_lr1e-4_from_october")) {
      for (String trainingOnly :
          List.of("setup_finetune.yaml", "finetune.yaml", "finetune.slurm", "artifacts")) {
        assertThat(experiment.resolve(untrained).resolve(trainingOnly)).doesNotExist();
      }
    }
    assertThat(scaffold.out())
        .contains("Target: cruijff_kit-0.3")
        .contains("- Llama-3.2-1B-Instruct_base (control")
        .contains("- r8_lr1e-4_from_october (eval-only")
        // per-run prompts vary: shown on one line, escaped
        .contains("- prompt: \"Capitalize: {input}\\n\", \"{input}\\n\"\n");
    Path log = experiment.resolve("logs/scaffold-torchtune.log");
    assertThat(log).isRegularFile();
    assertThat(Files.readString(log)).contains("COMPLETE").contains("target cruijff_kit-0.3");
    assertThat(experiment.resolve("scaffold-torchtune.log")).doesNotExist();

    CliResult verify = Expect.succeeded(Cli.run(experiment, "verify", experiment.toString()));
    assertThat(verify.out()).contains("10 of 10 match the plan (6 runs, 4 evaluation cells)");
  }

  @Test
  @RequiresLocalSlurm
  void sbatchTestOnlyAcceptsEveryScriptOfTheExample() throws Exception {
    Path experiment = example();
    Expect.succeeded(Cli.run(experiment, "scaffold", "-q", experiment.toString()));
    SlurmClient client = new SlurmClient(Map.of("PATH", "/usr/local/bin:/usr/bin:/bin"), temp);
    List<String> runs = DesignCruijffKit03.writtenRuns(experiment);
    assertThat(runs).hasSize(6);
    for (String run : runs) {
      Path runDir = experiment.resolve(run);
      // The local cluster has only the gpu80 feature: the command line replaces the example's
      // gpu40 override, so that the rest of that script is still tested as it is.
      List<String> args =
          run.equals("r32_lr1e-4")
              ? List.of(
                  "--test-only",
                  "--constraint=gpu80",
                  "--chdir=" + runDir,
                  runDir + "/finetune.slurm")
              : List.of("--test-only", "--chdir=" + runDir, runDir + "/finetune.slurm");
      SlurmClient.Output test = client.run(SlurmTool.SBATCH, args);
      assertThat(test.exitCode() == 0 && test.err().contains("to start at"))
          .as(
              "sbatch --test-only %s: %s\n%s",
              run, test.message(), Fixtures.read(runDir.resolve("finetune.slurm")))
          .isTrue();
    }
  }

  /** An experiment nobody tuned tunesmith for: four models, every kind of run setting. */
  @Test
  void anUnseenMultiModelExperimentScaffoldsAsDesigned() throws Exception {
    Path experiment = Files.createDirectories(temp.resolve("unseen_multi"));
    String models = temp.resolve("llms") + "/";
    String data = temp.resolve("data/words.json").toString();
    String yaml =
        new DesignCruijffKit03.Yaml()
            .model("Llama-3.2-1B-Instruct", models + "Llama-3.2-1B-Instruct")
            .model("Llama-3.2-3B-Instruct", models + "Llama-3.2-3B-Instruct")
            .model("Llama-3.1-8B-Instruct", models + "Llama-3.1-8B-Instruct")
            .model("Llama-3.3-70B-Instruct", models + "Llama-3.3-70B-Instruct")
            .controls(
                """
                system_prompt: "You answer."
                prompt: "Q: {input}\\n"
                dataset_type: chat_completion
                epochs: 3
                batch_size: 4
                gradient_accumulation_steps: 1
                validation_during_training: true
                lora_rank: 16
                lr: 2e-5
                """)
            .run("a_1b", "fine-tuned", "Llama-3.2-1B-Instruct", "{lora_rank: 4, lr: 3e-4}", "")
            .run(
                "b_3b_prompt",
                "fine-tuned",
                "Llama-3.2-3B-Instruct",
                "{lr: 5e-5, prompt: \"Word: {input}\\n\"}",
                "    compute: {time: \"03:00:00\", mem: 100G}\n")
            .run(
                "c_8b_over",
                "fine-tuned",
                "Llama-3.1-8B-Instruct",
                "{lora_rank: 8, batch_size: 2}",
                "    compute: {time: \"04:00:00\", mem: 90G}\n"
                    + "    slurm_overrides: {mem: 120G, partition: mig}\n")
            .run("d_70b", "fine-tuned", "Llama-3.3-70B-Instruct", "{batch_size: 1}", "")
            .run(
                "e_1b_own_data",
                "fine-tuned",
                "Llama-3.2-1B-Instruct",
                "{lora_rank: 32}",
                "    dataset_path: " + temp.resolve("data/other_words.json") + "\n")
            .run(
                "base_1b",
                "control",
                "Llama-3.2-1B-Instruct",
                "{}",
                "    compute: {time: \"01:00:00\"}\n")
            .run(
                "old_8b",
                "eval-only",
                "Llama-3.1-8B-Instruct",
                "{checkpoint_path: /abs/old/run/artifacts/epoch_0}",
                "    dataset_path: /abs/eval/words.json\n")
            .text(experiment, data);
    Fixtures.write(experiment.resolve("experiment_summary.yaml"), yaml);
    Fixtures.write(
        experiment.resolve("claude.local.md"),
        """
        ## SLURM Defaults

        - **Account**: `lab`
        - **Default time**: `01:30:00`
        - **Default GPUs**: `1`
        - **Default conda environment**: `ck`
        """);

    CliResult scaffold = Expect.succeeded(Cli.run(experiment, "scaffold", experiment.toString()));

    String prompt = "Q: {input}\n";
    List<DesignCruijffKit03> designs =
        List.of(
            new DesignCruijffKit03(
                "a_1b",
                L1B,
                models + "Llama-3.2-1B-Instruct",
                4,
                new BigDecimal("3e-4"),
                4,
                3,
                1,
                "80G",
                "01:30:00",
                Optional.empty(),
                Optional.empty(),
                prompt,
                true,
                data),
            new DesignCruijffKit03(
                "b_3b_prompt",
                L3B,
                models + "Llama-3.2-3B-Instruct",
                16,
                new BigDecimal("5e-5"),
                4,
                3,
                1,
                "100G",
                "03:00:00",
                Optional.empty(),
                Optional.empty(),
                "Word: {input}\n",
                true,
                data),
            new DesignCruijffKit03(
                "c_8b_over",
                L8B,
                models + "Llama-3.1-8B-Instruct",
                8,
                new BigDecimal("2e-5"),
                2,
                3,
                1,
                "120G",
                "04:00:00",
                Optional.of("mig"),
                Optional.empty(),
                prompt,
                true,
                data),
            new DesignCruijffKit03(
                "d_70b",
                L70B,
                models + "Llama-3.3-70B-Instruct",
                16,
                new BigDecimal("2e-5"),
                1,
                3,
                4,
                "320G",
                "01:30:00",
                Optional.empty(),
                Optional.empty(),
                prompt,
                true,
                data),
            new DesignCruijffKit03(
                "e_1b_own_data",
                L1B,
                models + "Llama-3.2-1B-Instruct",
                32,
                new BigDecimal("2e-5"),
                4,
                3,
                1,
                "80G",
                "01:30:00",
                Optional.empty(),
                Optional.empty(),
                prompt,
                true,
                temp.resolve("data/other_words.json").toString()));
    assertThat(DesignCruijffKit03.writtenRuns(experiment))
        .containsExactlyInAnyOrderElementsOf(
            designs.stream().map(DesignCruijffKit03::run).toList());
    DesignCruijffKit03.checkAll(experiment, designs, scaffold);
    assertThat(scaffold.out())
        .contains("base_1b: compute (line")
        .contains("control runs are not trained")
        .contains("old_8b: dataset_path (line")
        .contains("eval-only runs are not trained");
    Expect.succeeded(Cli.run(experiment, "verify", experiment.toString()));
  }

  @Test
  void withoutValidationNoValidationKeysAndATrainingConditionTrainsOnItsGeneratedFile()
      throws Exception {
    Path experiment = example();
    Path summary = experiment.resolve("experiment_summary.yaml");
    Fixtures.write(
        summary,
        CruijffKit03Yaml.withTrainingCondition(
            CruijffKit03Yaml.withDataGeneration(
                Files.readString(summary)
                    .replace(
                        "validation_during_training: true", "validation_during_training: false")),
            "dict_basic"));
    CliResult scaffold = Expect.succeeded(Cli.run(experiment, "scaffold", experiment.toString()));

    DesignCruijffKit03 conditioned =
        new DesignCruijffKit03(
            "r8_lr1e-5",
            L1B,
            MODELS + "Llama-3.2-1B-Instruct",
            8,
            new BigDecimal("1e-5"),
            8,
            2,
            1,
            "80G",
            "00:45:00",
            Optional.empty(),
            Optional.of("gpu80"),
            PROMPT,
            false,
            // the name cruijff_kit's config_hash.resolve_dataset_path computes for this block
            // (src/test/resources/config_hash/expected.yaml), under claude.local.md's scratch
            "/scratch/gpfs/lab/ada/ck-data/generated/dict_basic_train_e4735702.json");
    DesignCruijffKit03 seventy =
        new DesignCruijffKit03(
            "70B_r8_lr1e-5",
            L70B,
            MODELS + "Llama-3.3-70B-Instruct",
            8,
            new BigDecimal("1e-5"),
            1,
            2,
            4,
            "320G",
            "08:00:00",
            Optional.empty(),
            Optional.of("gpu80"),
            PROMPT,
            false,
            EXAMPLE_DATA);
    DesignCruijffKit03.checkAll(experiment, List.of(conditioned, seventy), scaffold);
    assertThat(scaffold.out()).doesNotContain("validation will be skipped");
    Expect.succeeded(Cli.run(experiment, "verify", experiment.toString()));
  }

  record BadInput(String name, Map<String, String> replacements, List<String> named) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<BadInput> badInputs() {
    return Stream.of(
        new BadInput(
            "missing dataset_type",
            Map.of("  dataset_type: chat_completion\n", ""),
            List.of("controls.dataset_type")),
        new BadInput(
            "unknown training_condition",
            Map.of(
                "    parameters: {lora_rank: 8, lr: 1e-5}\n",
                "    parameters: {lora_rank: 8, lr: 1e-5}\n    training_condition: dict_basci\n"),
            List.of("training_condition", "dict_basci", "dataset_path")),
        new BadInput(
            "relative checkpoint_path",
            Map.of(
                "checkpoint_path: /scratch/gpfs/lab/ada/ck-projects/capitalization/october_sweep",
                "checkpoint_path: october_sweep"),
            List.of("checkpoint_path", "october_sweep")),
        new BadInput(
            "misspelled run type control",
            Map.of("    type: control\n", "    type: contrl\n"),
            List.of("type", "'contrl'", "control")),
        new BadInput(
            "eval-only without a checkpoint",
            Map.of(
                "      checkpoint_path: /scratch/gpfs/lab/ada/ck-projects/capitalization/october_sweep/r8_lr1e-4/artifacts/epoch_1\n",
                "      lr: 1e-5\n"),
            List.of("checkpoint_path")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badInputStopsWithExitTwoNamingTheFieldAndWritesNothing(BadInput bad) throws Exception {
    Path experiment = example();
    Path summary = experiment.resolve("experiment_summary.yaml");
    String text = Files.readString(summary);
    for (Map.Entry<String, String> replacement : bad.replacements().entrySet()) {
      assertThat(text).contains(replacement.getKey());
      text = text.replace(replacement.getKey(), replacement.getValue());
    }
    Fixtures.write(summary, text);
    CliResult scaffold = Expect.exitCode(Cli.run(experiment, "scaffold", experiment.toString()), 2);
    assertThat(scaffold.allOutput()).contains(bad.named()).contains("experiment_summary.yaml:");
    assertThat(Fixtures.listing(experiment))
        .containsExactlyInAnyOrder("claude.local.md", "experiment_summary.yaml");
  }

  @Test
  void aMisspelledControlIsNamedWithTheNearestKnownKey() throws Exception {
    Path experiment = example();
    Path summary = experiment.resolve("experiment_summary.yaml");
    Fixtures.write(
        summary, Files.readString(summary).replace("  batch_size: 8\n", "  batch_sise: 8\n"));
    CliResult scaffold = Cli.run(experiment, "scaffold", experiment.toString());
    assertThat(scaffold.allOutput()).contains("batch_sise").contains("batch_size");
    Expect.noStackTrace(scaffold);
  }

  @Test
  void manyEpochsAreNotWarnedAsManyCheckpointsWhereNoRecipeReadsEpochsToSave() throws Exception {
    Path experiment = example();
    Path summary = experiment.resolve("experiment_summary.yaml");
    Fixtures.write(
        summary,
        Files.readString(summary)
            .replace("  epochs: 2\n", "  epochs: 12\n  epochs_to_save: all\n"));
    CliResult scaffold = Expect.succeeded(Cli.run(experiment, "scaffold", experiment.toString()));
    assertThat(scaffold.out())
        .contains("controls.epochs_to_save (line")
        .contains("never read it (target cruijff_kit-0.3)")
        .doesNotContain("checkpoints (more than");
    assertThat(Fixtures.read(experiment.resolve("r8_lr1e-5/finetune.yaml")))
        .doesNotContain("epochs_to_save");
  }
}
