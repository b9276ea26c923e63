package tunesmith.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import tunesmith.keys.SetupKey;
import tunesmith.keys.SetupKeys;
import tunesmith.keys.SetupValue;
import tunesmith.problem.InputProblem;
import tunesmith.problem.InputProblems;

class SetupResolverTest {

  @Test
  void givenValuesWinOverDefaults() {
    SetupConfig config =
        SetupFixtures.typical()
            .with("lora_rank", "8")
            .with("lr", "1e-5")
            .with("epochs", "3")
            .resolve();
    assertThat(config.text("lora_rank")).isEqualTo("8");
    assertThat(config.text("lr")).isEqualTo("1e-5");
    assertThat(config.integer("epochs")).isEqualTo(3);
  }

  @Test
  void unsetKeysTakeBuiltInDefaults() {
    SetupConfig config = SetupFixtures.typical().resolve();
    for (SetupKey key : SetupKeys.all()) {
      if (!key.slurm()
          && key.defaultText().isPresent()
          && SetupFixtures.typical().value(key.name()) == null) {
        assertThat(config.optional(key.name())).as(key.name()).isEqualTo(key.defaultText());
      }
    }
    assertThat(config.text("lr_scheduler")).isEqualTo("get_cosine_schedule_with_warmup");
    assertThat(config.text("lora_rank")).isEqualTo("64");
    assertThat(config.resources().time()).isEqualTo("00:15:00");
    assertThat(config.optional("max_steps_per_epoch")).isEmpty();
  }

  @Test
  void catalogFillsUnsetSlurmKeys() {
    SetupConfig config = SetupFixtures.typical().resolve();
    assertThat(config.resources().mem()).isEqualTo("40G");
    assertThat(config.resources().partition()).contains("nomig");
    assertThat(config.resources().constraint()).isEmpty();
    assertThat(config.resources().cpusPerTask()).isEqualTo(4);
    assertThat(config.resources().gpus()).isEqualTo(1);
    assertThat(config.resources().account()).isEmpty();

    SetupConfig big =
        SetupFixtures.typical()
            .with("torchtune_model_name", "Llama-3.3-70B-Instruct")
            .with("model_checkpoint", "/models/Llama-3.3-70B-Instruct")
            .resolve();
    assertThat(big.resources().mem()).isEqualTo("320G");
    assertThat(big.resources().constraint()).contains("gpu80");
    assertThat(big.resources().partition()).isEmpty();
    assertThat(big.resources().gpus()).isEqualTo(4);
    assertThat(big.resources().cpusPerTask()).isEqualTo(8);
  }

  @Test
  void givenSlurmValuesWinOverTheCatalog() {
    SetupConfig config =
        SetupFixtures.typical()
            .with("mem", "16G")
            .with("partition", "gpu")
            .with("constraint", "a100")
            .with("cpus_per_task", "2")
            .with("gpus", "2")
            .with("time", "01:00:00")
            .with("account", "lab")
            .resolve();
    assertThat(config.resources())
        .isEqualTo(
            new SlurmResources(
                Optional.of("lab"),
                Optional.of("gpu"),
                Optional.of("a100"),
                "16G",
                "01:00:00",
                2,
                2));
  }

  @Test
  void explicitlyEmptyPartitionStaysEmpty() {
    SetupConfig config = SetupFixtures.typical().with("partition", "").resolve();
    assertThat(config.resources().partition()).isEmpty();
    assertThat(config.optional("partition")).contains("");
  }

  @Test
  void explicitYamlNullIsUnset() {
    SetupConfig config =
        SetupFixtures.typical()
            .with("partition", null)
            .with("mem", null)
            .with("lora_rank", null)
            .with("epochs", null)
            .resolve();
    assertThat(config.resources().partition()).contains("nomig");
    assertThat(config.resources().mem()).isEqualTo("40G");
    assertThat(config.text("lora_rank")).isEqualTo("64");
    assertThat(config.text("epochs")).isEqualTo("1");
  }

  @Test
  void inputDirGetsATrailingSlash() {
    assertThat(SetupFixtures.typical().with("input_dir_base", "/data").resolve().inputDir())
        .isEqualTo("/data/");
    assertThat(SetupFixtures.typical().with("input_dir_base", "/data/").resolve().inputDir())
        .isEqualTo("/data/");
    assertThat(
            SetupFixtures.typical()
                .with("input_dir_base", "/data")
                .with("input_formatting", "fmt")
                .resolve()
                .inputDir())
        .isEqualTo("/data/fmt/");
    assertThat(
            SetupFixtures.typical()
                .with("input_dir_base", "/data/")
                .with("input_formatting", "")
                .resolve()
                .inputDir())
        .isEqualTo("/data/");
  }

