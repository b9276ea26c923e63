package tunesmith.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.setup.SetupConfig;
import tunesmith.setup.SetupFixtures;

class SlurmScriptRendererTest {

  @TempDir Path dir;

  private static final String SINGLE_RECIPE =
      "cruijff_kit.tools.torchtune.custom_recipes.lora_finetune_single_device_stable";

  private String render(SetupConfig config, Path runDir) {
    return SlurmScriptRenderer.render(config, runDir, runDir.resolve("setup_finetune.yaml"));
  }

  /** The #SBATCH --name=value lines before the first command, by name. */
  private static Map<String, String> directives(String script) {
    Map<String, String> options = new LinkedHashMap<>();
    for (String line : script.lines().toList()) {
      if (line.startsWith("#SBATCH --")) {
        String option = line.substring("#SBATCH --".length());
        int equals = option.indexOf('=');
        assertThat(options)
            .as("duplicate directive in\n" + script)
            .doesNotContainKey(option.substring(0, equals));
        options.put(option.substring(0, equals), option.substring(equals + 1));
      } else if (!line.isBlank() && !line.startsWith("#")) {
        break;
      }
    }
    return options;
  }

  private record Result(int code, String out, String err) {}

  private Result bash(String... args) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(args).start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), out, err);
  }

  private void assertBashSyntaxOk(String script) throws IOException, InterruptedException {
    Path file = Files.createTempFile(dir, "finetune", ".slurm");
    Files.writeString(file, script);
    Result result = bash("bash", "-n", file.toString());
    assertThat(result.code()).as("bash -n: " + result.err() + "\n" + script).isZero();
  }

  /** The words bash makes of the tune run line, with tune replaced by printf. */
  private List<String> tuneRunWords(String script) throws IOException, InterruptedException {
    String line = script.lines().filter(l -> l.startsWith("tune run ")).findFirst().orElseThrow();
    Result result = bash("bash", "-c", "printf '%s\\0' " + line.substring("tune ".length()));
    assertThat(result.code()).isZero();
    return List.of(result.out().split("\0"));
  }

  @Test
  void directivesPerSpec() throws Exception {
    SetupConfig config =
        SetupFixtures.typical().with("account", "lab").with("time", "01:30:00").resolve();
    String script = render(config, dir.resolve("r1"));
    assertThat(script).startsWith("#!/bin/bash\n");
    Map<String, String> options = directives(script);
    assertThat(options)
        .containsEntry("job-name", "r1")
        .containsEntry("nodes", "1")
        .containsEntry("ntasks", "1")
        .containsEntry("cpus-per-task", "4")
        .containsEntry("mem", "40G")
        .containsEntry("time", "01:30:00")
        .containsEntry("gres", "gpu:1")
        .containsEntry("output", "/out/exp/ck-out-r1/slurm-%j.out")
        .containsEntry("account", "lab")
        .containsEntry("partition", "nomig")
        .doesNotContainKey("constraint");
    assertBashSyntaxOk(script);
  }

  @Test
  void noPartitionOrConstraintOrAccountLineWhenUnset() throws Exception {
    SetupConfig config =
        SetupFixtures.typical().with("partition", "").with("constraint", "").resolve();
    String script = render(config, dir.resolve("r1"));
    assertThat(directives(script)).doesNotContainKeys("partition", "constraint", "account");
    assertThat(script)
        .doesNotContain("--partition")
        .doesNotContain("--constraint")
        .doesNotContain("--account");
    assertBashSyntaxOk(script);
  }

  @Test
  void singleGpuRunUsesSingleDeviceRecipeWithCustomRecipeMain() throws Exception {
    Path runDir = dir.resolve("r1");
    SetupConfig config = SetupFixtures.typical().with("custom_recipe", SINGLE_RECIPE).resolve();
    String script = render(config, runDir);
    assertThat(SlurmScriptRenderer.recipe(config)).isEqualTo(SINGLE_RECIPE + ".__main__");
    assertThat(tuneRunWords(script))
        .containsExactly(
            "run",
            SINGLE_RECIPE + ".__main__",
            "--config",
            runDir.resolve("finetune.yaml").toString());
    assertBashSyntaxOk(script);
  }

  @Test
  void customRecipeIsSwappedToMatchTheGpuCount() {
    SetupConfig distributedOnOne =
        SetupFixtures.typical()
            .with("custom_recipe", "my_pkg.recipes.lora_finetune_distributed_v2")
            .resolve();
    assertThat(SlurmScriptRenderer.recipe(distributedOnOne))
        .isEqualTo("my_pkg.recipes.lora_finetune_single_device_v2.__main__");

    SetupConfig singleOnFour =
        SetupFixtures.typical()
            .with("torchtune_model_name", "Llama-3.3-70B-Instruct")
            .with("model_checkpoint", "/models/Llama-3.3-70B-Instruct")
            .with("custom_recipe", SINGLE_RECIPE)
            .resolve();
    assertThat(SlurmScriptRenderer.recipe(singleOnFour))
        .isEqualTo(
            "cruijff_kit.tools.torchtune.custom_recipes.lora_finetune_distributed_stable.__main__");
  }

  @Test
  void fourGpuRunUsesDistributedRecipeWithNproc() throws Exception {
    Path runDir = dir.resolve("big");
    SetupConfig config =
        SetupFixtures.typical()
            .with("torchtune_model_name", "Llama-3.3-70B-Instruct")
            .with("model_checkpoint", "/models/Llama-3.3-70B-Instruct")
            .resolve();
    String script = render(config, runDir);
    assertThat(directives(script))
        .containsEntry("gres", "gpu:4")
        .containsEntry("mem", "320G")
        .containsEntry("constraint", "gpu80")
        .containsEntry("cpus-per-task", "8");
    assertThat(tuneRunWords(script))
        .containsExactly(
            "run",
            "--nproc_per_node=4",
            "lora_finetune_distributed",
            "--config",
            runDir.resolve("finetune.yaml").toString());
    assertBashSyntaxOk(script);
  }

  @Test
  void singleGpuWithoutCustomRecipeUsesTorchtuneSingleDevice() throws Exception {
    Path runDir = dir.resolve("r1");
    String script = render(SetupFixtures.typical().resolve(), runDir);
    assertThat(tuneRunWords(script))
        .containsExactly(
            "run",
            "lora_finetune_single_device",
            "--config",
            runDir.resolve("finetune.yaml").toString());
    assertThat(script).doesNotContain("nproc_per_node");
  }

  @Test
  void environmentSetUpAndCopiesAndExitCode() throws Exception {
    SetupConfig config =
        SetupFixtures.typical()
            .with("modules", "anaconda3/2025.6,cuda/12.4")
            .with("conda_env", "tt-env")
            .resolve();
    String script = render(config, dir.resolve("r1"));
    List<String> lines = script.lines().toList();
    int load = lines.indexOf("module load anaconda3/2025.6");
    int cuda = lines.indexOf("module load cuda/12.4");
    int conda = indexOfStart(lines, "conda activate tt-env");
    int mkdir = lines.indexOf("mkdir -p /out/exp/ck-out-r1/logs/wandb");
    int tune = indexOfStart(lines, "tune run ");
    assertThat(load).isPositive();
    assertThat(cuda).isGreaterThan(load);
    assertThat(conda).isGreaterThan(cuda);
    assertThat(mkdir).isGreaterThan(conda);
    assertThat(tune).isGreaterThan(mkdir);
    assertThat(lines.stream().filter(l -> l.startsWith("cp ")).findFirst().orElseThrow())
        .contains(dir.resolve("r1").resolve("finetune.yaml").toString())
        .contains("setup_finetune.yaml")
        .endsWith("/out/exp/ck-out-r1/");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("exit $?");
    assertThat(lines.get(lines.size() - 2)).startsWith("tune run ");
    assertBashSyntaxOk(script);
  }

  @Test
  void venvIsSourcedInsteadOfConda() throws Exception {
    String script =
        render(
            SetupFixtures.typical().with("venv", "/home/ada/venvs/tt").resolve(),
            dir.resolve("r1"));
    assertThat(script)
        .contains("source /home/ada/venvs/tt/bin/activate")
        .doesNotContain("conda activate");
    assertBashSyntaxOk(script);
  }

  @Test
  void awkwardRunDirectoryIsQuotedSafely() throws Exception {
    Path runDir = dir.resolve("it's a $(dir) `x`; \"q\"").resolve("r1");
    String script = render(SetupFixtures.typical().resolve(), runDir);
    assertBashSyntaxOk(script);
    List<String> words = tuneRunWords(script);
    assertThat(words.get(words.size() - 1)).isEqualTo(runDir.resolve("finetune.yaml").toString());
  }

  private static int indexOfStart(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }
}
