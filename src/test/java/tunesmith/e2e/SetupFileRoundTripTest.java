package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tunesmith.testing.CliResult;
import tunesmith.testing.Fixtures;
import tunesmith.testing.SetupFinetunePy;
import tunesmith.testing.SlurmScript;

/**
 * The setup_finetune.yaml tunesmith scaffolds, given to cruijff_kit 0.3's own setup_finetune.py
 * (the manual path of its claude.local.md template): the script accepts it and writes a job that
 * still activates the conda environment, with the #SBATCH resources and the recipe of tunesmith's
 * own finetune.slurm. The experiment's claude.local.md loads modules of its own, which tunesmith's
 * script loads and cruijff_kit's does not (docs/SETUP-0.3.md).
 */
class SetupFileRoundTripTest {
  private static final String MODULES = "module load anaconda3/2024.10 cuda/12.4";

  @TempDir static Path temp;
  private static Path experiment;

  @BeforeAll
  static void scaffold() throws IOException {
    experiment =
        Fixtures.scaffoldedExample2026(
            temp, "capitalization_sweep_2026", Map.of("module load anaconda3/2025.6", MODULES));
  }

  @ParameterizedTest
  @ValueSource(strings = {"r8_lr1e-5", "r32_lr1e-4", "8B_r32_lr1e-5_terse", "70B_r8_lr1e-5"})
  void cruijffKitsScriptKeepsTheEnvironmentAndAsksForTheSameResources(String run)
      throws IOException {
    Path ours = experiment.resolve(run);
    String setup = Files.readString(ours.resolve("setup_finetune.yaml"));
    assertThat(setup).contains("tunesmith_modules: \"anaconda3/2024.10,cuda/12.4\"");
    assertThat(setup).doesNotContainPattern("(?m)^modules:");
    Path theirs = Files.createDirectories(temp.resolve("theirs").resolve(run));
    Files.writeString(theirs.resolve("setup_finetune.yaml"), setup);

    CliResult result = SetupFinetunePy.run(theirs);
    assertThat(result.exitCode()).as("setup_finetune.py: " + result.describe()).isZero();
    assertThat(result.err()).contains("not consumed by setup_finetune.py: ['tunesmith_modules']");

    String theirScript = Files.readString(theirs.resolve("finetune.slurm"));
    assertThat(theirScript)
        .as("cruijff_kit's job still enters the environment")
        .contains("module load anaconda3/2025.6\nconda activate cruijff\n");
    SlurmScript ourScript = SlurmScript.read(ours.resolve("finetune.slurm"));
    assertThat(ourScript.text())
        .contains("module load anaconda3/2024.10\nmodule load cuda/12.4\n")
        .contains("conda activate cruijff");
    assertThat(SlurmScript.requests(ourScript.text())).isEqualTo(SlurmScript.requests(theirScript));
    assertThat(SlurmScript.tuneRecipe(ourScript.text()))
        .isEqualTo(SlurmScript.tuneRecipe(theirScript));
  }
}
