package tunesmith.environment;

import java.util.Locale;
import java.util.Set;

/**
 * Recognizes the ways a claude.local.md template leaves a setting blank on purpose: nothing at all,
 * {@code (none)}, {@code (leave empty)} or {@code none}, bare or in backticks. A placeholder
 * ({@code <your_slurm_account>}) is no blank but an input error ({@link
 * tunesmith.problem.Placeholder}).
 */
final class UnfilledValue {
  private static final Set<String> BLANK_WORDS = Set.of("", "(none)", "(leave empty)", "none");

  private UnfilledValue() {}

  static boolean isUnfilled(String value) {
    // An empty code span (`` in a template) is not Markdown code: it arrives as bare backticks.
    String text = value.strip().replaceAll("^`+|`+$", "").strip();
    return BLANK_WORDS.contains(text.toLowerCase(Locale.ROOT));
  }
}
