package tunesmith.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;
import tunesmith.problem.InputProblem;
import tunesmith.problem.InvalidInputException;
import tunesmith.profile.Profile;
import tunesmith.profile.Profiles;

/**
 * How the inputs besides the experiment are found and read: --local-md, --models and --target
 * (which versions of cruijff_kit and torchtune will read what is generated; see docs/TARGETS.md).
 */
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

  @Option(
      names = "--target",
      paramLabel = "NAME",
      converter = TargetConverter.class,
      completionCandidates = TargetIds.class,
      description =
          "The cruijff_kit/torchtune versions that will read the files: one of"
              + " ${COMPLETION-CANDIDATES} (default: chosen by the experiment's format).")
  Profile target;

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

  Optional<Profile> target() {
    return Optional.ofNullable(target);
  }

  /** Target names as users write them; a wrong one is a usage error listing the right ones. */
  /** The targets --target takes, as the profiles name them (its help lists them). */
  static final class TargetIds implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Profiles.all().stream().map(Profile::id).iterator();
    }
  }

  static final class TargetConverter implements ITypeConverter<Profile> {
    @Override
    public Profile convert(String value) {
      return Profiles.byId(value)
          .orElseThrow(
              () ->
                  new TypeConversionException(
                      "unknown target '"
                          + value
                          + "', expected one of: "
                          + String.join(", ", Profiles.all().stream().map(Profile::id).toList())));
    }
  }
}
