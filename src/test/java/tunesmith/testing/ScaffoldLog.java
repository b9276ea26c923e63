package tunesmith.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** scaffold-torchtune.log, parsed into its entries (docs/FILES.md). */
public final class ScaffoldLog {
  /** The actions docs/FILES.md names; no other may appear. */
  public static final Set<String> ACTIONS =
      Set.of(
          "DISCOVER_EXPERIMENT",
          "PARSE_YAML",
          "READ_LOCAL_MD",
          "CREATE_RUN_DIR",
          "GENERATE_YAML",
          "RUN_SETUP",
          "VERIFY",
          "SKIP_CONTROL",
          "WARNING",
          "ERROR",
          "COMPLETE");

  private static final Pattern HEADER =
      Pattern.compile("^\\[(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2})\\] ([A-Z_]+): (.*)$");

  /**
   * One entry: the header's timestamp, action and description, and the lines under it (Details,
   * Result, ...).
   */
  public record Entry(String timestamp, String action, String description, String body) {
    /** Header and body together, for "this entry mentions X" checks. */
    public String text() {
      return action + ": " + description + "\n" + body;
    }
  }

  private final String text;
  private final List<Entry> entries;

  private ScaffoldLog(String text, List<Entry> entries) {
    this.text = text;
    this.entries = entries;
  }

  /**
   * Parses a log; fails if any non-blank line before the first header, or any header, is malformed.
   */
  public static ScaffoldLog read(Path file) {
    String text = Fixtures.read(file);
    List<Entry> entries = new ArrayList<>();
    String timestamp = null;
    String action = null;
    String description = null;
    StringBuilder body = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      Matcher m = HEADER.matcher(line);
      if (m.matches()) {
        if (action != null) {
          entries.add(new Entry(timestamp, action, description, body.toString().strip()));
        }
        timestamp = m.group(1);
        action = m.group(2);
        description = m.group(3);
        body.setLength(0);
      } else if (action == null && !line.isBlank()) {
        throw new AssertionError(
            "log line before any [YYYY-MM-DD HH:MM:SS] ACTION: header: '" + line + "'\n" + text);
      } else if (line.startsWith("[") && line.matches("^\\[[^\\]]*\\] [A-Z_]+:.*")) {
        throw new AssertionError(
            "log header not in the form [YYYY-MM-DD HH:MM:SS] ACTION: ...: '" + line + "'");
      } else {
        body.append(line).append('\n');
      }
    }
    if (action != null) {
      entries.add(new Entry(timestamp, action, description, body.toString().strip()));
    }
    return new ScaffoldLog(text, entries);
  }

  public String text() {
    return text;
  }

  public List<Entry> entries() {
    return entries;
  }

  public List<Entry> entries(String action) {
    return entries.stream().filter(e -> e.action().equals(action)).collect(Collectors.toList());
  }

  public List<String> actions() {
    return entries.stream().map(Entry::action).collect(Collectors.toList());
  }

  /** The WARNING entries whose text contains every one of the fragments (case-insensitive). */
  public List<Entry> warningsMentioning(String... fragments) {
    return entries("WARNING").stream()
        .filter(e -> containsAll(e.text(), fragments))
        .collect(Collectors.toList());
  }

  /**
   * The WARNING entries in which every one of the regular expressions finds a match
   * (case-insensitive).
   */
  public List<Entry> warningsMatching(String... regexes) {
    List<Pattern> patterns =
        java.util.Arrays.stream(regexes)
            .map(r -> Pattern.compile(r, Pattern.CASE_INSENSITIVE))
            .collect(Collectors.toList());
    return entries("WARNING").stream()
        .filter(e -> patterns.stream().allMatch(p -> p.matcher(e.text()).find()))
        .collect(Collectors.toList());
  }

  static boolean containsAll(String text, String... fragments) {
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    for (String fragment : fragments) {
      if (!lower.contains(fragment.toLowerCase(java.util.Locale.ROOT))) {
        return false;
      }
    }
    return true;
  }
}
