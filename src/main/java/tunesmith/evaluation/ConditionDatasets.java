package tunesmith.evaluation;

import java.util.Optional;

/**
 * The test file cruijff_kit's generator writes for a condition of {@code
 * data.data_generation.conditions} ({@code {condition}_test_{hash8}.json}). The resolver belongs to
 * the experiment reader, which computes the same name for training conditions.
 */
@FunctionalInterface
public interface ConditionDatasets {
  /** The path, or empty when it cannot be computed here (an input error naming the way out). */
  Optional<String> testFile(String condition);
}
