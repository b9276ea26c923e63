package tunesmith.render;

import java.util.regex.Pattern;

/** Single-quotes a word for bash, so no character in it is ever interpreted. */
public final class ShellQuote {
  private static final Pattern BARE_SAFE = Pattern.compile("[A-Za-z0-9_./=+:@%,-]+");

  private ShellQuote() {}

  public static String quote(String word) {
    if (BARE_SAFE.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
