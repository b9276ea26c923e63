package tunesmith.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A finetune.slurm read back as sbatch and bash would: its {@code #SBATCH} options and its command
 * lines.
 */
public final class SlurmScript {
  private static final Pattern SBATCH =
      Pattern.compile("^#SBATCH\\s+--([A-Za-z-]+)(?:[=\\s]\\s*(.*?))?\\s*$");

  private final Path file;
  private final String text;
  private final List<String[]> options = new ArrayList<>();

  private SlurmScript(Path file, String text) {
    this.file = file;
    this.text = text;
    for (String line : text.split("\n", -1)) {
      Matcher m = SBATCH.matcher(line);
      if (m.matches()) {
        options.add(new String[] {m.group(1), m.group(2) == null ? "" : unquote(m.group(2))});
      }
    }
  }

  /**
   * The {@code #SBATCH --name=value} lines of any script by name, each value up to the first blank
   * (cruijff_kit's templates follow them with comments), without the mail lines (tunesmith writes
   * none): what two scripts ask SLURM for, to compare them.
   */
  public static Map<String, String> requests(String script) {
    Map<String, String> directives = new LinkedHashMap<>();
    Matcher matcher = Pattern.compile("(?m)^#SBATCH --([a-z-]+)=(\\S+)").matcher(script);
    while (matcher.find()) {
      directives.put(matcher.group(1), matcher.group(2));
    }
    directives.remove("mail-type");
    directives.remove("mail-user");
    return directives;
  }

  /** What {@code tune run} is given before {@code --config}: the GPU count and the recipe. */
  public static String tuneRecipe(String script) {
    Matcher matcher = Pattern.compile("tune run ((?:--nproc_per_node=\\d+ )?\\S+)").matcher(script);
    if (!matcher.find()) {
      throw new AssertionError("no tune run in\n" + script);
    }
    return matcher.group(1);
  }

  public static SlurmScript read(Path file) {
    return new SlurmScript(file, Fixtures.read(file));
  }

  public String text() {
    return text;
  }

  public Path file() {
    return file;
  }

  /**
   * The value of {@code #SBATCH --name=value} (or {@code --name value}), quotes removed; empty if
   * absent.
   */
  public Optional<String> option(String name) {
    List<String> values = options(name);
    if (values.size() > 1) {
      throw new AssertionError(
          "#SBATCH --" + name + " appears " + values.size() + " times in " + file + ": " + values);
    }
    return values.stream().findFirst();
  }

  /** Every value given for an option, in order. */
  public List<String> options(String name) {
    List<String> values = new ArrayList<>();
    for (String[] option : options) {
      if (option[0].equals(name)) {
        values.add(option[1]);
      }
    }
    return values;
  }

  /** Every {@code #SBATCH} option name, in order. */
  public List<String> optionNames() {
    List<String> names = new ArrayList<>();
    for (String[] option : options) {
      names.add(option[0]);
    }
    return names;
  }

  /** The lines bash runs: neither blank nor comments. */
  public List<String> commandLines() {
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      String stripped = line.strip();
      if (!stripped.isEmpty() && !stripped.startsWith("#")) {
        lines.add(stripped);
      }
    }
    return lines;
  }

  /**
   * Command lines with quote characters removed, for matching what a command does regardless of how
   * the script chose to quote its arguments.
   */
  public List<String> commandLinesUnquoted() {
    List<String> lines = new ArrayList<>();
    for (String line : commandLines()) {
      lines.add(line.replace("'", "").replace("\"", ""));
    }
    return lines;
  }

  /**
   * The index in {@link #commandLinesUnquoted()} of the first line that is {@code command}, alone
   * or followed by more words (e.g. {@code conda activate env || { ...; exit 1; }}); -1 if there is
   * none.
   */
  public int indexOfCommand(String command) {
    List<String> lines = commandLinesUnquoted();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.equals(command)
          || line.startsWith(command) && Character.isWhitespace(line.charAt(command.length()))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The first command line (quotes removed) that contains {@code fragment}, or an AssertionError.
   */
  public String commandContaining(String fragment) {
    return commandLinesUnquoted().stream()
        .filter(line -> line.contains(fragment))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no command line of " + file + " contains '" + fragment + "':\n" + text));
  }

  /** {@code bash -n}: the result of a syntax check of the script. */
  public CliResult bashSyntaxCheck() {
    return Processes.run(List.of("bash", "-n", file.toAbsolutePath().toString()), null, null, 30);
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }
}
