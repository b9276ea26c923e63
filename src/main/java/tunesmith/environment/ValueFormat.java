package tunesmith.environment;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The shape a filled setting must have. Only shapes the reader can judge on its own are checked
 * here; whether a value is safe to put in a shell script is the render stage's call.
 */
enum ValueFormat {
  ANY_TEXT(value -> true, "any text"),
  /**
   * A directory tunesmith may open: Java refuses a path with a NUL, and no path needs a control.
   */
  DIRECTORY(
      value -> value.chars().noneMatch(Character::isISOControl),
      "a directory path without control characters"),
  GPU_COUNT(ValueFormat::isGpuCount, "a whole number of GPUs, e.g. `1`"),
  SLURM_TIME(
      ValueFormat::isSlurmTime,
      "a SLURM time: MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS, e.g. `0:59:00`");

  /** A generous bound: no node has more GPUs, and it keeps the count well inside int range. */
  private static final int MAX_GPUS = 1024;

  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,6}");
  private static final String SUB_FIELD = "[0-5]?[0-9]";
  private static final String LEADING = "[0-9]{1,6}";
  private static final String DAY_HOURS = "([01]?[0-9]|2[0-3])";
  private static final Pattern SLURM_TIME_PATTERN =
      Pattern.compile(
          String.join(
              "|",
              LEADING, // MM
              LEADING + ":" + SUB_FIELD, // MM:SS
              LEADING + ":" + SUB_FIELD + ":" + SUB_FIELD, // HH:MM:SS
              LEADING + "-" + DAY_HOURS, // D-HH
              LEADING + "-" + DAY_HOURS + ":" + SUB_FIELD, // D-HH:MM
              LEADING + "-" + DAY_HOURS + ":" + SUB_FIELD + ":" + SUB_FIELD)); // D-HH:MM:SS

  private final Predicate<String> accepts;
  private final String expected;

  ValueFormat(Predicate<String> accepts, String expected) {
    this.accepts = accepts;
    this.expected = expected;
  }

  boolean accepts(String value) {
    return accepts.test(value);
  }

  /** What to tell the user we wanted, for an {@link tunesmith.problem.InputProblem}. */
  String expected() {
    return expected;
  }

  private static boolean isGpuCount(String value) {
    if (!DIGITS.matcher(value).matches()) {
      return false;
    }
    int count = Integer.parseInt(value);
    return count >= 1 && count <= MAX_GPUS;
  }

  private static boolean isSlurmTime(String value) {
    return SLURM_TIME_PATTERN.matcher(value).matches();
  }
}
