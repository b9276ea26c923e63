package tunesmith.testing;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A copy of the ./tunesmith launcher in a directory of its own, as a user's checkout has it: the
 * launcher, both shipped examples (its class-data archive is trained on them) and
 * target/tunesmith.jar, a jar of this build's classes, so that no Maven build is needed. The
 * libraries stay jars of their own, named in the jar's Class-Path relative to it (a class-data
 * archive reads Class-Path entries as paths, and takes jars, not directories).
 */
public final class LauncherHome {
  private static final Path REPO = Path.of("").toAbsolutePath();

  private LauncherHome() {}

  /** Makes the home in {@code home} (created); returns the launcher's path. */
  public static Path create(Path home) throws IOException {
    Files.createDirectories(home);
    Path launcher = Files.copy(REPO.resolve("tunesmith"), home.resolve("tunesmith"));
    launcher.toFile().setExecutable(true);
    for (String example : List.of("capitalization_sweep", "capitalization_sweep_2026")) {
      Path to = Files.createDirectories(home.resolve("examples").resolve(example));
      for (String file : List.of("experiment_summary.yaml", "claude.local.md")) {
        Files.copy(REPO.resolve("examples").resolve(example).resolve(file), to.resolve(file));
      }
    }
    writeJarOfThisBuild(Files.createDirectories(home.resolve("target")).resolve("tunesmith.jar"));
    return launcher;
  }

  private static void writeJarOfThisBuild(Path jar) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "tunesmith.cli.Main");
    String libraries =
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> entry.endsWith(".jar"))
            .map(entry -> jar.getParent().relativize(Path.of(entry).toAbsolutePath()).toString())
            .collect(Collectors.joining(" "));
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, libraries);
    Path classes = REPO.resolve("target/classes");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out, manifest);
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        jarOut.putNextEntry(
            new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
        Files.copy(file, jarOut);
        jarOut.closeEntry();
      }
    }
  }
}
