package tunesmith.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.PythonLoaders;

/** Every eval.yaml as PyYAML (the loader the task scripts use) reads it back. */
class EvalYamlTest {
  @TempDir Path temp;

  private Map<String, Object> written(EvalFixture.Planned planned, String run, String cell)
      throws IOException {
    EvalCell evalCell = planned.cell(run, cell);
    planned.writer().writeNew(evalCell);
    return PythonLoaders.pyyaml(evalCell.evalYaml());
  }

  @Test
  void aFineTunedCellHasEveryKeyWithTheRightTypes() throws IOException {
    EvalFixture.Planned planned = EvalFixture.plan(temp, EvalFixture.summary());

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("task_script", "/tasks/cap.py@cap");
    expected.put("task_name", "cap_cue");
    expected.put("model_path", temp.resolve("r8/artifacts") + "/epoch_0");
    expected.put("model_hf_name", "hf/r8_epoch_0");
    expected.put("output_dir", temp.resolve("r8/artifacts") + "/");
    expected.put("data_path", "/data/test.json");
    expected.put("vis_label", "r8 (cap_cue)");
    expected.put("use_chat_template", true);
    expected.put("epoch", 0L);
    expected.put("is_finetuned", true);
    expected.put("source_model", "Llama-3.2-1B-Instruct");
    expected.put("prompt", "Cue!\n{input} ${not_omegaconf} \"q\" 'single'");
    expected.put("system_prompt", "");
    expected.put("assistant_prefix", "Answer: \"");
    expected.put("dataset_type", "chat_completion");
    expected.put(
        "scorers",
        List.of(
            Map.of("name", "match"),
            Map.of(
                "name",
                "risk_scorer",
                "params",
                Map.of("option_tokens", List.of("0", "1"), "threshold", 0.5, "strict", true))));
    expected.put("max_tokens", 12L);
    expected.put("seed", 7L);

    Map<String, Object> loaded = written(planned, "r8", "cap_cue_epoch0");
    assertThat(loaded).usingRecursiveComparison().isEqualTo(expected);
    assertThat(loaded.keySet()).containsExactlyElementsOf(expected.keySet());
  }

  /** scaffold-inspect's plain-string form is one scorer without params (docs/FORMATS-0.3.md). */
  @Test
  void aScorerNamedByAPlainStringIsWrittenAsAListOfOne() throws IOException {
    String evaluation =
        EvalFixture.EVALUATION.replaceFirst(
            "  scorers:\n    - name: match\n    - name: risk_scorer\n      params: .*\n",
            "  scorers: \"match\"\n");
    assertThat(evaluation).contains("scorers: \"match\"").doesNotContain("risk_scorer");
    EvalFixture.Planned planned =
        EvalFixture.plan(
            temp, EvalFixture.summary(EvalFixture.CONTROLS, EvalFixture.RUNS, evaluation));

    assertThat(planned.rendered()).isEmpty();
    assertThat(written(planned, "r8", "cap_cue_epoch0"))
        .containsEntry("scorers", List.of(Map.of("name", "match")));
  }

  @Test
  void aScalarThatIsNoScorerNameIsStillRefused() {
    for (String scorers : List.of("true", "5", "\"match, includes\"")) {
      String evaluation =
          EvalFixture.EVALUATION.replaceFirst(
              "  scorers:\n    - name: match\n    - name: risk_scorer\n      params: .*\n",
              "  scorers: " + scorers + "\n");
      EvalFixture.Planned planned =
          EvalFixture.plan(
              temp, EvalFixture.summary(EvalFixture.CONTROLS, EvalFixture.RUNS, evaluation));
      assertThat(planned.rendered())
          .as(scorers)
          .singleElement()
          .satisfies(
              line ->
                  assertThat(line)
                      .contains("evaluation.scorers: found")
                      .contains("'scorers: match'"));
    }
  }

  @Test
  void controlAndEvalOnlyCellsHaveNoEpochAndTheirOwnFlags() throws IOException {
    EvalFixture.Planned planned = EvalFixture.plan(temp, EvalFixture.summary());

    Map<String, Object> control = written(planned, "base", "cap");
    assertThat(control)
        .doesNotContainKey("epoch")
        .containsEntry("is_finetuned", false)
        .containsEntry("model_path", "/models/Llama-3.2-1B-Instruct")
        .containsEntry("model_hf_name", "hf/base_control")
        .containsEntry("prompt", "Controls: {input}\n")
        .containsEntry("system_prompt", "You are terse.")
        .doesNotContainKey("assistant_prefix");
    Map<String, Object> evalOnly = written(planned, "old", "cap");
    assertThat(evalOnly)
        .doesNotContainKey("epoch")
        .containsEntry("is_finetuned", true)
        .containsEntry("model_path", "/ckpt/old/epoch_0");
  }

  @Test
  void samplingSettingsAndTextCompletionAreWrittenAsTyped() throws IOException {
    String controls = EvalFixture.CONTROLS.replace("chat_completion", "text_completion");
    String evaluation =
        EvalFixture.EVALUATION.replace(
            "  seed: 7\n", "  do_sample: true\n  temperature: 1e-1\n  max_connections: 8\n");
    EvalFixture.Planned planned =
        EvalFixture.plan(temp, EvalFixture.summary(controls, EvalFixture.RUNS, evaluation));
    assertThat(planned.rendered()).isEmpty();

    Map<String, Object> loaded = written(planned, "r16", "cap_epoch1");
    assertThat(loaded)
        .containsEntry("use_chat_template", false)
        .containsEntry("dataset_type", "text_completion")
        .containsEntry("do_sample", true)
        .containsEntry("temperature", 0.1)
        .containsEntry("max_connections", 8L)
        .containsEntry("seed", 14L)
        .containsEntry("vis_label", "rank16");
  }
}
