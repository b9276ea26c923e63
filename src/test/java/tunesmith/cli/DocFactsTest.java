package tunesmith.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tunesmith.adjust.RecordedAdjustments;
import tunesmith.profile.Profile;
import tunesmith.profile.Profiles;
import tunesmith.slurm.RunLog;

/**
 * What README.md and docs/ state about facts the code decides: the packages, the files written, the
 * exit codes. (Which commands take the lock: ExperimentLockCliTest.)
 */
class DocFactsTest {
  private static String read(String file) throws IOException {
    return Files.readString(Path.of(file), StandardCharsets.UTF_8);
  }

  @Test
  void theReadmesPackageListIsEveryPackage() throws IOException {
    String readme = read("README.md");
    String built = readme.substring(readme.indexOf("## How it is built"));
    int start = built.indexOf("```\n") + 4;
    String listing = built.substring(start, built.indexOf("\n```", start));
    Set<String> listed = new TreeSet<>();
    Matcher name = Pattern.compile("(?m)^(\\w+)/ ").matcher(listing);
    while (name.find()) {
      listed.add(name.group(1));
    }
    Set<String> packages = new TreeSet<>();
    try (Stream<Path> entries = Files.list(Path.of("src/main/java/tunesmith"))) {
      entries.filter(Files::isDirectory).forEach(dir -> packages.add(dir.getFileName().toString()));
    }
    assertThat(listed).isEqualTo(packages);
  }

  @Test
  void targetsMdListsEveryPartOfAProfile() throws IOException {
    String targets = read("docs/TARGETS.md");
    String table =
        targets.substring(
            targets.indexOf("| part |"), targets.indexOf("\n\n", targets.indexOf("| part |")));
    Set<String> listed = new TreeSet<>();
    Matcher part = Pattern.compile("(?m)^\\| ([^|]+) \\|").matcher(table);
    while (part.find()) {
      Matcher name = Pattern.compile("`(\\w+)`").matcher(part.group(1));
      while (name.find()) {
        listed.add(name.group(1));
      }
    }
    for (var component : Profile.class.getRecordComponents()) {
      assertThat(listed).as("docs/TARGETS.md's profile table").contains(component.getName());
    }
  }

  @Test
  void filesMdNamesEveryFileWrittenAndEveryCatalog() throws IOException {
    String files = read("docs/FILES.md");
    assertThat(files).contains("`.tunesmith/" + RecordedAdjustments.FILE_NAME + "`");
    for (Profile profile : Profiles.all()) {
      Path log = Path.of(profile.logFile());
      assertThat(files)
          .contains("`" + log + "`")
          .contains("`" + log.resolveSibling(RunLog.FILE_NAME) + "`");
    }
    Path resources = Path.of("src/main/resources/tunesmith");
    try (Stream<Path> catalogs = Files.walk(resources)) {
      catalogs
          .filter(file -> file.toString().endsWith(".yaml"))
          .forEach(
              catalog -> {
                Path relative = resources.relativize(catalog);
                assertThat(files).as(relative.toString()).contains(relative.toString());
              });
    }
  }

  @Test
  void exitCodesMdAndTheHelpListEveryExitCode() throws Exception {
    Set<Integer> codes = new TreeSet<>();
    for (Field field : ExitCode.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
        codes.add(field.getInt(null));
      }
    }
    Set<Integer> documented = new TreeSet<>();
    Matcher row = Pattern.compile("(?m)^\\| `(\\d+)` \\|").matcher(read("docs/EXIT-CODES.md"));
    while (row.find()) {
      documented.add(Integer.parseInt(row.group(1)));
    }
    Set<Integer> inHelp = new TreeSet<>();
    for (String line : ExitCode.help("tunesmith")) {
      Matcher code = Pattern.compile("^  (\\d+) ").matcher(line);
      if (code.find()) {
        inHelp.add(Integer.parseInt(code.group(1)));
      }
    }
    assertThat(documented).isEqualTo(codes);
    assertThat(inHelp).isEqualTo(codes);
  }
}
