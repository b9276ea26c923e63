package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.LauncherHome;
import tunesmith.testing.Processes;

/**
 * The ./tunesmith launcher's class-data archive: made on first use next to the jar, then used, with
 * picocli's classes in it (Java 5 class files, which JDK 17's dynamic archive refused, and with
 * them every command class). The launcher runs in a {@link LauncherHome}.
 */
class LauncherArchiveTest {

  @TempDir Path temp;

  @Test
  void theArchiveIsMadeOnFirstUseAndHoldsPicocliAndTheCommands() throws IOException {
    Path launcher = LauncherHome.create(temp.resolve("home"));
    Path target = temp.resolve("home/target");

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
