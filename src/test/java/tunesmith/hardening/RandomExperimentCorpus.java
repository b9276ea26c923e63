package tunesmith.hardening;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes seeded random experiments (RandomExperimentPropertyTest's generator) into a folder, for
 * scripts/output-fingerprint: a fixed corpus whose scaffold output two builds can be compared on.
 * Per seed: the experiment as drawn (cruijff_kit-2026.01 format), the same runs with
 * chat_completion json (one the cruijff_kit-2026.01 target runs), and that one in the cruijff_kit
 * 0.3 format ({@code experiment.dir}).
 *
 * <p>Usage: {@code java -cp target/test-classes:target/tunesmith.jar
 * tunesmith.hardening.RandomExperimentCorpus DIR COUNT BASE_SEED}
 */
public final class RandomExperimentCorpus {
  private RandomExperimentCorpus() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    long base = Long.parseLong(args[2]);
    for (int i = 0; i < count; i++) {
      long seed = base + i;
      RandomExperimentPropertyTest.ExperimentDesign drawn =
          RandomExperimentPropertyTest.experiment(new Random(seed));
      RandomExperimentPropertyTest.ExperimentDesign runnable =
          RandomExperimentPropertyTest.runnable(drawn, false);
      write(root.resolve("random-" + seed + "-drawn"), drawn, false);
      write(root.resolve("random-" + seed + "-chat"), runnable, false);
      write(root.resolve("random-" + seed + "-dir"), drawn, true);
    }
  }

  private static void write(
      Path experiment, RandomExperimentPropertyTest.ExperimentDesign design, boolean dirKey)
      throws IOException {
    Files.createDirectories(experiment);
    Files.writeString(
        experiment.resolve("experiment_summary.yaml"),
        RandomExperimentPropertyTest.yaml(experiment, design, dirKey));
    Files.writeString(
        experiment.resolve("claude.local.md"), "- **Default conda environment**: `env1`\n");
  }
}
