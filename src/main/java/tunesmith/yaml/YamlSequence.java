package tunesmith.yaml;

import java.util.List;

public record YamlSequence(List<YamlNode> items, int line, int column) implements YamlNode {
  public YamlSequence {
    items = List.copyOf(items);
  }

  @Override
  public String describe() {
    return "a list";
  }
}
