package tunesmith.experiment;

import java.nio.file.Path;
import tunesmith.testing.Fixtures;

/**
 * A small, valid experiment_summary.yaml in the cruijff_kit-0.3 format (experiment.dir) to vary in
 * tests.
 */
public final class CruijffKit03Yaml {
  public static final String CONTROLS =
      """
              epochs: 1
              batch_size: 4
              gradient_accumulation_steps: 1
              prompt: "Capitalize: {input}\\n"
              system_prompt: ""
              dataset_type: chat_completion
              validation_during_training: false
            """;

  public static final String RUNS =
      """
              - name: r8_lr1e-5
                type: fine-tuned
                model: Llama-3.2-1B-Instruct
                parameters: {lora_rank: 8, lr: 1e-5}
              - name: r16_lr5e-5
                type: fine-tuned
                model: Llama-3.2-1B-Instruct
                parameters: {lora_rank: 16, learning_rate: 5e-5}
                compute: {time: "01:30:00", gpus: 1, mem: 60G, cpus_per_task: 2}
              - name: base
                type: control
                model: Llama-3.2-1B-Instruct
                parameters: {}
              - name: earlier_rank8
                type: eval-only
                model: Llama-3.2-1B-Instruct
                parameters: {checkpoint_path: /abs/old/r8/artifacts/epoch_0}
            """;

  private CruijffKit03Yaml() {}

  public static String summary(Path dir, String controls, String runs) {
    return """
                experiment:
                  name: cap_sweep
                  project: capitalization
                  question: Does rank matter?
                  hypothesis: Higher rank helps.
                  purpose: A test.
                  date: "2026-11-20"
                  dir: %s
                tools:
                  preparation: torchtune
                  evaluation: inspect-ai
                variables:
                  lora_rank: [8, 16]
                  lr: [1e-5, 5e-5]
                controls:
                %smodels:
                  base:
                    - name: Llama-3.2-1B-Instruct
                      path: /abs/pretrained-llms/Llama-3.2-1B-Instruct
                      size_gb: 2.5
                data:
                  training:
                    path: /abs/data/words_4L.json
                    dataset_label: words_4L
                    format: json
                    size_kb: 40
                    splits: {train: 240, validation: 30, test: 30}
                output:
                  wandb_project: capitalization
                runs:
                %sevaluation:
                  scorers: [{name: match}]
                  tasks:
                    - name: capitalization
                      script: /abs/tasks/cap_task.py
                      dataset: /abs/data/words_4L_test.json
                  matrix:
                    - run: r8_lr1e-5
                      tasks: [capitalization]
                      epochs: [0]
                    - run: base
                      tasks: [capitalization]
                      epochs: null
                """
        .formatted(dir.toAbsolutePath(), controls, runs);
  }

  public static String typical(Path dir) {
    return summary(dir, CONTROLS, RUNS);
  }

  /** cruijff_kit's config_hash cases on the test class path: source.csv and schema.yaml. */
  public static Path configHash() {
    return Fixtures.resource("config_hash");
  }

  /**
   * A data_generation block, indented to stand under {@code data:}, over {@link #configHash()}'s
   * source.csv and schema.yaml with one condition, dict_basic. cruijff_kit's resolve_dataset_path
   * names its files dict_basic_{train,test}_e4735702.json
   * (src/test/resources/config_hash/expected.yaml).
   */
  public static String dataGeneration() {
    return """
          data_generation:
            tool: tabular_to_text_gen
            source: %s
            schema: %s
            target: {column: PINCP, threshold: 50000}
            split_ratio: 0.7
            validation_ratio: 0.1
            seed: 42
            conditions:
              dict_basic:
                features: [AGEP, SEX]
                template: dictionary
        """
        .formatted(configHash().resolve("source.csv"), configHash().resolve("schema.yaml"));
  }

  /** {@code yaml} with {@link #dataGeneration()} as the first key under {@code data:}. */
  public static String withDataGeneration(String yaml) {
    return yaml.replace("data:\n", "data:\n" + dataGeneration());
  }

  /**
   * {@code yaml} whose run with {@code parameters: {lora_rank: 8, lr: 1e-5}} (r8_lr1e-5, here and
   * in examples/capitalization_sweep_2026) trains on the generated {@code condition}.
   */
  public static String withTrainingCondition(String yaml, String condition) {
    return yaml.replace(
        "    parameters: {lora_rank: 8, lr: 1e-5}\n",
        "    parameters: {lora_rank: 8, lr: 1e-5}\n    training_condition: " + condition + "\n");
  }
}
