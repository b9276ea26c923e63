package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Fixtures;

/**
 * A dataset that cruijff_kit's prepare_data tool would make ({@code data.data_generation} with
 * {@code tool: model_organism}) and that does not exist yet: plan says so, with the command that
 * makes it, and stops saying so once the file is there. tunesmith does not make it.
 */
class PreparedDataTest {
  private static final String BLOCK =
      """
      data:
        data_generation:
          tool: model_organism
          name: parity_bits
          input_type: bits
          rule: parity
          k: 8
          N: 1000
          seed: 3
          design: memorization
          output_path: data/parity_bits.json
      """;

  @TempDir Path temp;

  @Test
  void aMissingPreparedDatasetIsNamedWithTheCommandThatMakesIt() throws IOException {
    Path experiment = temp.resolve("organism");
    Fixtures.copyTree(
        Path.of("examples/capitalization_sweep_2026"),
        experiment,
        Map.of(
            "data:\n",
            BLOCK,
            "path: /scratch/gpfs/lab/ada/ck-data/capitalization/words_5L_1000.json",
            "path: " + experiment.resolve("data/parity_bits.json")));

    CliResult missing = Cli.run(temp, "plan", experiment.toString());
    assertThat(missing.exitCode()).as(missing.describe()).isZero();
    assertThat(missing.allOutput())
        .contains(
            "data.data_generation (line 48) declares "
                + experiment.resolve("data/parity_bits.json")
                + " (tool model_organism), which does not exist, and tunesmith does not make it:"
                + " run `python -m cruijff_kit.tools.experiment.prepare_data "
                + experiment
                + "`");

    Files.createDirectories(experiment.resolve("data"));
    Files.writeString(experiment.resolve("data/parity_bits.json"), "{}");
    CliResult present = Cli.run(temp, "plan", experiment.toString());
    assertThat(present.exitCode()).as(present.describe()).isZero();
    assertThat(present.allOutput()).doesNotContain("data.data_generation");
  }
}
