package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static tunesmith.testing.Expect.normpath;
import static tunesmith.testing.Json.at;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;
import tunesmith.testing.PythonLoaders;
import tunesmith.testing.ScaffoldLog;
import tunesmith.testing.SlurmScript;

/**
 * claude.local.md (docs/FORMATS.md): unfilled values, no file at all, --local-md, where it is
 * looked for, $USER.
 */
class LocalSettingsTest {
  @TempDir Path temp;

  @Test
  void placeholdersAreInputErrorsNamingFileLineColumnAndField() throws IOException {
    Path experiment = Fixtures.experiment("placeholders", temp);
    Path localMd = experiment.resolve("claude.local.md");
    var before = Fixtures.snapshot(experiment);

    CliResult result = Expect.exitCode(Cli.run(experiment, "scaffold"), 2);

    assertThat(result.err())
        .contains(localMd + ":16:16: SLURM Defaults / Account: found `<your_slurm_account>`")
        .contains("placeholder <your_slurm_account>")
        .contains(localMd + ":7:", "Username", "<your_username>")
        .contains(localMd + ":20:", "Default GPUs", "<number of GPUs>")
        .doesNotContain("<your_wandb_entity>");
    assertThat(Fixtures.snapshot(experiment)).isEqualTo(before);
  }

  @Test
  void blanksAreUnsetWithWarningsAndDefaultsApply() {
    Scaffolded s = Scaffolded.scaffold("blanks", temp).assertSucceeded();
    SlurmScript slurm = s.slurm("rank8");

    assertThat(slurm.optionNames())
        .as("Account <your_slurm_account> is unset")
        .doesNotContain("account", "constraint");
    assertThat(slurm.option("partition"))
        .as("Partition (none): the catalog's nomig")
        .contains("nomig");
    assertThat(slurm.option("time"))
        .as("Default time none: built-in 00:15:00")
        .contains("00:15:00");
    assertThat(slurm.option("gres")).as("Default GPUs empty: the catalog's 1").contains("gpu:1");
    assertThat(slurm.indexOfCommand("conda activate cruijff"))
        .as("conda env placeholder: built-in cruijff\n%s", slurm.text())
        .isNotNegative();
    assertThat(slurm.bashSyntaxCheck().exitCode()).isZero();

    Map<String, Object> setup = s.setup("rank8");
    assertThat(setup)
        .as("only values set in claude.local.md are written")
        .doesNotContainKeys("account", "partition", "constraint", "time", "conda_env");
    assertThat(setup.get("gpus"))
        .as("the GPU count is always written: here the catalog's (docs/TARGETS.md)")
        .isEqualTo(1L);
    assertThat(setup.get("my_wandb_project"))
        .as("project placeholder: output.wandb_project")
        .isEqualTo("from_summary");
    assertThat(s.resolved("rank8").get("my_wandb_project")).isEqualTo("from_summary");
    assertThat(at(s.resolved("rank8"), "metric_logger.project")).isEqualTo("from_summary");

    for (String file : Scaffolded.RUN_FILES) {
      assertThat(Fixtures.read(s.runDir("rank8").resolve(file)))
          .as(file)
          .doesNotContain("<your", "(none)", "(leave empty)");
    }
    ScaffoldLog log = s.log();
    assertThat(log.warningsMentioning("account"))
        .as("unfilled Account is warned about\n%s", log.text())
        .isNotEmpty();
    assertThat(s.result.allOutput().toLowerCase()).contains("account");
  }

  @Test
  void validationOffMeansNoValidationDatasetAndNoValidationSteps() {
    Scaffolded s = Scaffolded.scaffold("blanks", temp).assertSucceeded();
    Map<String, Object> c = s.resolved("rank8");

    assertThat(c).doesNotContainKey("dataset_val");
    assertThat(c.getOrDefault("run_val_every_n_steps", 0L)).isEqualTo(0L);
    assertThat(s.setup("rank8").get("run_val_every_n_steps")).isEqualTo(0L);
    assertThat(c.get("epochs")).isEqualTo(3L);
  }

