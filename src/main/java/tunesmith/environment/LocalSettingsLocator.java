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