  @Test
  void outputDirIsBaseExperimentAndRun() {
    SetupConfig config =
        SetupFixtures.typical()
            .with("output_dir_base", "/scratch/ck-outputs/")
            .with("experiment_name", "sweep")
            .with("my_wandb_run_name", "rank8_lr1e-5")
            .resolve();
    assertThat(config.outputDir()).isEqualTo("/scratch/ck-outputs/sweep/ck-out-rank8_lr1e-5/");
    assertThat(config.runName()).isEqualTo("rank8_lr1e-5");
    SetupConfig noSlash =
        SetupFixtures.typical()
            .with("output_dir_base", "/o")
            .with("experiment_name", "e")
            .resolve();
    assertThat(noSlash.outputDir()).isEqualTo("/o/e/ck-out-r1/");
  }

  @Test
  void modelDirFromAbsoluteModelCheckpoint() {
    SetupConfig config =
        SetupFixtures.typical()
            .with("model_checkpoint", "/models/llms/Llama-3.2-1B-Instruct/")
            .resolve();
    assertThat(config.modelDir()).isEqualTo("/models/llms/Llama-3.2-1B-Instruct");
    assertThat(config.modelsDir()).isEqualTo("/models/llms");
  }

  @Test
  void modelDirFromModelsDirAndName() {
    SetupConfig byName =
        SetupFixtures.typical()
            .with("model_checkpoint", "my-1b-copy")
            .with("models_dir", "/shared/llms/")
            .resolve();
    assertThat(byName.modelDir()).isEqualTo("/shared/llms/my-1b-copy");
    assertThat(byName.modelsDir()).isEqualTo("/shared/llms");
    SetupConfig byModelName =
        SetupFixtures.typical()
            .without("model_checkpoint")
            .with("models_dir", "/shared/llms")
            .resolve();
    assertThat(byModelName.modelDir()).isEqualTo("/shared/llms/Llama-3.2-1B-Instruct");
  }

  @Test
  void explicitModelsDirWinsOverTheCheckpointParent() {
    SetupConfig config =
        SetupFixtures.typical()
            .with("model_checkpoint", "/a/b/model")
            .with("models_dir", "/elsewhere")
            .resolve();
    assertThat(config.modelDir()).isEqualTo("/a/b/model");
    assertThat(config.modelsDir()).isEqualTo("/elsewhere");
  }

