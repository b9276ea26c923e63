package tunesmith.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated experiment of many fine-tuned runs (a lora_rank x learning-rate x seed grid on one
 * model), for the crash and lock tests. Its claude.local.md sits beside experiment_summary.yaml; no
 * path needs to exist.
 */
public final class LargeExperiment {
  private LargeExperiment() {}

  /** Names of the runs {@link #write} creates, in plan order. */
  public static List<String> runNames(int runs) {
    List<String> names = new ArrayList<>(runs);
    for (int i = 0; i < runs; i++) {
      names.add(String.format("r%d_lr%de-5_s%04d", 8 << (i % 3), 1 + i % 5, i));
    }
    return names;
  }

  /**
   * Writes {@code directory/experiment_summary.yaml} (and claude.local.md) with {@code runs}
   * fine-tuned runs and one control.
   */
  public static Path write(Path directory, int runs, int epochs) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("experiment:\n  name: big_sweep\n  directory: ")
        .append(directory)
        .append("\n  date: \"2026-11-29\"\n");
    yaml.append("tools:\n  preparation: torchtune\n");
    yaml.append(
        "variables:\n  lora_rank: [8, 16, 32]\n  learning_rate: [1e-5, 2e-5, 3e-5, 4e-5, 5e-5]\n");
    yaml.append("controls:\n  epochs: ")
        .append(epochs)
        .append(
            "\n  batch_size: 4\n  prompt: \"Capitalize: {input}\\n\"\n  num_warmup_steps: 10\n");
    yaml.append(
        "models:\n  base:\n    - name: Llama-3.2-1B-Instruct\n      path: /models/Llama-3.2-1B-Instruct\n");
    yaml.append(
        "data:\n  training:\n    path: /data/words.json\n    label: words\n    format: json\n    splits: {train: 240, validation: 30, test: 30}\n");
    yaml.append("output:\n  base_directory: /ck-outputs/big_sweep\n  wandb_project: big\n");
    yaml.append("runs:\n");
    List<String> names = runNames(runs);
    for (int i = 0; i < runs; i++) {
      yaml.append("  - name: ")
          .append(names.get(i))
          .append("\n    type: fine-tuned\n    model: Llama-3.2-1B-Instruct\n")
          .append("    parameters: {lora_rank: ")
          .append(8 << (i % 3))
          .append(", learning_rate: ")
          .append(1 + i % 5)
          .append("e-5, seed: ")
          .append(i)
          .append("}\n");
    }
    yaml.append(
        "  - name: base\n    type: control\n    model: Llama-3.2-1B-Instruct\n    parameters: {}\n");
    try {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve("experiment_summary.yaml"), yaml);
      Files.writeString(
          directory.resolve("claude.local.md"),
          "## SLURM Defaults\n\n- **Account**: `lab`\n- **Default conda environment**: `env1`\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return directory;
  }
}