  @Test
  void withoutAnyClaudeLocalMdScaffoldUsesBuiltInDefaultsAndWarns() {
    Path experiment = Fixtures.experiment("no_local_md", temp);
    assertThat(Fixtures.localMdAbove(experiment))
        .as("precondition: no claude.local.md above the temporary directory")
        .isEmpty();

    CliResult result = Expect.succeeded(Cli.run(experiment, "scaffold"));

    assertThat(result.allOutput()).contains("claude.local.md");
    ScaffoldLog log = ScaffoldLog.read(experiment.resolve("scaffold-torchtune.log"));
    assertThat(log.entries("WARNING").stream().anyMatch(e -> e.text().contains("claude.local.md")))
        .as("a warning that no claude.local.md was found\n%s", log.text())
        .isTrue();

    String run = "rank16_lr3e-4";
    SlurmScript slurm = SlurmScript.read(experiment.resolve(run).resolve("finetune.slurm"));
    assertThat(slurm.optionNames()).doesNotContain("account");
    assertThat(slurm.option("time")).contains("00:15:00");
    assertThat(slurm.option("partition")).contains("nomig");
    assertThat(slurm.indexOfCommand("conda activate cruijff")).as(slurm.text()).isNotNegative();

    PythonLoaders.Loaded loaded =
        PythonLoaders.load(experiment.resolve(run).resolve("finetune.yaml")).assertBothLoaded();
    PythonLoaders.assertNumbersAreNumbers(loaded);
    Map<String, Object> c = loaded.omegaconfMap();
    assertThat((Double) at(c, "optimizer.lr")).as("parameter 'lr' means lr").isEqualTo(3e-4);
    assertThat(at(c, "model.lora_rank")).isEqualTo(16L);
    assertThat(c.get("epochs")).isEqualTo(2L);
    assertThat(c.get("batch_size")).isEqualTo(8L);
    assertThat(c.get("my_wandb_project")).isEqualTo("defaults_only");
    assertThat(at(c, "dataset.prompt")).as("built-in prompt").isEqualTo("{input}\n");
    assertThat(at(c, "dataset._component_"))
        .as("built-in dataset_type chat_completion")
        .isEqualTo("cruijff_kit.tools.torchtune.datasets.chat_completion.chat_completion_dataset");
    assertThat(Fixtures.read(experiment.resolve(run).resolve("setup_finetune.yaml")))
        .containsPattern("(?m)^lr: ?['\"]?3e-4['\"]?\\s*$");
  }

  @Test
  void localMdOptionPointsAtAFileAnywhere() throws IOException {
    Path experiment = Fixtures.experiment("no_local_md", temp);
    Path notes = Files.createDirectories(temp.resolve("notes")).resolve("my-settings.md");
    Files.copy(Fixtures.resource("experiments/multi_model/claude.local.md"), notes);

    Expect.succeeded(Cli.run(experiment, "scaffold", "--local-md", notes.toString()));

    SlurmScript slurm = SlurmScript.read(experiment.resolve("rank16_lr3e-4/finetune.slurm"));
    assertThat(slurm.option("account")).contains("example_lab");
    assertThat(slurm.indexOfCommand("conda activate cruijff_gpu")).as(slurm.text()).isNotNegative();
    assertThat(slurm.indexOfCommand("module purge")).as(slurm.text()).isNotNegative();
  }

  @Test
  void localMdOptionWinsOverTheExperimentsOwnFile() throws IOException {
    Path experiment = Fixtures.experiment("lr_sweep", temp);
    Path notes = temp.resolve("other.md");
    Files.copy(Fixtures.resource("experiments/multi_model/claude.local.md"), notes);

    Expect.succeeded(
        Cli.run(temp, "scaffold", experiment.toString(), "--local-md", notes.toString()));

    assertThat(
            SlurmScript.read(experiment.resolve("rank8_lr1e-5/finetune.slurm")).option("account"))
        .contains("example_lab");
  }

  @Test
  void currentDirectoryFileWinsOverTheExperimentDirectoryFile() throws IOException {
    Path experiment = Fixtures.experiment("lr_sweep", temp);
    Path cwd = Files.createDirectories(temp.resolve("cwd"));
    Files.copy(
        Fixtures.resource("experiments/multi_model/claude.local.md"),
        cwd.resolve("claude.local.md"));

    Expect.succeeded(Cli.run(cwd, "scaffold", experiment.toString()));

    assertThat(
            SlurmScript.read(experiment.resolve("rank8_lr1e-5/finetune.slurm")).option("account"))
        .contains("example_lab");
  }

  @Test
  void aParentOfTheExperimentDirectoryIsSearched() throws IOException {
    Path parent = Files.createDirectories(temp.resolve("project"));
    Path experiment = Fixtures.experiment("no_local_md", parent);
    Files.copy(
        Fixtures.resource("experiments/multi_model/claude.local.md"),
        parent.resolve("claude.local.md"));
    Path cwd = Files.createDirectories(temp.resolve("cwd"));

    Expect.succeeded(Cli.run(cwd, "scaffold", experiment.toString()));

    assertThat(
            SlurmScript.read(experiment.resolve("rank16_lr3e-4/finetune.slurm")).option("account"))
        .contains("example_lab");
  }

  @Test
  void userVariableInPathsIsExpandedFromTheEnvironment() {
    Scaffolded s = Scaffolded.scaffold("user_var", temp).assertSucceeded();
    Map<String, Object> c = s.resolved("rank8");

    assertThat(normpath(c.get("input_dir")))
        .isEqualTo("/scratch/gpfs/testuser/data/capitalization");
    assertThat(normpath(at(c, "dataset.data_files")))
        .isEqualTo("/scratch/gpfs/testuser/data/capitalization/words.json");
    assertThat(Fixtures.read(s.runDir("rank8").resolve("finetune.yaml"))).doesNotContain("$USER");
  }

  @Test
  void userVariableFallsBackToClaudeLocalMdUsernameWhenTheEnvironmentHasNone() {
    Path experiment = Fixtures.experiment("user_var", temp);

    Expect.succeeded(Cli.run(experiment, Map.of("NO_COLOR", "1"), "scaffold"));

    Map<String, Object> c = PythonLoaders.omegaconf(experiment.resolve("rank8/finetune.yaml"));
    assertThat(normpath(at(c, "dataset.data_files")))
        .isEqualTo("/scratch/gpfs/jdoe/data/capitalization/words.json");
  }
}
