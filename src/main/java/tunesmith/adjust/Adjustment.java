package tunesmith.adjust;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one {@code tunesmith retry} changed in a run's setup before submitting it again.
 *
 * @param attempt the attempt the changed run was submitted as (2 for the first retry)
 * @param cause why the attempt before failed (a FailureCause name, e.g. CUDA_OUT_OF_MEMORY)
 * @param at ISO-8601 time of the change
 * @param changes setup key -> its value before and after ("" for unset), in the order they were
 *     changed
 */
public record Adjustment(int attempt, String cause, String at, Map<String, Change> changes) {
  /** The cause of a change {@code tunesmith setup --KEY VALUE} recorded (not a retry's). */
  public static final String SETUP = "SETUP";

  /** One setup key's value before and after. */
  public record Change(String from, String to) {}

  public Adjustment {
    changes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(changes));
  }

  /** {@code batch_size 8 -> 4; gradient_accumulation_steps 1 -> 2}, or "no change". */
  public String describe() {
    if (changes.isEmpty()) {
      return "no change";
    }
    return changes.entrySet().stream()
        .map(
            entry ->
                entry.getKey()
                    + " "
                    + spelt(entry.getValue().from())
                    + " -> "
                    + spelt(entry.getValue().to()))
        .collect(Collectors.joining("; "));
  }

  /** An unset value (a resume path before the first resume) as the word "unset". */
  private static String spelt(String value) {
    return value.isEmpty() ? "unset" : value;
  }
}
