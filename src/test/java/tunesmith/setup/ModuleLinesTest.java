package tunesmith.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModuleLinesTest {

  @Test
  void moduleLoadLinesGiveTheirModulesInOrder() {
    assertThat(
            ModuleLines.moduleNames(
                List.of(
                    "module purge", "module load anaconda3/2025.6", "module load cuda/12.4 cudnn")))
        .containsExactly("anaconda3/2025.6", "cuda/12.4", "cudnn");
  }

  @Test
  void shellLinesAndUnfilledPlaceholdersAreNotCopiedButNamed() {
    List<String> lines =
        List.of(
            "module load anaconda3/2025.6",
            "source ~/.bashrc",
            "module load <your_module>",
            "module purge");
    assertThat(ModuleLines.moduleNames(lines)).containsExactly("anaconda3/2025.6");
    assertThat(ModuleLines.unsupported(lines))
        .containsExactly("source ~/.bashrc", "module load <your_module>");
  }
}
