package tunesmith.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tunesmith.catalog.ModelCatalogReader;
import tunesmith.problem.InputProblem;
import tunesmith.problem.InvalidInputException;
import tunesmith.problem.Warning;

/** A small, valid experiment_summary.yaml to vary in tests. */
public final class ExperimentYaml {
  public static final String DEFAULT_CONTROLS =
      """
              epochs: 1
              batch_size: 4
              prompt: "Capitalize: {input}\\n"
              system_prompt: ""
              dataset_type: chat_completion
              validation_during_training: false
            """;

  public static final String DEFAULT_RUNS =
      """
              - name: r8_lr1e-5
                type: fine-tuned
                model: Llama-3.2-1B-Instruct
                parameters: {lora_rank: 8, learning_rate: 1e-5}
              - name: r16_lr5e-5
                type: fine-tuned
                model: Llama-3.2-1B-Instruct
                parameters: {lora_rank: 16, learning_rate: 5e-5}
              - name: base
                type: control
                model: Llama-3.2-1B-Instruct
                parameters: {}
            """;

  private ExperimentYaml() {}

  public static String summary(Path dir, String controls, String runs) {
    return """
                experiment:
                  name: cap_sweep
                  directory: %s
                  date: "2025-10-22"
                tools:
                  preparation: torchtune
                  evaluation: inspect-ai
                variables:
                  lora_rank: [8, 16]
                  learning_rate: [1e-5, 5e-5]
                controls:
                %smodels:
                  base:
                    - name: Llama-3.2-1B-Instruct
                      path: /abs/pretrained-llms/Llama-3.2-1B-Instruct
                      size_gb: 2.5
                    - name: Llama-3.3-70B-Instruct
                      path: /abs/pretrained-llms/Llama-3.3-70B-Instruct
                data:
                  training:
                    path: /abs/data/words_4L.json
                    label: words_4L
                    format: json
                    splits: {train: 240, validation: 30, test: 30}
                output:
                  base_directory: /abs/ck-outputs/cap_sweep
                  wandb_project: capitalization
                runs:
                %s"""
        .formatted(dir.toAbsolutePath(), controls, runs);
  }

  public static String typical(Path dir) {
    return summary(dir, DEFAULT_CONTROLS, DEFAULT_RUNS);
  }

  public static Path write(Path dir, String text) {
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(ExperimentReader.FILE_NAME);
      Files.writeString(file, text);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code text} as dir/experiment_summary.yaml and reads it with the built-in catalog. */
  public static ExperimentPlan read(Path dir, String text) {
    write(dir, text);
    return new ExperimentReader(ModelCatalogReader.builtIn()).read(dir);
  }

  /**
   * Writes {@code text} as dir/experiment_summary.yaml and returns the input problems the built-in
   * catalog's reader stops with; fails if it reads the file.
   */
  public static List<InputProblem> problems(Path dir, String text) {
    return problems(new ExperimentReader(ModelCatalogReader.builtIn()), dir, text);
  }

  /**
   * Writes {@code text} as dir/experiment_summary.yaml and returns the input problems {@code
   * reader} stops with; fails if it reads the file.
   */
  public static List<InputProblem> problems(ExperimentReader reader, Path dir, String text) {
    write(dir, text);
    InvalidInputException thrown =
        catchThrowableOfType(InvalidInputException.class, () -> reader.read(dir));
    assertThat(thrown).as("expected input errors").isNotNull();
    return thrown.problems();
  }

  /** The plan's warnings as the user sees them. */
  public static List<String> messages(ExperimentPlan plan) {
    return plan.warnings().stream().map(Warning::render).toList();
  }
}
