package tunesmith.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import tunesmith.problem.InputProblem;
import tunesmith.problem.InvalidInputException;

/** Where the inputs besides the experiment come from: --local-md and --models. */
final class InputOptions {
  @Option(
      names = "--local-md",
      paramLabel = "PATH",
      description =
          "claude.local.md to read (default: the current directory, else the experiment directory"
              + " and its parents). A PATH that does not exist is an input error (exit 2).")
  Path localMd;

  @Option(
      names = "--models",
      paramLabel = "FILE",
      description = "A model catalog file that extends the built-in one (same format).")
  Path models;

  /**
   * The --local-md file, if one was given.
   *
   * @throws InvalidInputException when it names no file: a path the user typed is never ignored
   */
  Optional<Path> localMd(CliContext context) throws InvalidInputException {
    if (localMd == null) {
      return Optional.empty();
    }
    Path path = context.resolve(localMd);
    if (!Files.isRegularFile(path)) {
      throw new InvalidInputException(
          new InputProblem(
              path,
              "--local-md",
              0,
              0,
              Files.exists(path) ? "not a regular file" : "no such file",
              "an existing claude.local.md"));
    }
    return Optional.of(path);
  }

  Optional<Path> models(CliContext context) {
    return Optional.ofNullable(models).map(context::resolve);
  }
}
