package tunesmith.cli;

import java.io.PrintStream;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** How a reporting command prints: --json, -q and --no-color (docs/EXIT-CODES.md, README). */
final class OutputOptions {
  @Option(
      names = "--json",
      description =
          "Machine-readable report on stdout (one JSON object); human text goes to stderr.")
  boolean json;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print only problems and failures.")
  boolean quiet;

  @Option(
      names = "--no-color",
      description =
          "No colour. Without it, ✓ ✗ ⚠ are coloured only on a terminal and only when NO_COLOR is"
              + " unset.")
  boolean noColor;

  /**
   * Prints a command's report: with --json the JSON on stdout and the human text on stderr, so
   * stdout stays one JSON object; otherwise the text on stdout. -q drops the text unless it carries
   * a failure ({@code mustShowText}).
   */
  void printReport(
      CliContext context,
      Supplier<String> jsonReport,
      Supplier<String> textReport,
      boolean mustShowText) {
    if (json) {
      context.out().print(jsonReport.get());
    }
    if (!quiet || mustShowText) {
      printText(context, textReport.get());
    }
  }

  /** Human text: on stdout, or on stderr with --json; coloured when that stream may take colour. */
  void printText(CliContext context, String text) {
    if (json) {
      err(context, text);
    } else {
      PrintStream out = context.out();
      out.print(Colours.forStdout(context.environment(), noColor).paint(text));
    }
  }

  /** Warnings and notes that always go to stderr. */
  void err(CliContext context, String text) {
    context.err().print(Colours.forStderr(context.environment(), noColor).paint(text));
  }
}
