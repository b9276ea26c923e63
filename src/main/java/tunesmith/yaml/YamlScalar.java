package tunesmith.yaml;

/**
 * A scalar exactly as written. {@code plain} is false for quoted and block scalars, which YAML
 * never reads as null, booleans or numbers.
 */
public record YamlScalar(String text, boolean plain, int line, int column) implements YamlNode {

  public boolean isNull() {
    return plain && (text.isEmpty() || text.equals("~") || text.equalsIgnoreCase("null"));
  }

  @Override
  public String describe() {
    return isNull() ? "null" : "'" + text + "'";
  }
}
