package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.FakeTools;
import tunesmith.testing.Fixtures;
import tunesmith.testing.SlurmScript;

/**
 * finetune.slurm run for real (with fake tune/module/conda, docs/FILES.md): from any working
 * directory it creates the output directory, copies both YAML files there, runs the right training
 * command and exits with its code; and no input value can inject a command into it.
 */
class SlurmScriptExecutionTest {
  @TempDir Path temp;

  @ParameterizedTest
  @CsvSource({"0", "7"})
  void scriptPreparesTheOutputDirectoryRunsTrainingAndExitsWithItsCode(int tuneExit)
      throws IOException {
    Path root = Files.createDirectories(temp.resolve("cluster"));
    Path experiment =
        Fixtures.experiment("present_paths", root, Map.of("/__TMP__", root.toString()));
    Expect.succeeded(Cli.run(experiment, "scaffold"));
    Path run = experiment.resolve("rank8");
    Path outputDir = root.resolve("ck-outputs/present_paths/ck-out-rank8");
    FakeTools tools = FakeTools.install(temp.resolve("fake"));
    Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));

    CliResult job = tools.runScript(run.resolve("finetune.slurm"), elsewhere, tuneExit);

    assertThat(job.exitCode())
        .as("the script exits with the training command's code\n%s", job.describe())
        .isEqualTo(tuneExit);
    assertThat(tools.tuneArgs())
        .containsExactly(
            "run",
            "cruijff_kit.tools.torchtune.custom_recipes.lora_finetune_single_device_stable.__main__",
            "--config",
            run.toAbsolutePath() + "/finetune.yaml");
    assertThat(outputDir.resolve("logs/wandb")).isDirectory();
    assertThat(outputDir.resolve("finetune.yaml"))
        .hasSameBinaryContentAs(run.resolve("finetune.yaml"));
    assertThat(outputDir.resolve("setup_finetune.yaml"))
        .hasSameBinaryContentAs(run.resolve("setup_finetune.yaml"));
    assertThat(Fixtures.read(tools.calls().resolve("conda"))).contains("activate cruijff_gpu");
    assertThat(Fixtures.read(tools.calls().resolve("module"))).contains("load anaconda3/2025.6");
  }

  /** A setup key and its value as YAML text, each value trying to break out of the script. */
  static Stream<Arguments> hostileValues() {
    return Stream.of(
        Arguments.of("conda_env", "'cruijff; touch PWNED'"),
        Arguments.of("my_wandb_run_name", "'$(touch PWNED)'"),
        Arguments.of("my_wandb_run_name", "'a b'"),
        Arguments.of("experiment_name", "'`touch PWNED`'"),
        Arguments.of("experiment_name", "\"it's\""),
        Arguments.of("account", "\"lab\\ntouch PWNED\""),
        Arguments.of("time", "'00:15:00; touch PWNED'"),
        Arguments.of("partition", "'gpu $(touch PWNED)'"),
        Arguments.of("constraint", "'gpu80\" ; touch PWNED ; \"'"),
        Arguments.of("venv", "'/opt/env; touch PWNED'"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("hostileValues")
  void noInputValueCanInjectIntoTheScript(String key, String yamlValue) throws IOException {
    Path dir = Files.createDirectories(temp.resolve("run"));
    String setup =
        SetupCommandTest.MINIMAL
                .replace("output_dir_base: /out/", "output_dir_base: " + temp.resolve("out") + "/")
                .replaceAll("(?m)^" + key + ":.*\n", "")
            + key
            + ": "
            + yamlValue
            + "\n";
    Fixtures.write(dir.resolve("setup_finetune.yaml"), setup);

    CliResult result = Cli.run(dir, "setup");

    Expect.noStackTrace(result);
    assertThat(result.exitCode())
        .as("either written safely (0) or rejected as input (2)\n%s", result.describe())
        .isIn(0, 2);
    if (result.exitCode() == 0) {
      SlurmScript script = SlurmScript.read(dir.resolve("finetune.slurm"));
      assertThat(script.bashSyntaxCheck().exitCode()).as("bash -n\n%s", script.text()).isZero();
      assertThat(script.options("job-name")).hasSize(1);
      Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
      FakeTools.install(temp.resolve("fake"))
          .runScript(dir.resolve("finetune.slurm"), elsewhere, 0);
    } else {
      assertThat(result.err()).contains(key);
      assertThat(dir.resolve("finetune.slurm")).doesNotExist();
    }
    try (Stream<Path> all = Files.walk(temp)) {
      assertThat(all.map(p -> p.getFileName().toString()).collect(Collectors.toList()))
          .as("no command from a value ran")
          .noneMatch(name -> name.startsWith("PWNED"));
    }
  }

  @Test
  void fakeToolsThemselvesWork() throws IOException {
    FakeTools tools = FakeTools.install(temp.resolve("fake"));
    Path script = temp.resolve("probe.slurm");
    Fixtures.write(
        script,
        "#!/bin/bash\nmodule load x\neval \"$(conda shell.bash hook)\"\nconda activate env1\n"
            + "source \"$(conda info --base)/etc/profile.d/conda.sh\"\nconda activate env2\ntune run r --config c\nexit $?\n");

    CliResult job = tools.runScript(script, temp, 3);

    assertThat(job.exitCode()).as(job.describe()).isEqualTo(3);
    assertThat(tools.tuneArgs()).isEqualTo(List.of("run", "r", "--config", "c"));
    assertThat(Fixtures.read(tools.calls().resolve("conda")))
        .contains("activate env1", "activate env2");
    assertThat(Fixtures.read(tools.calls().resolve("module"))).contains("load x");
  }
}
