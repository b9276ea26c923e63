package tunesmith.setup;

import java.util.Optional;
import tunesmith.catalog.ModelSpec;
import tunesmith.profile.Profile.ModelResource;

/** What a profile's {@link ModelResource} reads from a model's catalog entry. */
final class ModelResources {
  /** cruijff_kit 0.3's model_configs.py: RAM = VRAM, 80G per GPU. */
  private static final int GIGABYTES_PER_GPU = 80;

  private ModelResources() {}

  static Optional<String> of(ModelResource resource, ModelSpec spec) {
    return switch (resource) {
      case MEM -> Optional.of(spec.mem());
      case MEM_80G_PER_GPU -> Optional.of(GIGABYTES_PER_GPU * spec.gpus() + "G");
      case PARTITION -> spec.partition();
      case CONSTRAINT -> spec.constraint();
      case CPUS -> Optional.of(Integer.toString(spec.cpus()));
      case CPUS_ONE_PER_GPU, GPUS -> Optional.of(Integer.toString(spec.gpus()));
    };
  }
}
