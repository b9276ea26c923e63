package tunesmith.yaml;

import java.util.List;
import java.util.Optional;

/** A mapping whose keys are strings, in file order. Duplicate keys are rejected when reading. */
public record YamlMapping(List<Entry> entries, int line, int column) implements YamlNode {

  /**
   * One key and its value. {@code keyPlain} is false for a quoted key, which YAML never reads as a
   * number.
   */
  public record Entry(String key, int keyLine, int keyColumn, YamlNode value, boolean keyPlain) {
    public Entry(String key, int keyLine, int keyColumn, YamlNode value) {
      this(key, keyLine, keyColumn, value, true);
    }
  }

  public YamlMapping {
    entries = List.copyOf(entries);
  }

  public Optional<Entry> entry(String key) {
    for (Entry entry : entries) {
      if (entry.key().equals(key)) {
        return Optional.of(entry);
      }
    }
    return Optional.empty();
  }

  public Optional<YamlNode> get(String key) {
    return entry(key).map(Entry::value);
  }

  @Override
  public String describe() {
    return "a mapping";
  }
}
