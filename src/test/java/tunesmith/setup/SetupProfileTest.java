package tunesmith.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import tunesmith.catalog.ModelCatalogReader;
import tunesmith.problem.InputProblems;
import tunesmith.profile.Profile;
import tunesmith.profile.Profiles;

/** The target rules of setup: how the target is chosen and what cruijff_kit-0.3 changes. */
class SetupProfileTest {
  private static final Profile CK_0_3 = Profiles.CRUIJFF_KIT_0_3;

  private static Optional<SetupConfig> resolve(
      SetupFixtures fixtures, Profile target, InputProblems problems) {
    return new SetupResolver(ModelCatalogReader.builtIn(), Optional.of("ada"))
        .resolve(fixtures.values(), SetupFixtures.RUN_DIR, problems, target);
  }

  @Test
  void projectDirChoosesCruijffKit03AndAnAskedTargetWins() {
    SetupFixtures withProject = SetupFixtures.typical().with("project_dir", "/p/");
    assertThat(Profiles.forSetupFile(withProject.values().keySet(), Optional.empty()))
        .isEqualTo(Profiles.CRUIJFF_KIT_0_3);
    assertThat(Profiles.forSetupFile(SetupFixtures.typical().values().keySet(), Optional.empty()))
        .isEqualTo(Profiles.CRUIJFF_KIT_2026_01);
    assertThat(
            Profiles.forSetupFile(
                withProject.values().keySet(), Optional.of(Profiles.CRUIJFF_KIT_2026_01)))
        .isEqualTo(Profiles.CRUIJFF_KIT_2026_01);
  }

  @Test
  void withoutProjectDirCheckpointsGoToTheRunDirectorysArtifacts() {
    InputProblems problems = new InputProblems();
    SetupConfig config =
        resolve(SetupFixtures.typical().with("dataset_type", "chat_completion"), CK_0_3, problems)
            .orElseThrow();
    assertThat(problems.list()).isEmpty();
    assertThat(config.outputDir()).isEqualTo(SetupFixtures.RUN_DIR + "/artifacts/");
    assertThat(config.target()).isEqualTo(Profiles.CRUIJFF_KIT_0_3);
  }

  @Test
  void projectDirWithoutExperimentNameIsAnInputError() {
    InputProblems problems = new InputProblems();
    Optional<SetupConfig> config =
        resolve(
            SetupFixtures.typical()
                .with("dataset_type", "chat_completion")
                .with("project_dir", "/p")
                .with("experiment_name", ""),
            CK_0_3,
            problems);
    assertThat(config).isEmpty();
    assertThat(problems.list()).hasSize(1);
    assertThat(problems.list().get(0).field()).isEqualTo("experiment_name");
  }

  @Test
  void aMissingDatasetTypeIsAnInputErrorOnlyForCruijffKit03() {
    InputProblems problems = new InputProblems();
    assertThat(resolve(SetupFixtures.typical(), CK_0_3, problems)).isEmpty();
    assertThat(problems.list()).hasSize(1);
    assertThat(problems.list().get(0).field()).isEqualTo("dataset_type");
    assertThat(SetupFixtures.typical().resolve().text("dataset_type")).isEqualTo("chat_completion");
  }

  @Test
  void resourcesComeFromCruijffKit03sRuleNotTheJanuaryCatalog() {
    InputProblems problems = new InputProblems();
    // The cruijff_kit-2026.01 catalog gives the 1B model partition nomig, 40G and 4 CPUs.
    SetupConfig config =
        resolve(SetupFixtures.typical().with("dataset_type", "chat_completion"), CK_0_3, problems)
            .orElseThrow();
    assertThat(config.resources().partition()).isEmpty();
    assertThat(config.resources().constraint()).isEmpty();
    assertThat(config.resources().mem()).isEqualTo("80G");
    assertThat(config.resources().cpusPerTask()).isEqualTo(1);
    SetupConfig january = SetupFixtures.typical().resolve();
    assertThat(january.resources().partition()).contains("nomig");
    assertThat(january.optional("custom_recipe")).isEmpty();
    assertThat(config.optional("custom_recipe"))
        .contains("cruijff_kit.tools.torchtune.custom_recipes.lora_finetune_single_device_nightly");
  }

  @Test
  void aUserRecipeOutsideCruijffKitIsNotChecked() {
    assertThat(CK_0_3.recipes().lacks("my_pkg.recipes.lora_finetune_distributed_nightly"))
        .isFalse();
    assertThat(
            CK_0_3
                .recipes()
                .lacks(
                    "cruijff_kit.tools.torchtune.custom_recipes.lora_finetune_distributed_nightly"))
        .isTrue();
  }
}
