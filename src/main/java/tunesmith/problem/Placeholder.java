package tunesmith.problem;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one detector of a template's unfilled values: {@code <your_account>}, {@code YOUR_ACCOUNT},
 * {@code CHANGE_ME}. Such a value is an input error wherever it stands (docs/EXIT-CODES.md, exit
 * 2): a job sent with it fails in the queue, or, worse, runs with the wrong account.
 */
public final class Placeholder {
  /**
   * Angle brackets around words ({@code <your_slurm_account>}, {@code <number of GPUs>}, {@code
   * <path/to/cruijff_kit>}); not a chat template's special token ({@code <|eot_id|>}) nor a
   * comparison ({@code a < b > c}, with spaces inside the brackets' ends).
   */
  private static final Pattern PATTERN =
      Pattern.compile(
          "<[A-Za-z][A-Za-z0-9_./ -]*[A-Za-z0-9_]>|\\bYOUR_[A-Za-z0-9_]*|(?i:\\bCHANGE[_-]?ME\\b)");

  private static final Pattern PROSE =
      Pattern.compile("\\bYOUR_[A-Za-z0-9_]*|(?i:\\bCHANGE[_-]?ME\\b)");

  private Placeholder() {}

  /** The first placeholder in {@code text}, as written. */
  public static Optional<String> in(String text) {
    Matcher match = PATTERN.matcher(text);
    return match.find() ? Optional.of(match.group()) : Optional.empty();
  }

  /** The first YOUR_... or CHANGE_ME in prose, where angle brackets may be the user's own tags. */
  public static Optional<String> inProse(String text) {
    Matcher match = PROSE.matcher(text);
    return match.find() ? Optional.of(match.group()) : Optional.empty();
  }

  /** What a problem expects instead of {@code placeholder}. */
  public static String expected(String placeholder) {
    return "a real value in place of the template's placeholder " + placeholder;
  }
}
