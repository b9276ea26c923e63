package tunesmith.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tunesmith.environment.LocalSettings;
import tunesmith.problem.InputProblems;
import tunesmith.yaml.YamlFileReader;
import tunesmith.yaml.YamlMapping;

/** A 2026-format experiment with an evaluation section, to vary in tests. */
final class EvalFixture {
  static final String RUNS =
      """
      runs:
        - name: r8
          type: fine-tuned
          model: Llama-3.2-1B-Instruct
          parameters: {lora_rank: 8, lr: 1e-5}
        - name: r16
          type: fine-tuned
          model: Llama-3.2-1B-Instruct
          parameters: {lora_rank: 16, lr: 5e-5, prompt: "Run prompt: {input}"}
        - name: base
          type: control
          model: Llama-3.2-1B-Instruct
          parameters: {}
        - name: old
          type: eval-only
          model: Llama-3.2-1B-Instruct
          parameters: {checkpoint_path: /ckpt/old/epoch_0}
      """;

  static final String EVALUATION =
      """
      evaluation:
        seed: 7
        max_tokens: 12
        scorers:
          - name: match
          - name: risk_scorer
            params: {option_tokens: ["0", "1"], threshold: 0.5, strict: true}
        tasks:
          - name: cap
            script: /tasks/cap.py
            description: capitalization
            dataset: /data/test.json
          - name: cap_cue
            script: /tasks/cap.py@cap
            description: with a cue
            dataset: /data/test.json
            prompt: "Cue!\\n{input} ${not_omegaconf} \\"q\\" 'single'"
            system_prompt: ""
            assistant_prefix: 'Answer: "'
        matrix:
          - run: r8
            tasks: [cap, cap_cue]
            epochs: [0, 1]
          - run: r16
            vis_label: rank16
            tasks: [cap]
            epochs: [1]
          - run: base
            tasks: [cap]
            epochs: null
          - run: old
            tasks: [cap]
            epochs: null
      """;

  static final String CONTROLS =
      """
      controls:
        epochs: 2
        prompt: "Controls: {input}\\n"
        system_prompt: "You are terse."
        dataset_type: chat_completion
      """;

  private EvalFixture() {}

  static String summary(String controls, String runs, String evaluation) {
    return """
        experiment:
          name: eval_test
          dir: /tmp/not-used
        tools: {preparation: torchtune, evaluation: inspect-ai}
        """
        + controls
        + """
        models:
          base:
            - name: Llama-3.2-1B-Instruct
              path: /models/Llama-3.2-1B-Instruct
        data:
          training: {path: /data/train.json, dataset_label: words, format: json}
        output: {wandb_project: p}
        """
        + runs
        + evaluation;
  }

  static String summary() {
    return summary(CONTROLS, RUNS, EVALUATION);
  }

  /** Plans the cells of {@code text}, written to {@code dir}/experiment_summary.yaml. */
  static Planned plan(Path dir, String text) {
    return plan(dir, text, LocalSettings.none(List.of()));
  }

  static Planned plan(Path dir, String text, LocalSettings local) {
    Path file = dir.resolve("experiment_summary.yaml");
    try {
      Files.createDirectories(dir);
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    InputProblems problems = new InputProblems();
    YamlMapping root = (YamlMapping) YamlFileReader.parse(file, text, problems).orElseThrow();
    Evaluation.Plan plan =
        Evaluation.plan(
            file,
            root,
            dir,
            local,
            EvalModels.cruijffKit(),
            ConditionDatasets.UNAVAILABLE,
            problems);
    return new Planned(plan, problems);
  }

  record Planned(Evaluation.Plan plan, InputProblems problems) {
    List<String> rendered() {
      return problems.list().stream().map(p -> p.render()).toList();
    }

    EvalCell cell(String run, String name) {
      return plan.cells().stream()
          .filter(cell -> cell.run().name().equals(run) && cell.name().equals(name))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no cell " + run + "/" + name));
    }
  }

  static Map<String, Object> map(Object value) {
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) value;
    return map;
  }
}
