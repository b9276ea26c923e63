package tunesmith.yaml;

/** A YAML node as read from a user's file, with the 1-based position it started at. */
public sealed interface YamlNode permits YamlScalar, YamlMapping, YamlSequence {
  int line();

  int column();

  /** Words for error messages: what kind of thing this node is. */
  String describe();
}
