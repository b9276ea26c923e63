package tunesmith.testing;

import java.util.List;

/** Where a fragment stands in a test's input text, 1-based as tunesmith reports line:column. */
public final class TextPositions {
  private TextPositions() {}

  /** The 1-based number of the first line of {@code text} that contains {@code fragment}. */
  public static int lineOf(String text, String fragment) {
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(fragment)) {
        return i + 1;
      }
    }
    throw new AssertionError("no line with " + fragment);
  }

  /** The 1-based column of {@code fragment} on the first line of {@code text} that contains it. */
  public static int columnOf(String text, String fragment) {
    return text.lines()
            .filter(line -> line.contains(fragment))
            .findFirst()
            .orElseThrow()
            .indexOf(fragment)
        + 1;
  }
}
