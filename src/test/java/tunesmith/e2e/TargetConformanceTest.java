package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tunesmith.problem.InputProblems;
import tunesmith.profile.Profile;
import tunesmith.profile.Profiles;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Fixtures;
import tunesmith.torchtune.ComponentCatalog;
import tunesmith.torchtune.ComponentCheck;
import tunesmith.torchtune.ComponentProblem;
import tunesmith.torchtune.RecipeSpec;
import tunesmith.verify.ConsumerYaml;

/**
 * Every finetune.yaml scaffold writes from the repository's examples and fixtures (1B/8B/70B, MIG,
 * base models, validation on and off) is accepted by the cruijff_kit-2026.01 target's readers, and
 * every one from the cruijff_kit-0.3 format example and its variants by cruijff_kit-0.3's, checked
 * here apart from scaffold's own verification; and the recipe each run's script names fits its
 * GPUs.
 */
class TargetConformanceTest {
  private static final Profile TARGET = Profiles.CRUIJFF_KIT_2026_01;
  private static final Pattern TUNE_RUN =
      Pattern.compile("tune run (?:--nproc_per_node=(\\d+) )?(\\S+) --config");
  private static final Pattern GRES = Pattern.compile("#SBATCH --gres=gpu:(\\d+)");

  @TempDir Path temp;

