package tunesmith.render;

import java.util.Map;

/** What verify's design check compares a row with. */
public sealed interface KeyDesign {
  /**
   * The setup keys whose designed values the row carries, each with the dotted path (the row's or
   * one below it) where the check reads it.
   */
  record Carries(Map<String, String> keys) implements KeyDesign {
    public Carries {
      if (keys.isEmpty()) {
        throw new IllegalArgumentException("a design check carries at least one key");
      }
      keys = Map.copyOf(keys);
    }
  }

  /** No designed value to compare the row with, and why. */
  record Unchecked(String because) implements KeyDesign {
    public Unchecked {
      if (because.isBlank()) {
        throw new IllegalArgumentException("a row without a design check says why");
      }
    }
  }
}
