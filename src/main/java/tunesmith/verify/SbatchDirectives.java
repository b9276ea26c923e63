package tunesmith.verify;

import java.util.LinkedHashMap;
import java.util.Map;

/** The #SBATCH options of a batch script, read as sbatch reads them. */
public final class SbatchDirectives {
  private SbatchDirectives() {}

  /**
   * Options by long name. Like sbatch, stops at the first line that is neither blank nor a comment:
   * a directive after a command is silently ignored by SLURM, so it is ignored here too.
   */
  public static Map<String, String> parse(String script) {
    Map<String, String> options = new LinkedHashMap<>();
    for (String line : script.split("\n", -1)) {
      String trimmed = line.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (!trimmed.startsWith("#")) {
        break;
      }
      if (!trimmed.startsWith("#SBATCH")) {
        continue;
      }
      String option = trimmed.substring("#SBATCH".length()).trim();
      if (!option.startsWith("--")) {
        continue;
      }
      int equals = option.indexOf('=');
      int space = option.indexOf(' ');
      int split = equals >= 0 && (space < 0 || equals < space) ? equals : space;
      if (split < 0) {
        options.put(option.substring(2), "");
      } else {
        String value = option.substring(split + 1).trim();
        int comment = value.indexOf(" #");
        options.put(
            option.substring(2, split), comment >= 0 ? value.substring(0, comment).trim() : value);
      }
    }
    return options;
  }
}