  record Case(String name, Path source, Map<String, String> replacements) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> experiments() {
    Path fixtures = Fixtures.resource("experiments");
    return Stream.of(
        new Case(
            "examples/capitalization_sweep", Path.of("examples/capitalization_sweep"), Map.of()),
        new Case("lr_sweep (validation, MIG)", fixtures.resolve("lr_sweep"), Map.of()),
        new Case(
            "lr_sweep without validation",
            fixtures.resolve("lr_sweep"),
            Map.of("validation_during_training: true", "validation_during_training: false")),
        new Case("multi_model (1B/8B/70B)", fixtures.resolve("multi_model"), Map.of()),
        new Case(
            "multi_model without validation",
            fixtures.resolve("multi_model"),
            Map.of("validation_during_training: true", "validation_during_training: false")),
        new Case("slurm_six", fixtures.resolve("slurm_six"), Map.of()),
        new Case("warnings", fixtures.resolve("warnings"), Map.of()),
        new Case("no_local_md", fixtures.resolve("no_local_md"), Map.of()),
        new Case("user_var", fixtures.resolve("user_var"), Map.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("experiments")
  void everyGeneratedConfigIsAcceptedAndEveryRecipeFitsItsGpus(Case c) throws IOException {
    Path experiment =
        Fixtures.copyTree(c.source(), temp.resolve(c.source().getFileName()), c.replacements());
    checkEveryRun(TARGET, experiment);
  }

  static Stream<Case> experiments2026() {
    Path example = Path.of("examples/capitalization_sweep_2026");
    return Stream.of(
        new Case("examples/capitalization_sweep_2026", example, Map.of()),
        new Case(
            "capitalization_sweep_2026 without validation",
            example,
            Map.of("validation_during_training: true", "validation_during_training: false")),
        new Case(
            "capitalization_sweep_2026 as text_completion",
            example,
            Map.of(
                "dataset_type: chat_completion",
                "dataset_type: text_completion",
                "  system_prompt: \"You capitalize words.\"\n",
                "  system_prompt: \"\"\n")),
        new Case(
            "capitalization_sweep_2026 on 8 epochs with gradient accumulation",
            example,
            Map.of(
                "epochs: 2",
                "epochs: 8",
                "gradient_accumulation_steps: 1",
                "gradient_accumulation_steps: 4")));
  }

  /** The 2026 side: the example in that format and variants of it, against cruijff_kit-0.3. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("experiments2026")
  void every2026ConfigIsAcceptedByCruijffKit03(Case c) throws IOException {
    Path experiment =
        Fixtures.copyTree(c.source(), temp.resolve(c.source().getFileName()), c.replacements());
    checkEveryRun(Profiles.CRUIJFF_KIT_0_3, experiment);
  }

  @org.junit.jupiter.api.Test
  void theSmall2026ExperimentOfTheReaderTestsIsAcceptedByCruijffKit03() throws IOException {
    Path experiment = Files.createDirectories(temp.resolve("format2026"));
    Fixtures.write(
        experiment.resolve("experiment_summary.yaml"),
        tunesmith.experiment.CruijffKit03Yaml.typical(experiment));
    checkEveryRun(Profiles.CRUIJFF_KIT_0_3, experiment);
  }

  private void checkEveryRun(Profile target, Path experiment) throws IOException {
    Path cwd = Files.createDirectories(temp.resolve("cwd"));
    CliResult result = Cli.run(cwd, "scaffold", experiment.toString());
    assertThat(result.out()).contains("Target: " + target.id());
    assertThat(result.exitCode()).as(result.describe()).isZero();
    List<Path> configs;
    try (Stream<Path> files = Files.walk(experiment)) {
      configs = files.filter(p -> p.getFileName().toString().equals("finetune.yaml")).toList();
    }
    assertThat(configs).isNotEmpty();
    for (Path config : configs) {
      String run = config.getParent().getFileName().toString();
      String script = Files.readString(config.resolveSibling("finetune.slurm"));
      Matcher tune = TUNE_RUN.matcher(script);
      assertThat(tune.find()).as("tune run line of %s", run).isTrue();
      Matcher gres = GRES.matcher(script);
      assertThat(gres.find()).isTrue();
      int gpus = Integer.parseInt(gres.group(1));
      String recipe = tune.group(2);
      assertThat(tune.group(1) == null ? 1 : Integer.parseInt(tune.group(1)))
          .as("--nproc_per_node of %s", run)
          .isEqualTo(gpus);
      assertThat(recipe.contains("distributed")).as("recipe of %s", run).isEqualTo(gpus > 1);

      List<String> errors = new ArrayList<>();
      InputProblems problems = new InputProblems();
      Map<String, Object> tree = ConsumerYaml.load(config, problems, errors).orElseThrow();
      List<ComponentProblem> found = ComponentCheck.check(target, recipe, tree);
      assertThat(found).as("%s (%s)", run, recipe).isEmpty();

      RecipeSpec spec = ComponentCatalog.of(target).recipe(recipe).orElseThrow();
      boolean validates =
          tree.get("run_val_every_n_steps") instanceof Long n
              && n > 0
              && tree.containsKey("dataset_val");
      if (validates && gpus == 1) {
        assertThat(spec.validationLoop())
            .as("%s validates on one GPU: its recipe %s must have a validation loop", run, recipe)
            .isTrue();
      }
      if (validates && gpus > 1) {
        assertThat(result.allOutput()).contains("validation will be skipped");
      }
      if (tree.get("model") instanceof Map<?, ?> model
          && String.valueOf(model.get("_component_")).endsWith("70b")) {
        assertThat(gpus).as("70B runs on 4 GPUs").isEqualTo(4);
      }
    }
  }

  @org.junit.jupiter.api.Test
  void theTargetIsShownInTheReportTheLogAndThePlanAndCanBeChosen() throws IOException {
    // The fixture's base_recipe names a recipe, not a config: cruijff_kit 0.3 cannot load it.
    Path experiment =
        Fixtures.experiment(
            "lr_sweep",
            temp,
            Map.of(
                "base_recipe: lora_finetune_single_device",
                "base_recipe: llama3_2/1B_lora_single_device"));
    Path cwd = Files.createDirectories(temp.resolve("cwd"));
    CliResult scaffold = Cli.run(cwd, "scaffold", experiment.toString());
    assertThat(scaffold.exitCode()).as(scaffold.describe()).isZero();
    assertThat(scaffold.out()).contains("Target: cruijff_kit-2026.01");
    assertThat(Files.readString(experiment.resolve("scaffold-torchtune.log")))
        .contains("target cruijff_kit-2026.01");
    CliResult plan = Cli.run(cwd, "plan", experiment.toString(), "--target", "cruijff_kit-0.3");
    assertThat(plan.exitCode()).as(plan.describe()).isZero();
    assertThat(plan.out()).contains("target cruijff_kit-0.3");
    // The target decides the layout: runs scaffolded for one target do not verify for the other.
    CliResult other = Cli.run(cwd, "verify", experiment.toString(), "--target", "cruijff_kit-0.3");
    assertThat(other.exitCode()).as(other.describe()).isEqualTo(1);
    CliResult rescaffold =
        Cli.run(cwd, "scaffold", experiment.toString(), "--target", "cruijff_kit-0.3");
    assertThat(rescaffold.exitCode()).as(rescaffold.describe()).isZero();
    assertThat(rescaffold.out()).contains("Target: cruijff_kit-0.3");
    CliResult verify = Cli.run(cwd, "verify", experiment.toString(), "--target", "cruijff_kit-0.3");
    assertThat(verify.exitCode()).as(verify.describe()).isZero();
  }

  @org.junit.jupiter.api.Test
  void aChosenRecipeWithoutValidationLoopIsWarnedAboutOnOneGpu() throws IOException {
    Path experiment =
        Fixtures.experiment(
            "lr_sweep",
            temp,
            Map.of(
                "validation_during_training: true",
                "validation_during_training: true\n  custom_recipe:"
                    + " cruijff_kit.tools.torchtune.custom_recipes.lora_finetune_single_device_stable"));
    CliResult scaffold =
        Cli.run(Files.createDirectories(temp.resolve("cwd")), "scaffold", experiment.toString());
    assertThat(scaffold.exitCode()).as(scaffold.describe()).isZero();
    assertThat(scaffold.out())
        .contains("lora_finetune_single_device_stable has no validation loop")
        .contains("validation will be skipped");
  }
}
