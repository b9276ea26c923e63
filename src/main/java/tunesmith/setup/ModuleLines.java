package tunesmith.setup;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tunesmith.problem.Placeholder;

/** Reads the "Module System" lines of claude.local.md as module names for the script. */
public final class ModuleLines {
  private static final Pattern LOAD = Pattern.compile("module\\s+(load|add)\\s+(.+)");
  private static final Pattern PURGE = Pattern.compile("module\\s+purge");

  private ModuleLines() {}

  /**
   * The modules loaded by {@code module load a b} lines. Other lines are not copied: arbitrary
   * shell from a notes file does not belong in a batch script ({@link #unsupported} names them).
   */
  public static List<String> moduleNames(List<String> lines) {
    List<String> names = new ArrayList<>();
    for (String line : lines) {
      var load = LOAD.matcher(line.trim());
      if (load.matches() && Placeholder.in(line).isEmpty()) {
        names.addAll(List.of(load.group(2).trim().split("\\s+")));
      }
    }
    return names;
  }

  /** Lines that are not copied (neither module loads nor purges, or unfilled), for a warning. */
  public static List<String> unsupported(List<String> lines) {
    return lines.stream()
        .map(String::trim)
        .filter(
            line ->
                Placeholder.in(line).isPresent()
                    || (!PURGE.matcher(line).matches() && !LOAD.matcher(line).matches()))
        .toList();
  }
}
