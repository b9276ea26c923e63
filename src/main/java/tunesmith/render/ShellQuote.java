package tunesmith.render;

/** Single-quotes a word for bash, so no character in it is ever interpreted. */
public final class ShellQuote {
  /**
   * The characters a word may have and still go bare: {@code [A-Za-z0-9_./=+:@%,-]}. A table, not a
   * pattern: every line of every generated script asks, and a regex under C1 was a fortieth of a
   * large scaffold.
   */
  private static final boolean[] BARE_SAFE = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      BARE_SAFE[c] = true;
      BARE_SAFE[Character.toUpperCase(c)] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      BARE_SAFE[c] = true;
    }
    for (char c : "_./=+:@%,-".toCharArray()) {
      BARE_SAFE[c] = true;
    }
  }

  private ShellQuote() {}

  public static String quote(String word) {
    if (bareSafe(word)) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  private static boolean bareSafe(String word) {
    if (word.isEmpty()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c >= BARE_SAFE.length || !BARE_SAFE[c]) {
        return false;
      }
    }
    return true;
  }
}
