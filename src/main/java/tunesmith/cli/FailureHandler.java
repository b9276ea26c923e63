package tunesmith.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.function.ToIntBiFunction;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import tunesmith.lock.LockHeldException;
import tunesmith.problem.InvalidInputException;
import tunesmith.slurm.SlurmException;

/**
 * The one place where what went wrong becomes an exit code (docs/EXIT-CODES.md): commands return 0
 * or 1 for their runs, and throw for everything else.
 */
final class FailureHandler implements IExecutionExceptionHandler {
  /** Each failure a command may throw, with how it is reported; the first match wins. */
  private record Mapping(
      Class<? extends Exception> type, ToIntBiFunction<Exception, Flags> report) {}

  /** What the user asked of the output, read from the command line that failed. */
  private record Flags(boolean json, boolean debug) {}

  private final CliContext context;
  private final List<Mapping> mappings;

  FailureHandler(CliContext context) {
    this.context = context;
    PrintStream err = context.err();
    this.mappings =
        List.of(
            new Mapping(
                InvalidInputException.class,
                (e, flags) -> InputErrors.report((InvalidInputException) e, context, flags.json())),
            new Mapping(LockHeldException.class, (e, flags) -> environment(e.getMessage())),
            new Mapping(
                SlurmException.class,
                (e, flags) -> environment("cannot run SLURM: " + e.getMessage())),
            new Mapping(EnvironmentProblem.class, (e, flags) -> environment(e.getMessage())),
            new Mapping(
                InterruptedException.class,
                (e, flags) -> {
                  Thread.currentThread().interrupt();
                  err.println("tunesmith: interrupted");
                  return ExitCode.INTERRUPTED;
                }));
  }

  @Override
  public int handleExecutionException(
      Exception exception, CommandLine commandLine, ParseResult parseResult) {
    Flags flags = new Flags(matched(parseResult, "--json"), matched(parseResult, "--debug"));
    for (Mapping mapping : mappings) {
      if (mapping.type().isInstance(exception)) {
        return mapping.report().applyAsInt(exception, flags);
      }
    }
    // A bug, not a user mistake: one line, unless --debug asks for the whole stack trace.
    context
        .err()
        .println(
            "tunesmith: internal error: "
                + exception
                + " (please report it with the command you ran"
                + (flags.debug() ? ")" : "; --debug shows the stack trace)"));
    if (flags.debug()) {
      exception.printStackTrace(context.err());
    }
    return ExitCode.INTERNAL;
  }

  private int environment(String message) {
    context.err().println("tunesmith: " + message);
    return ExitCode.ENVIRONMENT;
  }

  /** Whether the option was given to the command or to any command above it. */
  private static boolean matched(ParseResult parseResult, String option) {
    for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
      if (level.hasMatchedOption(option)) {
        return true;
      }
    }
    return false;
  }
}
