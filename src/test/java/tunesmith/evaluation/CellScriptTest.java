package tunesmith.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.CliResult;
import tunesmith.testing.Json;
import tunesmith.testing.Processes;
import tunesmith.testing.RequiresLocalSlurm;

class CellScriptTest {
  /** A prefix with every character that breaks naive shell or YAML quoting (no comma). */
  static final String HOSTILE_PREFIX = "Answer: \"$HOME `id` 'x' \\\\ #1 {input} no";

  @TempDir Path temp;

  private EvalFixture.Planned written(String controls, String evaluation) throws IOException {
    EvalFixture.Planned planned =
        EvalFixture.plan(
            temp.resolve("exp"),
            EvalFixture.summary(controls, EvalFixture.RUNS, evaluation),
            EvalFixture.CLUSTER_SETTINGS);
    assertThat(planned.rendered()).isEmpty();
    return planned.writeCells();
  }

  private EvalFixture.Planned written() throws IOException {
    return written(
        EvalFixture.CONTROLS,
        EvalFixture.EVALUATION.replace(
            "assistant_prefix: 'Answer: \"'", "assistant_prefix: " + yamlQuoted(HOSTILE_PREFIX)));
  }

  private static String yamlQuoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Test
  void bashAcceptsEveryCellScript() throws IOException {
    for (EvalCell cell : written().plan().cells()) {
      CliResult check =
          Processes.run(List.of("bash", "-n", cell.script().toString()), null, null, 30);
      assertThat(check.exitCode()).as(check.describe()).isZero();
    }
  }

  @Test
  @RequiresLocalSlurm
  void sbatchTestOnlyAcceptsEveryCellScript() throws IOException {
    for (EvalCell cell : written().plan().cells()) {
      CliResult check =
          Processes.run(
              List.of("sbatch", "--test-only", cell.script().toString()),
              cell.directory(),
              null,
              60);
      assertThat(check.exitCode()).as(check.describe()).isZero();
    }
  }

  @Test
  void directivesPutOutputBesideTheCellsAndHaveNoMail() throws IOException {
    EvalCell cell = written().cell("r8", "cap_epoch1");
    String script = Files.readString(cell.script());

    assertThat(script)
        .contains("#SBATCH --job-name=eval-cap-ep1\n")
        .contains("#SBATCH --output=" + cell.directory().getParent() + "/slurm-%j.out\n")
        .contains("#SBATCH --partition=nomig\n")
        .contains("#SBATCH --mem=80G\n")
        .contains("#SBATCH --gres=gpu:1\n")
        .doesNotContain("mail")
        .contains("module purge\nmodule load anaconda3/2025.6\nconda activate evalenv ")
        .endsWith("exit $INSPECT_EXIT_CODE\n");
    assertThat(cell.directory().resolve("logs"))
        .as("made by submit and by the job, not by scaffold")
        .doesNotExist();
  }

  private CliResult runJob(EvalCell cell, String failingModel) {
    EvalStandIns standIns = EvalStandIns.install(temp.resolve("stand-ins"));
    return Processes.run(
        List.of("bash", cell.script().toString()),
        temp,
        standIns.environment(temp, failingModel),
        120);
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyValueReachesInspectExactlyThroughItsYamlParse() throws IOException {
    EvalCell cell = written().cell("r8", "cap_cue_epoch1");

    CliResult job = runJob(cell, "none");

    assertThat(job.exitCode()).as(job.describe()).isZero();
    Map<String, Object> args =
        Json.parseObject(Files.readString(cell.directory().resolve(EvalStandIns.ARGS_FILE)));
    assertThat(args.get("task")).isEqualTo("/tasks/cap.py@cap");
    assertThat(args.get("cwd")).isEqualTo(cell.directory().toString());
    assertThat((Map<String, Object>) args.get("T"))
        .containsEntry("data_path", "/data/test.json")
        .containsEntry("config_path", cell.evalYaml().toString())
        .containsEntry("vis_label", "r8 (cap_cue)")
        .containsEntry("use_chat_template", true)
        .containsEntry("max_tokens", 12L)
        .containsEntry("assistant_prefix", HOSTILE_PREFIX)
        .doesNotContainKey("temperature");
    assertThat((Map<String, Object>) args.get("M"))
        .containsEntry("model_path", cell.modelPath())
        .containsEntry("do_sample", false)
        .doesNotContainKey("use_chat_template")
        .doesNotContainKey("chat_template");
    assertThat((Map<String, Object>) args.get("metadata"))
        .containsEntry("epoch", 1L)
        .containsEntry("is_finetuned", true)
        .containsEntry("source_model", "Llama-3.2-1B-Instruct");
    assertThat((Map<String, Object>) args.get("options"))
        .containsEntry("--model", "hf/r8_epoch_1")
        .containsEntry("--seed", "7")
        .containsEntry("--max-connections", "32")
        .containsEntry("--log-dir", "./logs");
    assertThat((Map<String, Object>) args.get("config"))
        .containsEntry("prompt", "Cue!\n{input} ${not_omegaconf} \"q\" 'single'");
    assertThat(cell.directory().resolve("gpu_metrics.csv")).content().startsWith("timestamp");
    Path calls = temp.resolve("stand-ins/calls");
    assertThat(calls.resolve("module")).content().isEqualTo("purge\nload anaconda3/2025.6\n");
    assertThat(calls.resolve("conda")).content().isEqualTo("activate evalenv\n");
  }

  @Test
  void theJobEndsWithInspectsExitStatusNotTheMonitors() throws IOException {
    EvalCell cell = written().cell("base", "cap");

    CliResult job = runJob(cell, "hf/base_control");

    assertThat(job.exitCode()).as(job.describe()).isEqualTo(EvalStandIns.FAILING_EXIT_CODE);
  }

  @Test
  @SuppressWarnings("unchecked")
  void textCompletionIsEvaluatedWithoutAChatTemplateAndSamplingPassesTemperature()
      throws IOException {
    EvalFixture.Planned planned =
        written(
            EvalFixture.CONTROLS.replace("chat_completion", "text_completion"),
            EvalFixture.EVALUATION.replace(
                "  seed: 7\n", "  do_sample: true\n  temperature: 0.00001\n"));
    EvalCell cell = planned.cell("base", "cap");

    CliResult job = runJob(cell, "none");

    assertThat(job.exitCode()).as(job.describe()).isZero();
    Map<String, Object> args =
        Json.parseObject(Files.readString(cell.directory().resolve(EvalStandIns.ARGS_FILE)));
    assertThat((Map<String, Object>) args.get("M"))
        .containsEntry("chat_template", RawPromptTemplate.JINJA)
        .doesNotContainKey("use_chat_template")
        .containsEntry("do_sample", true);
    assertThat((Map<String, Object>) args.get("T"))
        .containsEntry("use_chat_template", false)
        .containsEntry("temperature", 0.00001);
    assertThat((Map<String, Object>) args.get("metadata"))
        .containsEntry("is_finetuned", false)
        .doesNotContainKey("epoch");
  }

  @Test
  void twoGpusLoadTheModelAcrossDevices() throws IOException {
    EvalFixture.Planned planned =
        written(
            EvalFixture.CONTROLS,
            EvalFixture.EVALUATION.replace("  seed: 7\n", "  compute: {gpus: 2}\n"));
    String script = Files.readString(planned.cell("base", "cap").script());
    assertThat(script).contains("#SBATCH --gres=gpu:2\n").contains("-M 'device=\"auto\"'");
  }
}
