package tunesmith.torchtune;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a recipe does with a config: the top-level keys it reads without a default, the ones it
 * reads with one, what it passes itself when it instantiates each section, and whether it runs a
 * validation loop.
 */
public record RecipeSpec(
    String name,
    boolean validationLoop,
    List<String> requiredKeys,
    List<String> optionalKeys,
    Map<String, Supplied> supplies,
    Set<String> readKeys) {

  public RecipeSpec {
    requiredKeys = List.copyOf(requiredKeys);
    optionalKeys = List.copyOf(optionalKeys);
    supplies = Map.copyOf(supplies);
    readKeys = Set.copyOf(readKeys);
  }

  /**
   * A recipe as the catalog states it; {@code readKeys}, both lists as one set, is asked for every
   * key of every run.
   */
  public RecipeSpec(
      String name,
      boolean validationLoop,
      List<String> requiredKeys,
      List<String> optionalKeys,
      Map<String, Supplied> supplies) {
    this(
        name,
        validationLoop,
        requiredKeys,
        optionalKeys,
        supplies,
        union(requiredKeys, optionalKeys));
  }

  private static Set<String> union(List<String> required, List<String> optional) {
    Set<String> keys = new HashSet<>(required);
    keys.addAll(optional);
    return keys;
  }

  /** The arguments a recipe adds at {@code config.instantiate(cfg.section, ...)}. */
  public record Supplied(int positional, List<String> keywords) {
    public static final Supplied NOTHING = new Supplied(0, List.of());

    public Supplied {
      keywords = List.copyOf(keywords);
    }
  }

  /** What the recipe passes to the component at top-level key {@code section}. */
  public Supplied supplied(String section) {
    return supplies.getOrDefault(section, Supplied.NOTHING);
  }

  /** Whether the recipe reads {@code key} at all. */
  public boolean reads(String key) {
    return readKeys.contains(key);
  }
}