  @Test
  void relativeCheckpointWithoutModelsDirIsAProblem() {
    InputProblems problems = new InputProblems();
    assertThat(
            SetupFixtures.typical()
                .with("model_checkpoint", "my-1b")
                .resolve(problems, Optional.of("ada")))
        .isEmpty();
    assertThat(problems.list())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("models_dir");
              assertThat(p.found()).contains("my-1b");
            });
  }

  @Test
  void userIsExpandedInEveryPath() {
    SetupConfig config =
        SetupFixtures.typical()
            .with("input_dir_base", "/scratch/$USER/data")
            .with("output_dir_base", "/scratch/${USER}/out/")
            .with("model_checkpoint", "/scratch/$USER/models/Llama-3.2-1B-Instruct")
            .with("venv", "/home/$USER/venv")
            .resolve();
    assertThat(config.inputDir()).isEqualTo("/scratch/ada/data/");
    assertThat(config.outputDir()).isEqualTo("/scratch/ada/out/exp/ck-out-r1/");
    assertThat(config.modelDir()).isEqualTo("/scratch/ada/models/Llama-3.2-1B-Instruct");
    assertThat(config.modelsDir()).isEqualTo("/scratch/ada/models");
    assertThat(config.optional("venv")).contains("/home/ada/venv");
  }

  @Test
  void userInAPathWithNoUserKnownIsAProblem() {
    InputProblems problems = new InputProblems();
    Optional<SetupConfig> config =
        SetupFixtures.typical()
            .with("input_dir_base", "/scratch/$USER/data")
            .resolve(problems, Optional.empty());
    assertThat(config).isEmpty();
    assertThat(problems.list())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("USER");
              assertThat(p.found()).contains("/scratch/$USER/data");
              assertThat(p.expected()).contains("USER").contains("Username");
            });
  }

  @Test
  void aUserNameThatWouldBreakTheScriptIsAProblemNotAPath() {
    InputProblems problems = new InputProblems();
    Optional<SetupConfig> config =
        SetupFixtures.typical()
            .with("output_dir_base", "/scratch/$USER/out/")
            .resolve(problems, Optional.of("x'; touch PWNED; '"));
    assertThat(config).isEmpty();
    assertThat(problems.list())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("USER");
              assertThat(p.found()).contains("touch PWNED");
            });
  }

  @Test
  void aVariableThatOnlyStartsLikeUserIsNotExpanded() {
    assertThat(
            SetupFixtures.typical()
                .with("input_dir_base", "/scratch/$USERX/data")
                .resolve(new InputProblems(), Optional.of("ada")))
        .isEmpty();
  }

  @Test
  void pathsWithoutUserNeedNoUser() {
    InputProblems problems = new InputProblems();
    assertThat(SetupFixtures.typical().resolve(problems, Optional.empty())).isPresent();
    assertThat(problems.list()).isEmpty();
  }

  @Test
  void everyBadValueIsReportedAtItsOriginAndAllTogether() {
    SetupFixtures fixtures =
        SetupFixtures.typical()
            .with("lora_rank", "eight")
            .with("lr", "-1e-5")
            .with("mem", "lots")
            .with("partition", "a b")
            .with("time", "1h")
            .with("lr_scheduler", "get_linear_schedule_with_warmup")
            .with("prompt", "no placeholder")
            .with("epochs_to_save", "some")
            .with("input_dir_base", "/data/$(rm -rf ~)")
            .with("packed", "maybe");
    InputProblems problems = new InputProblems();
    assertThat(fixtures.resolve(problems, Optional.of("ada"))).isEmpty();
    String[] bad = {
      "lora_rank",
      "lr",
      "mem",
      "partition",
      "time",
      "lr_scheduler",
      "prompt",
      "epochs_to_save",
      "input_dir_base",
      "packed"
    };
    assertThat(problems.list()).extracting(InputProblem::field).containsExactlyInAnyOrder(bad);
    for (InputProblem problem : problems.list()) {
      SetupValue value = fixtures.value(problem.field());
      assertThat(problem.file()).isEqualTo(SetupFixtures.FILE);
      assertThat(problem.line()).as(problem.field()).isEqualTo(value.origin().line());
      assertThat(problem.column()).isEqualTo(value.origin().column());
      assertThat(problem.found()).contains(value.text());
      assertThat(problem.expected()).isEqualTo(SetupKeys.get(problem.field()).rule().expected());
    }
  }

  @Test
  void unknownModelIsReportedAtItsOriginWithAHint() {
    SetupFixtures fixtures =
        SetupFixtures.typical().with("torchtune_model_name", "Llama-3.2-1B-Instrukt");
    InputProblems problems = new InputProblems();
    assertThat(fixtures.resolve(problems, Optional.of("ada"))).isEmpty();
    assertThat(problems.list())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("torchtune_model_name");
              assertThat(p.line())
                  .isEqualTo(fixtures.value("torchtune_model_name").origin().line());
              assertThat(p.found()).contains("did you mean 'Llama-3.2-1B-Instruct'");
            });
  }

  @Test
  void missingModelAndDatasetLabelAreProblems() {
    InputProblems problems = new InputProblems();
    assertThat(
            SetupFixtures.typical()
                .without("torchtune_model_name")
                .without("dataset_label")
                .resolve(problems, Optional.of("ada")))
        .isEmpty();
    assertThat(problems.list())
        .extracting(InputProblem::field)
        .containsExactlyInAnyOrder("torchtune_model_name", "dataset_label");
  }

  @Test
  void runNameDefaultsToTheRunDirectoryName() {
    SetupConfig config = SetupFixtures.typical().without("my_wandb_run_name").resolve();
    assertThat(config.runName()).isEqualTo(SetupFixtures.RUN_DIR.getFileName().toString());
  }

  @Test
  void modulesAreSplitOnCommas() {
    SetupConfig config =
        SetupFixtures.typical().with("modules", "anaconda3/2025.6, cuda/12.4").resolve();
    assertThat(config.moduleNames()).containsExactly("anaconda3/2025.6", "cuda/12.4");
  }
}
