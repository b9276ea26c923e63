package tunesmith.results;

/**
 * The Wilson score interval for a proportion (95%: z = 1.959964): unlike p ± 1.96·se it stays
 * within [0, 1] and is not empty at p = 0 or 1 (docs/SUMMARIZE.md).
 */
public record WilsonInterval(double low, double high) {
  static final double Z95 = 1.959963984540054;

  /** The 95% interval for {@code proportion} of {@code n} trials; n must be at least 1. */
  public static WilsonInterval of95(double proportion, long n) {
    if (n < 1) {
      throw new IllegalArgumentException("no trials");
    }
    double z2 = Z95 * Z95;
    double centre = (proportion + z2 / (2.0 * n)) / (1 + z2 / n);
    double half =
        Z95 / (1 + z2 / n) * Math.sqrt(proportion * (1 - proportion) / n + z2 / (4.0 * n * n));
    // At 0 and 1 the bound is exactly the proportion; rounding would leave it a hair inside.
    return new WilsonInterval(
        proportion <= 0 ? 0 : Math.max(0, centre - half),
        proportion >= 1 ? 1 : Math.min(1, centre + half));
  }
}
