package tunesmith.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's archive training really runs the commands on both examples. */
class ArchiveTrainingTest {
  @TempDir Path dir;

  @Test
  void scaffoldsBothExamplesAndRendersARunWithSetup() throws IOException {
    for (String example : List.of("capitalization_sweep", "capitalization_sweep_2026")) {
      Path copy = Files.createDirectories(dir.resolve(example));
      for (String file : List.of("experiment_summary.yaml", "claude.local.md")) {
        Files.copy(Path.of("examples", example, file), copy.resolve(file));
      }
    }
    ArchiveTraining.train(dir, Map.of());
    assertThat(dir.resolve("capitalization_sweep/r8_lr1e-5/finetune.yaml")).isRegularFile();
    assertThat(dir.resolve("capitalization_sweep_2026/r8_lr1e-5/finetune.yaml")).isRegularFile();
    assertThat(dir.resolve("capitalization_sweep_2026/r8_lr1e-5/eval")).isDirectory();
  }
}
