package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Processes;

/**
 * The ./tunesmith launcher's class-data archive: made on first use next to the jar, then used, with
 * picocli's classes in it (Java 5 class files, which JDK 17's dynamic archive refused, and with
 * them every command class). The launcher runs beside a jar of this build's classes; the libraries
 * stay jars of their own (a class-data archive takes jars, not directories).
 */
class LauncherArchiveTest {
  private static final Path REPO = Path.of("").toAbsolutePath();

  @TempDir Path temp;

  @Test
  void theArchiveIsMadeOnFirstUseAndHoldsPicocliAndTheCommands() throws IOException {
    Path home = Files.createDirectories(temp.resolve("home"));
    Path launcher = Files.copy(REPO.resolve("tunesmith"), home.resolve("tunesmith"));
    launcher.toFile().setExecutable(true);
    for (String example : List.of("capitalization_sweep", "capitalization_sweep_2026")) {
      Path to = Files.createDirectories(home.resolve("examples").resolve(example));
      for (String file : List.of("experiment_summary.yaml", "claude.local.md")) {
        Files.copy(REPO.resolve("examples").resolve(example).resolve(file), to.resolve(file));
      }
    }
    Path target = Files.createDirectories(home.resolve("target"));
    writeJarOfThisBuild(target.resolve("tunesmith.jar"));

    Expect.succeeded(run(List.of(launcher.toString(), "--version"), Map.of()));
    assertThat(target.resolve("tunesmith.jsa")).isRegularFile();
    try (Stream<Path> left = Files.list(target)) {
      assertThat(left.map(path -> path.getFileName().toString()))
          .containsExactlyInAnyOrder("tunesmith.jar", "tunesmith.jsa");
    }

    Path loads = temp.resolve("loads.txt");
    Expect.succeeded(
        run(
            List.of(launcher.toString(), "--version"),
            Map.of("TUNESMITH_JAVA_OPTS", "-Xlog:class+load=info:file=" + loads)));
    List<String> lines = Files.readAllLines(loads);
    for (String type : List.of("picocli.CommandLine", "tunesmith.cli.Main")) {
      assertThat(lines)
          .as(type)
          .anySatisfy(
              line -> assertThat(line).contains("] " + type + " source: shared objects file"));
    }
  }

  /**
   * A jar of this build's production classes: Main-Class, and as Class-Path the library jars of
   * this JVM's class path.
   */
  private static void writeJarOfThisBuild(Path jar) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "tunesmith.cli.Main");
    // Relative to the jar: the archive reads Class-Path entries as paths, not as file: URLs.
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

  private CliResult run(List<String> command, Map<String, String> extra) {
    Map<String, String> env =
        new java.util.HashMap<>(
            Map.of(
                "PATH",
                System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "JAVA_HOME",
                System.getProperty("java.home"),
                "TMPDIR",
                temp.toString(),
                "LANG",
                "C.UTF-8"));
    env.putAll(extra);
    return Processes.run(command, temp, env, 120);
  }
}
