package tunesmith.render;

import java.util.Map;
import tunesmith.yaml.YamlText;

/** Writes a {@link ConfigNode} tree as block-style YAML. */
public final class YamlEmitter {
  private YamlEmitter() {}

  public static String emit(ConfigNode.Section root) {
    StringBuilder out = new StringBuilder(4096);
    section(root, 0, out);
    return out.toString();
  }

  private static void section(ConfigNode.Section section, int indent, StringBuilder out) {
    for (Map.Entry<String, ConfigNode> entry : section.entries().entrySet()) {
      out.append("  ".repeat(indent)).append(YamlText.string(entry.getKey())).append(':');
      ConfigNode value = entry.getValue();
      if (value instanceof ConfigNode.Section child && !child.entries().isEmpty()) {
        out.append('\n');
        section(child, indent + 1, out);
      } else {
        out.append(' ').append(inline(value)).append('\n');
      }
    }
  }

  private static String inline(ConfigNode node) {
    if (node instanceof ConfigNode.Text text) {
      return YamlText.string(YamlText.escapeInterpolations(text.value()));
    }
    if (node instanceof ConfigNode.PlainText text) {
      return YamlText.string(text.value());
    }
    if (node instanceof ConfigNode.Interpolation interpolation) {
      return YamlText.doubleQuoted(interpolation.expression());
    }
    if (node instanceof ConfigNode.Integer integer) {
      return Long.toString(integer.value());
    }
    if (node instanceof ConfigNode.Decimal decimal) {
      return YamlText.decimal(decimal.value());
    }
    if (node instanceof ConfigNode.Bool bool) {
      return Boolean.toString(bool.value());
    }
    if (node instanceof ConfigNode.Null) {
      return "null";
    }
    if (node instanceof ConfigNode.Sequence sequence) {
      StringBuilder out = new StringBuilder("[");
      for (int i = 0; i < sequence.items().size(); i++) {
        out.append(i == 0 ? "" : ", ").append(inline(sequence.items().get(i)));
      }
      return out.append(']').toString();
    }
    if (node instanceof ConfigNode.Section section) {
      StringBuilder out = new StringBuilder("{");
      int i = 0;
      for (Map.Entry<String, ConfigNode> entry : section.entries().entrySet()) {
        out.append(i++ == 0 ? "" : ", ")
            .append(YamlText.string(entry.getKey()))
            .append(": ")
            .append(inline(entry.getValue()));
      }
      return out.append('}').toString();
    }
    throw new IllegalArgumentException("unknown node " + node);
  }
}
