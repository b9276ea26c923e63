package tunesmith.environment;

import java.util.function.Predicate;

/**
 * What a heading of claude.local.md is about, as far as reading settings goes. Headings are
 * compared in normalized form (lower case, single spaces).
 */
enum HeadingTopic {
  SLURM_DEFAULTS(heading -> heading.equals("slurm defaults")),
  WEIGHTS_AND_BIASES(
      heading ->
          heading.contains("weights & biases")
              || heading.contains("weights and biases")
              || heading.contains("w&b")
              || heading.contains("wandb")),
  GITHUB(heading -> heading.contains("github")),
  MODULE_SYSTEM(heading -> heading.contains("module system"));

  private final Predicate<String> matchesNormalizedHeading;

  HeadingTopic(Predicate<String> matchesNormalizedHeading) {
    this.matchesNormalizedHeading = matchesNormalizedHeading;
  }

  boolean matches(String normalizedHeading) {
    return matchesNormalizedHeading.test(normalizedHeading);
  }

  /**
   * A section about another tool: its labels (e.g. the GitHub "Username") describe that tool, not
   * the cluster, so they set nothing unless a setting asks for that section by name.
   */
  boolean isForeign() {
    return this == GITHUB || this == WEIGHTS_AND_BIASES;
  }
}
