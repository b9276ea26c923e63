package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.plan.DataJob;
import tunesmith.profile.DataPreparation;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Fixtures;

/**
 * A dataset that cruijff_kit's prepare_data tool would make ({@code data.data_generation} with
 * {@code tool: model_organism}) and that does not exist yet: plan shows the data job that makes it
 * before the runs that train on it (on the cluster: DataJobSlurmTest), or, when no run trains on
 * it, names it with the command that makes it.
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

  /** The runs train on the declared dataset: plan shows the data job that makes it. */
  @Test
  void aMissingPreparedDatasetIsMadeByTheDataJob() throws IOException {
    Path experiment = temp.resolve("organism");
    Fixtures.copyTree(
        Path.of("examples/capitalization_sweep_2026"),
        experiment,
        Map.of(
            "data:\n",
            BLOCK,
            "path: /scratch/gpfs/lab/ada/ck-data/capitalization/words_5L_1000.json",
            "path: " + experiment.resolve("data/parity_bits.json"),
            "dataset_label: words_5L_1000",
            "dataset_label: parity_bits"));

    CliResult missing = Cli.run(temp, "plan", experiment.toString());
    assertThat(missing.exitCode()).as(missing.describe()).isZero();
    assertThat(missing.allOutput())
        .contains(
            "### Data Job\n\nprepare_data: submit sends it first, to run python -m"
                + " cruijff_kit.tools.experiment.prepare_data in the runs' environment; the runs on"
                + " its dataset wait for it\n- dataset: "
                + experiment.resolve("data/parity_bits.json")
                + " (not made yet)\n")
        .doesNotContain("tunesmith does not make it")
        .as("the runs' dataset is made before they train: not warned about as missing")
        .doesNotContain("dataset " + experiment.resolve("data/parity_bits.json") + " is not found");

    Files.createDirectories(experiment.resolve("data"));
    Files.writeString(experiment.resolve("data/parity_bits.json"), "{}");
    CliResult present = Cli.run(temp, "plan", experiment.toString());
    assertThat(present.exitCode()).as(present.describe()).isZero();
    assertThat(present.allOutput())
        .contains("prepare_data: not needed: the dataset exists (submit sends no data job)")
        .doesNotContain("data.data_generation");
  }

  /**
   * No fine-tuned run trains on the declared dataset, so no training waits for a data job: a
   * missing one is named, with the command that makes it.
   */
  @Test
  void aMissingPreparedDatasetNoRunTrainsOnIsNamedWithTheCommandThatMakesIt() throws IOException {
    Path experiment = temp.resolve("organism");
    Fixtures.copyTree(
        Path.of("examples/capitalization_sweep_2026"), experiment, Map.of("data:\n", BLOCK));

    CliResult missing = Cli.run(temp, "plan", experiment.toString());
    assertThat(missing.exitCode()).as(missing.describe()).isZero();
    assertThat(missing.allOutput())
        .contains(
            "data.data_generation (line 48) declares "
                + experiment.resolve("data/parity_bits.json")
                + " (tool model_organism), which does not exist, and tunesmith does not make it:"
                + " run `python -m cruijff_kit.tools.experiment.prepare_data "
                + experiment
                + "`")
        .doesNotContain("### Data Job");
  }

  /** What docs/ says of the data job is what the code decides. */
  @Test
  void theDocsStateTheDataJobAsTheCodeDecidesIt() throws IOException {
    String resources = DataJob.CPUS + " CPU, " + DataJob.MEM + ", " + DataJob.TIME + ", no GPU";
    String submitting = Files.readString(Path.of("docs/submitting.md"));
    assertThat(submitting)
        .contains(resources)
        .contains("python -m " + DataPreparation.MODULE + " {experiment}")
        .contains("`tool: " + DataPreparation.TOOL + "`")
        .contains("--comment=tunesmith:{experiment}:" + DataJob.NAME + ":{attempt}")
        .contains("`.tunesmith/" + DataJob.NAME + "/" + DataJob.NAME + ".slurm`");
    assertThat(Files.readString(Path.of("docs/SETUP-0.3.md"))).contains(resources);
    assertThat(Files.readString(Path.of("docs/FILES.md")))
        .contains("`.tunesmith/" + DataJob.NAME + "/" + DataJob.NAME + ".slurm`")
        .contains("`.tunesmith/" + DataJob.NAME + "/.tunesmith/submission.json`")
        .contains("`" + DataPreparation.LOG + "`");
    Path experiment = Path.of("/x");
    DataJob job =
        new DataJob(
            experiment, experiment.resolve("d.json"), List.of("r"), List.of(), Optional.empty());
    assertThat(job.script())
        .isEqualTo(Path.of("/x/.tunesmith/" + DataJob.NAME + "/" + DataJob.NAME + ".slurm"));
    assertThat(job.tree().emit())
        .contains("#SBATCH --cpus-per-task=" + DataJob.CPUS)
        .contains("#SBATCH --mem=" + DataJob.MEM)
        .contains("#SBATCH --time=" + DataJob.TIME)
        .doesNotContain("gres");
  }
}
