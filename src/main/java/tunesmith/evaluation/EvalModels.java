package tunesmith.evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tunesmith.catalog.ModelCatalog;
import tunesmith.catalog.ModelSpec;

/**
 * The models an evaluation job can load, with the SLURM resources of cruijff_kit 0.3's model table
 * (its {@code model_configs.py}, which the target's model catalog holds). A model not listed is an
 * input error, as in cruijff_kit, rather than a job that fails on the cluster.
 */
public final class EvalModels {
  /** Resources of one model's evaluation job. */
  public record Resources(String mem, int cpus, int gpus) {}

  private final Map<String, Resources> models;

  public EvalModels(Map<String, Resources> models) {
    this.models = Map.copyOf(models);
  }

  /** The catalog's models with their mem, cpus and gpus (the same table sizes training jobs). */
  public static EvalModels from(ModelCatalog catalog) {
    Map<String, Resources> models = new LinkedHashMap<>();
    for (String name : catalog.names()) {
      ModelSpec spec = catalog.find(name).orElseThrow();
      models.put(name, new Resources(spec.mem(), spec.cpus(), spec.gpus()));
    }
    return new EvalModels(models);
  }

  public Optional<Resources> find(String model) {
    return Optional.ofNullable(models.get(model));
  }

  public List<String> names() {
    return models.keySet().stream().sorted().toList();
  }
}
