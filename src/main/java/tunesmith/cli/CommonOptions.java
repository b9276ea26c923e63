package tunesmith.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;
import tunesmith.target.Target;

/** Options every command takes. */
final class CommonOptions {
  @Option(
      names = "--local-md",
      paramLabel = "PATH",
      description =
          "claude.local.md to read (default: the current directory, else the experiment directory and its parents).")
  Path localMd;

  @Option(
      names = "--models",
      paramLabel = "FILE",
      description = "A model catalog file that extends the built-in one (same format).")
  Path models;

  @Option(
      names = "--json",
      description = "Machine-readable report on stdout; human text goes to stderr.")
  boolean json;

  @Option(names = "--force", description = "Overwrite runs that were already submitted.")
  boolean force;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print only problems and failures.")
  boolean quiet;

  @Option(
      names = "--target",
      paramLabel = "NAME",
      converter = TargetConverter.class,
      description =
          "The cruijff_kit/torchtune versions that will read the files: cruijff_kit-2026.01 or"
              + " cruijff_kit-0.3 (default: chosen by the experiment's format).")
  Target target;

  @Option(
      names = "--no-color",
      description =
          "No colour in the output (NO_COLOR is honoured too; tunesmith prints plain text).")
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
      (json ? context.err() : context.out()).print(textReport.get());
    }
  }

  Optional<Target> target() {
    return Optional.ofNullable(target);
  }

  /** Target names as users write them; a wrong one is a usage error listing the right ones. */
  static final class TargetConverter implements ITypeConverter<Target> {
    @Override
    public Target convert(String value) {
      return Target.byId(value)
          .orElseThrow(
              () ->
                  new TypeConversionException(
                      "unknown target '"
                          + value
                          + "', expected one of: "
                          + String.join(
                              ", ",
                              java.util.Arrays.stream(Target.values()).map(Target::id).toList())));
    }
  }

  Optional<Path> localMd(CliContext context) {
    return Optional.ofNullable(localMd).map(context::resolve);
  }

  Optional<Path> models(CliContext context) {
    return Optional.ofNullable(models).map(context::resolve);
  }
}
