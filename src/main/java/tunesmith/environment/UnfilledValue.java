package tunesmith.environment;

import java.util.Locale;
import java.util.Set;

/**
 * Recognizes the ways a claude.local.md template leaves a setting blank: a placeholder in angle
 * brackets ({@code <your_slurm_account>}), nothing at all, {@code (none)}, {@code (leave empty)} or
 * {@code none}, bare or in backticks.
 */
final class UnfilledValue {
  private static final Set<String> BLANK_WORDS = Set.of("", "(none)", "(leave empty)", "none");

  private UnfilledValue() {}

  static boolean isUnfilled(String value) {
    // An empty code span (`` in a template) is not Markdown code: it arrives as bare backticks.
    String text = value.strip().replaceAll("^`+|`+$", "").strip();
    boolean placeholder = text.length() >= 2 && text.startsWith("<") && text.endsWith(">");
    return placeholder || BLANK_WORDS.contains(text.toLowerCase(Locale.ROOT));
  }
}
