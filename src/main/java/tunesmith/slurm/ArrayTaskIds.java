package tunesmith.slurm;

import java.util.ArrayList;
import java.util.List;

/**
 * The task ids of an array index expression as SLURM prints it: {@code 4}, {@code 1-5%2}, {@code
 * [3,5,7-9]}, {@code 0-9:3}.
 */
public final class ArrayTaskIds {
  /** Guards against a malformed range expanding into millions of ids. */
  private static final int MAX_TASKS = 1_000_000;

  private ArrayTaskIds() {}

  /** The ids; empty when the text is not an index expression (e.g. {@code N/A}). */
  public static List<Integer> expand(String text) {
    String ranges = text.strip().replaceAll("^\\[|]$", "").replaceAll("%\\d+$", "");
    List<Integer> ids = new ArrayList<>();
    for (String range : ranges.split(",")) {
      if (!range.matches("\\d+(-\\d+(:\\d+)?)?")) {
        return List.of();
      }
      String[] stepParts = range.split(":");
      int step = stepParts.length > 1 ? Math.max(1, Integer.parseInt(stepParts[1])) : 1;
      String[] bounds = stepParts[0].split("-");
      int first = Integer.parseInt(bounds[0]);
      int last = bounds.length > 1 ? Integer.parseInt(bounds[1]) : first;
      for (int id = first; id <= last && ids.size() < MAX_TASKS; id += step) {
        ids.add(id);
      }
    }
    return ids;
  }
}
