package tunesmith.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Test fixtures from {@code src/test/resources}: copied into a temporary directory before every
 * use, since scaffold writes into the experiment directory.
 */
public final class Fixtures {
  private Fixtures() {}

  /** A directory of the test class path, e.g. {@code experiments/lr_sweep} or {@code broken}. */
  public static Path resource(String relativePath) {
    URL url = Fixtures.class.getResource("/" + relativePath);
    if (url == null) {
      throw new AssertionError(relativePath + " is not on the test class path");
    }
    try {
      return Paths.get(url.toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError("cannot locate " + url, e);
    }
  }

  /** Copies {@code experiments/<name>} to {@code <parent>/<name>} and returns the copy. */
  public static Path experiment(String name, Path parent) {
    return copyTree(resource("experiments/" + name), parent.resolve(name), Map.of());
  }

  /**
   * Copies {@code experiments/<name>} to {@code <parent>/<name>}, replacing each key of {@code
   * replacements} by its value in every file (for fixtures that must name paths inside the
   * temporary directory).
   */
  public static Path experiment(String name, Path parent, Map<String, String> replacements) {
    return copyTree(resource("experiments/" + name), parent.resolve(name), replacements);
  }

  /**
   * Copies examples/capitalization_sweep_2026 to {@code <parent>/<name>}, replacing text in every
   * file, and scaffolds it (exit 0 or the test fails); returns the copy.
   */
  public static Path scaffoldedExample2026(
      Path parent, String name, Map<String, String> replacements) {
    Path experiment =
        copyTree(Path.of("examples/capitalization_sweep_2026"), parent.resolve(name), replacements);
    Expect.succeeded(Cli.run(parent, "scaffold", experiment.toString()));
    return experiment;
  }

  /** Copies a directory tree, replacing text in every file. */
  public static Path copyTree(Path source, Path target, Map<String, String> replacements) {
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : paths.sorted().collect(Collectors.toList())) {
        Path destination = target.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(destination);
        } else if (replacements.isEmpty()) {
          Files.copy(path, destination);
        } else {
          String text = Files.readString(path);
          for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            text = text.replace(replacement.getKey(), replacement.getValue());
          }
          Files.writeString(destination, text);
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The state of one file or directory, enough to tell whether it was written again. */
  public record FileState(
      boolean directory, long size, FileTime modified, Object fileKey, String sha256) {}

  /**
   * Every file and directory under {@code root} (not root itself), by relative path, with size,
   * mtime, file key (inode) and content hash: two equal snapshots mean nothing was created,
   * deleted, replaced or rewritten.
   */
  public static Map<String, FileState> snapshot(Path root) {
    Map<String, FileState> states = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.filter(p -> !p.equals(root)).collect(Collectors.toList())) {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        states.put(
            root.relativize(path).toString(),
            new FileState(
                attributes.isDirectory(),
                attributes.isDirectory() ? 0 : attributes.size(),
                attributes.lastModifiedTime(),
                attributes.fileKey(),
                attributes.isDirectory() ? "" : sha256(Files.readAllBytes(path))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return states;
  }

  /** A snapshot without some of its entries (e.g. the log, which every command may append to). */
  public static Map<String, FileState> without(
      Map<String, FileState> snapshot, String... relativePaths) {
    Map<String, FileState> copy = new TreeMap<>(snapshot);
    for (String path : relativePaths) {
      copy.remove(path);
    }
    return copy;
  }

  /** The names of the entries directly in a directory, sorted. */
  public static List<String> listing(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes {@code root} and everything under it. */
  public static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every claude.local.md in {@code directory} or any of its parents: the ones scaffold could find
   * by itself.
   */
  public static List<Path> localMdAbove(Path directory) {
    List<Path> found = new java.util.ArrayList<>();
    for (Path current = directory.toAbsolutePath();
        current != null;
        current = current.getParent()) {
      Path candidate = current.resolve("claude.local.md");
      if (Files.exists(candidate)) {
        found.add(candidate);
      }
    }
    return found;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
