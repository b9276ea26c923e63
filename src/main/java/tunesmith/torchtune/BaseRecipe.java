package tunesmith.torchtune;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The values one torchtune recipe config gives the setup keys that {@code base_recipe} fills, as
 * cruijff_kit's loader (PyYAML) reads them. See docs/SETUP-0.3.md.
 *
 * @param name the config's name as {@code tune ls} lists it, e.g. {@code
 *     llama3_2/1B_lora_single_device}
 * @param file where torchtune keeps it, e.g. {@code recipes/configs/llama3_2/...yaml}
 * @param values per setup key, in cruijff_kit's mapping order: the value as written, or empty when
 *     the config sets the key to null; a key the config lacks is not here
 * @param strings keys whose value PyYAML reads as a string although it looks like a number ({@code
 *     lr: 3e-4}: YAML 1.1 floats need a dot)
 */
public record BaseRecipe(
    String name, String file, Map<String, Optional<String>> values, Set<String> strings) {

  public BaseRecipe {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    strings = Set.copyOf(strings);
  }
}
