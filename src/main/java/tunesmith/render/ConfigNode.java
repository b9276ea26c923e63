package tunesmith.render;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tree of a generated finetune.yaml. Built first, then emitted: values are never spliced into
 * text.
 */
public sealed interface ConfigNode {

  /** Keys keep insertion order, which is the order they are written in. */
  record Section(Map<String, ConfigNode> entries) implements ConfigNode {
    public Section {
      entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }
  }

  record Sequence(List<ConfigNode> items) implements ConfigNode {
    public Sequence {
      items = List.copyOf(items);
    }
  }

  /** A string to be read back verbatim: escaped for YAML and for OmegaConf's ${...}. */
  record Text(String value) implements ConfigNode {}

  /**
   * A string read back verbatim by plain YAML loaders (PyYAML), for files OmegaConf never reads:
   * {@code ${...}} is not escaped.
   */
  record PlainText(String value) implements ConfigNode {}

  /** A string holding OmegaConf interpolations such as {@code ${output_dir}}: written as is. */
  record Interpolation(String expression) implements ConfigNode {}

  record Integer(long value) implements ConfigNode {}

  /** Written so that PyYAML and OmegaConf both read a float (never bare {@code 1e-5}). */
  record Decimal(BigDecimal value) implements ConfigNode {}

  record Bool(boolean value) implements ConfigNode {}

  record Null() implements ConfigNode {}

  static Text text(String value) {
    return new Text(value);
  }

  static Sequence texts(List<String> values) {
    return new Sequence(values.stream().map(ConfigNode::text).map(ConfigNode.class::cast).toList());
  }
}
