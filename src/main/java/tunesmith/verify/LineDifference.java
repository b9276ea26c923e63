package tunesmith.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * Explains how two texts differ line by line: lines changed (found vs expected), added or removed,
 * numbered as in the file found. A longest-common-subsequence alignment, so one inserted line is
 * one difference, not every line after it.
 */
final class LineDifference {
  private LineDifference() {}

  static List<String> explain(String found, String expected) {
    List<String> have = found.lines().toList();
    List<String> want = expected.lines().toList();
    int n = have.size();
    int m = want.size();
    int[][] common = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        common[i][j] =
            have.get(i).equals(want.get(j))
                ? common[i + 1][j + 1] + 1
                : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    List<String> lines = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    List<String> added = new ArrayList<>();
    int i = 0;
    int j = 0;
    int hunkStart = 1;
    while (i < n || j < m) {
      if (i < n && j < m && have.get(i).equals(want.get(j))) {
        flush(hunkStart, removed, added, lines);
        i++;
        j++;
        hunkStart = i + 1;
      } else if (j < m && (i == n || common[i][j + 1] >= common[i + 1][j])) {
        added.add(want.get(j++));
      } else {
        removed.add(have.get(i++));
      }
    }
    flush(hunkStart, removed, added, lines);
    if (lines.isEmpty() && !found.equals(expected)) {
      lines.add("differs only in line endings or the final newline");
    }
    return lines;
  }

  /** A hunk: the first lines removed and added pair up as changes, the rest stand alone. */
  private static void flush(
      int firstLine, List<String> removed, List<String> added, List<String> lines) {
    int pairs = Math.min(removed.size(), added.size());
    for (int k = 0; k < pairs; k++) {
      lines.add(
          "line "
              + (firstLine + k)
              + ": found '"
              + removed.get(k)
              + "', expected '"
              + added.get(k)
              + "'");
    }
    for (int k = pairs; k < removed.size(); k++) {
      lines.add(
          "line " + (firstLine + k) + ": '" + removed.get(k) + "', which tunesmith does not write");
    }
    for (int k = pairs; k < added.size(); k++) {
      lines.add("after line " + (firstLine + pairs - 1) + ": missing '" + added.get(k) + "'");
    }
    removed.clear();
    added.clear();
  }
}
