package tunesmith.keys;

import java.nio.file.Path;

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
  }

  public static SetupValue builtIn(String text, String why) {
    return new SetupValue(text, Origin.builtIn(why));
  }

  public boolean isNull() {
    return text == null;
  }
}
