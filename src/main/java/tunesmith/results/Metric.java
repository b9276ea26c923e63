package tunesmith.results;

/**
 * One score of a cell.
 *
 * @param source the inspect scorer it came from ({@code match}, {@code continuous_scorer}, ...), or
 *     {@link CellMetrics#FROM_SAMPLES} for what tunesmith computed from the samples
 */
public record Metric(String name, double value, String source) {}
