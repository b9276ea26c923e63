package tunesmith.cli;

import java.util.Map;

/**
 * Colour for the status marks ✓ ✗ ⚠, only on a terminal, never with --no-color or NO_COLOR
 * (https://no-color.org: set and not empty). Java 17 cannot tell whether a stream is a terminal, so
 * the ./tunesmith launcher says so in TUNESMITH_STDOUT_TTY and TUNESMITH_STDERR_TTY.
 */
final class Colours {
  /** Set to 1 by the launcher when its stdout is a terminal ({@code [ -t 1 ]}). */
  static final String STDOUT_IS_TERMINAL = "TUNESMITH_STDOUT_TTY";

  private static final String RESET = "\u001b[0m";

  /** Each mark and its ANSI colour: ok green, failed red, warning yellow. */
  private static final Map<Character, String> MARKS =
      Map.of('✓', "\u001b[32m", '✗', "\u001b[31m", '⚠', "\u001b[33m");

  private static final Colours NONE = new Colours(false);

  private final boolean enabled;

  private Colours(boolean enabled) {
    this.enabled = enabled;
  }

  static Colours forStdout(Map<String, String> environment, boolean noColorOption) {
    return choose(environment, noColorOption, STDOUT_IS_TERMINAL);
  }

  static Colours forStderr(Map<String, String> environment, boolean noColorOption) {
    return choose(environment, noColorOption, ProgressBar.STDERR_IS_TERMINAL);
  }

  private static Colours choose(
      Map<String, String> environment, boolean noColorOption, String terminalVariable) {
    String noColor = environment.get("NO_COLOR");
    boolean wanted = !noColorOption && (noColor == null || noColor.isEmpty());
    return wanted && "1".equals(environment.get(terminalVariable)) ? new Colours(true) : NONE;
  }

  String paint(String text) {
    if (!enabled) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 64);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String colour = MARKS.get(c);
      if (colour == null) {
        out.append(c);
      } else {
        out.append(colour).append(c).append(RESET);
      }
    }
    return out.toString();
  }
}
