package tunesmith.evaluation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models an evaluation job can load, with the SLURM resources cruijff_kit 0.3's model table
 * gives them (its {@code model_configs.py}). A model not listed is an input error, as in
 * cruijff_kit, rather than a job that fails on the cluster.
 */
public final class EvalModels {
  /** Resources of one model's evaluation job. */
  public record Resources(String mem, int cpus, int gpus) {}

  private static final Resources SMALL = new Resources("80G", 1, 1);

  private static final Map<String, Resources> MODELS =
      Map.of(
          "Llama-3.2-1B", SMALL,
          "Llama-3.2-1B-Instruct", SMALL,
          "Llama-3.2-3B-Instruct", SMALL,
          "Llama-3.1-8B-Instruct", SMALL,
          "Llama-3.3-70B-Instruct", new Resources("320G", 4, 4),
          "Mistral-7B-v0.1", SMALL,
          "Mistral-7B-Instruct-v0.1", SMALL,
          "Qwen2.5-3B", SMALL,
          "Qwen2.5-3B-Instruct", SMALL);

  private final Map<String, Resources> models;

  public EvalModels(Map<String, Resources> models) {
    this.models = Map.copyOf(models);
  }

  /** cruijff_kit 0.3's models. */
  public static EvalModels cruijffKit() {
    return new EvalModels(MODELS);
  }

  public Optional<Resources> find(String model) {
    return Optional.ofNullable(models.get(model));
  }

  public List<String> names() {
    return models.keySet().stream().sorted().toList();
  }
}
