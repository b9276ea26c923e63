package tunesmith.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commands tunesmith suggests in what it prints ({@code `tunesmith ...`}, docs/submitting.md),
 * parsed as bash would read them and run as printed.
 */
public final class Hints {
  private static final Pattern HINT = Pattern.compile("`(tunesmith [^`]+)`");

  private Hints() {}

  /** Every distinct hint in {@code texts}, in order. */
  public static Set<String> in(String... texts) {
    Set<String> hints = new LinkedHashSet<>();
    for (String text : texts) {
      Matcher hint = HINT.matcher(text);
      while (hint.find()) {
        hints.add(hint.group(1));
      }
    }
    return hints;
  }

  /** The words bash makes of a hint: split at spaces, single quotes kept together and removed. */
  public static List<String> words(String hint) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < hint.length(); i++) {
      char c = hint.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
        any = true;
      } else if (c == ' ' && !quoted) {
        if (any) {
          words.add(word.toString());
        }
        word.setLength(0);
        any = false;
      } else {
        word.append(c);
        any = true;
      }
    }
    if (any) {
      words.add(word.toString());
    }
    return words;
  }

  /** Runs a hint through the CLI as printed, from {@code workingDirectory}. */
  public static CliResult run(String hint, Path workingDirectory, Map<String, String> env) {
    List<String> words = words(hint);
    if (!words.get(0).equals("tunesmith")) {
      throw new AssertionError("not a tunesmith command: " + hint);
    }
    return Cli.run(workingDirectory, env, words.subList(1, words.size()).toArray(String[]::new));
  }
}
