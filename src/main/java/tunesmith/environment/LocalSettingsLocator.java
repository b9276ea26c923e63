package tunesmith.environment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds claude.local.md: the path given with {@code --local-md}; else {@code claude.local.md} in
 * the current directory; else in the experiment directory or the nearest of its parents.
 */
public final class LocalSettingsLocator {
  public static final String FILE_NAME = "claude.local.md";

  private LocalSettingsLocator() {}

  /**
   * The file to read, or empty when there is none (the caller then uses {@link LocalSettings#none}
   * with a warning). An explicit path is returned whether or not it exists: the user asked for that
   * file, so {@link LocalSettingsReader#read} reports it missing as an input problem rather than
   * silently falling back to another file. Relative paths are taken relative to {@code
   * currentDirectory}.
   */
  public static Optional<Path> locate(
      Optional<Path> explicitPath, Path currentDirectory, Path experimentDirectory) {
    if (explicitPath.isPresent()) {
      return Optional.of(currentDirectory.toAbsolutePath().resolve(explicitPath.get()).normalize());
    }
    return candidates(currentDirectory, experimentDirectory).stream()
        .filter(Files::isRegularFile)
        .findFirst();
  }

  /**
   * The experiment's own claude.local.md: the nearest in the experiment directory or its parents,
   * the one that goes with the experiment wherever the command is run from.
   */
  public static Optional<Path> experimentsOwn(Path experimentDirectory) {
    for (Path directory = experimentDirectory.toAbsolutePath().normalize();
        directory != null;
        directory = directory.getParent()) {
      Path candidate = directory.resolve(FILE_NAME);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Why the file found, when not given with --local-md, is not the experiment's own (one in the
   * current directory comes first: docs/FORMATS.md), or empty when it is.
   */
  public static Optional<String> notTheExperimentsOwn(Path found, Path experimentDirectory) {
    Optional<Path> own = experimentsOwn(experimentDirectory);
    if (own.isPresent() && own.get().equals(found.toAbsolutePath().normalize())) {
      return Optional.empty();
    }
    return Optional.of(
        found
            + " (found in the current directory, which comes first) is not the experiment's own "
            + own.map(path -> "(" + path + ")")
                .orElse("(the experiment directory and its parents have none)")
            + ": every setting, the account included, comes from it"
            + own.map(path -> "; --local-md " + path + " reads the experiment's own").orElse(""));
  }

  /**
   * Where {@link #locate} looks when no path is given, in order; for telling the user where no file
   * was found.
   */
  public static List<Path> candidates(Path currentDirectory, Path experimentDirectory) {
    Path current = currentDirectory.toAbsolutePath().normalize();
    List<Path> places = new ArrayList<>();
    places.add(current.resolve(FILE_NAME));
    for (Path directory = current.resolve(experimentDirectory).normalize();
        directory != null;
        directory = directory.getParent()) {
      Path candidate = directory.resolve(FILE_NAME);
      if (!places.contains(candidate)) {
        places.add(candidate);
      }
    }
    return List.copyOf(places);
  }
}
