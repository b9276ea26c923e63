package tunesmith.keys;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One setup value as given, with where it came from so a bad value is reported at its source (a
 * line of experiment_summary.yaml, of setup_finetune.yaml, or a command-line flag).
 *
 * @param text the value's text, or null for an explicit YAML null (the key is then unset)
 */
public record SetupValue(String text, Origin origin) {

  /** Where a value came from. {@code line} 0 means no line (a flag, a built-in). */
  public record Origin(Path file, String field, int line, int column) {
    // One instance each: built-in origins are made for every run of a plan.
    private static final Path BUILT_IN = Path.of("(built in)");
    private static final Path COMMAND_LINE = Path.of("command line");

    public static Origin builtIn(String why) {
      return new Origin(BUILT_IN, why, 0, 0);
    }

    public static Origin flag(String flag) {
      return new Origin(COMMAND_LINE, flag, 0, 0);
    }

    // equals and hashCode spelt out, as the record's own would compare: the generated ones go
    // through method handles, slow under C1, and a plan looks every run's values up by them.
    @Override
    public boolean equals(Object other) {
      return other instanceof Origin that
          && line == that.line
          && column == that.column
          && Objects.equals(file, that.file)
          && Objects.equals(field, that.field);
    }

    @Override
    public int hashCode() {
      return ((Objects.hashCode(file) * 31 + Objects.hashCode(field)) * 31 + line) * 31 + column;
    }
  }

  public static SetupValue builtIn(String text, String why) {
    return new SetupValue(text, Origin.builtIn(why));
  }

  public boolean isNull() {
    return text == null;
  }

  // As in Origin: the record's own equals and hashCode, without method handles.
  @Override
  public boolean equals(Object other) {
    return other instanceof SetupValue that
        && Objects.equals(text, that.text)
        && Objects.equals(origin, that.origin);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(text) * 31 + Objects.hashCode(origin);
  }
}
