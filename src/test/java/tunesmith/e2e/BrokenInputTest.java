package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;

/**
 * Every case under {@code src/test/resources/broken/} is an invalid input (docs/EXIT-CODES.md, exit
 * 2): an experiment (experiment_summary.yaml, with or without a broken claude.local.md) given to
 * scaffold, or a lone setup_finetune.yaml given to setup. The command exits 2, stderr names the
 * file at fault, the line:column and the field (and what was found and expected, per the case's
 * expected.txt), nothing at all is written, and no stack trace reaches the user.
 */
class BrokenInputTest {
  private static final String SUMMARY = "experiment_summary.yaml";
  private static final String SETUP = "setup_finetune.yaml";

  /** The input a case breaks: its expected.txt's "file:", else the case's only YAML input. */
  static String faultyFile(String name) throws IOException {
    Path dir = Fixtures.resource("broken/" + name);
    return Expectations.read(dir.resolve("expected.txt"))
        .file
        .orElse(Files.exists(dir.resolve(SUMMARY)) ? SUMMARY : SETUP);
  }

  @TempDir Path temp;

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(Fixtures.resource("broken"))) {
      return dirs
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .collect(Collectors.toList())
          .stream();
    }
  }

  @Test
  void corpusHasAtLeastFortyCasesOverAllThreeInputsEachWithExpectations() throws IOException {
    List<String> cases = cases().collect(Collectors.toList());
    assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
    Map<String, Long> byFile = new java.util.TreeMap<>();
    for (String name : cases) {
      Path dir = Fixtures.resource("broken/" + name);
      assertThat(Files.exists(dir.resolve(SUMMARY)) || Files.exists(dir.resolve(SETUP)))
          .as(name)
          .isTrue();
      Expectations expected = Expectations.read(dir.resolve("expected.txt"));
      assertThat(expected.words.size() + expected.atTexts.size() + expected.atLines.size())
          .as(name + " expects some words or a position")
          .isPositive();
      byFile.merge(faultyFile(name), 1L, Long::sum);
    }
    assertThat(byFile).as("cases per input file").containsKeys(SUMMARY, "claude.local.md", SETUP);
    System.out.println("BrokenInputTest: " + cases.size() + " broken or hostile inputs: " + byFile);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void theCommandRejectsTheInputAndWritesNothing(String name) throws IOException {
    Path experiment = copyCase(name);
    Path cwd = Files.createDirectories(temp.resolve("cwd"));
    Map<String, Fixtures.FileState> before = Fixtures.snapshot(temp);
    Expectations expected =
        Expectations.read(Fixtures.resource("broken/" + name + "/expected.txt"));
    Map<String, String> env = new java.util.HashMap<>(Cli.DEFAULT_ENV);
    expected.unset.forEach(env::remove);

    CliResult result =
        Files.exists(experiment.resolve(SUMMARY))
            ? Cli.run(cwd, env, "scaffold", experiment.toString())
            : Cli.run(experiment, env, "setup");

    assertRejected(name, experiment, result);
    assertThat(Fixtures.snapshot(temp))
        .as(
            "nothing written for an invalid input (no run directory, no log)\n%s",
            result.describe())
        .isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"param_typo", "multi_error", "run_name_parent_escape"})
  void planRejectsTheSameInputs(String name) throws IOException {
    Path experiment = copyCase(name);
    Map<String, Fixtures.FileState> before = Fixtures.snapshot(temp);

    CliResult result = Cli.run(experiment, "plan");

    assertRejected(name, experiment, result);
    assertThat(Fixtures.snapshot(temp)).isEqualTo(before);
  }

  @Test
  void theShellInjectionAttemptCreatesNoFileAnywhere() throws IOException {
    Path experiment = copyCase("slurm_overrides_injection");

    Cli.run(experiment, "scaffold");

    try (Stream<Path> all = Files.walk(temp)) {
      assertThat(all.map(p -> p.getFileName().toString())).doesNotContain("PWNED");
    }
  }

  @Test
  void theRunEscapingTheExperimentDirectoryCreatesNothingBesideIt() throws IOException {
    Path experiment = copyCase("run_name_parent_escape");

    Cli.run(temp, "scaffold", experiment.toString());

    assertThat(temp.resolve("escape")).doesNotExist();
    assertThat(Fixtures.listing(temp)).containsExactly("experiment");
  }

  private Path copyCase(String name) throws IOException {
    Path source = Fixtures.resource("broken/" + name);
    Path experiment = Files.createDirectories(temp.resolve("experiment"));
    for (String file : List.of(SUMMARY, "claude.local.md", SETUP)) {
      if (Files.exists(source.resolve(file))) {
        Files.copy(source.resolve(file), experiment.resolve(file));
      }
    }
    return experiment;
  }

  static void assertRejected(String name, Path experiment, CliResult result) throws IOException {
    Expectations expected =
        Expectations.read(Fixtures.resource("broken/" + name + "/expected.txt"));
    String faulty = faultyFile(name);
    List<String> yamlLines = Files.readAllLines(experiment.resolve(faulty));
    String err = result.err();
    String lowerErr = err.toLowerCase(Locale.ROOT);

    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(result.exitCode())
        .as("exit code for invalid input\n%s", result.describe())
        .isEqualTo(2);
    soft.assertThat(err).as("stderr names the file\n%s", result.describe()).contains(faulty);
    for (List<String> alternatives : expected.words) {
      soft.assertThat(
              alternatives.stream().anyMatch(w -> lowerErr.contains(w.toLowerCase(Locale.ROOT))))
          .as("stderr contains one of %s\n%s", alternatives, result.describe())
          .isTrue();
    }
    if (expected.requirePosition) {
      soft.assertThat(Pattern.compile("(?<![\\d.])\\d+:\\d+(?!\\d)").matcher(err).find())
          .as("stderr shows a line:column\n%s", result.describe())
          .isTrue();
    }
    for (List<String> texts : expected.atTexts) {
      List<Integer> lines = new ArrayList<>();
      for (int i = 0; i < yamlLines.size(); i++) {
        for (String text : texts) {
          if (yamlLines.get(i).contains(text)) {
            lines.add(i + 1);
          }
        }
      }
      soft.assertThat(lines)
          .as("expected.txt of %s: some line contains one of %s", name, texts)
          .isNotEmpty();
      soft.assertThat(lines.stream().anyMatch(line -> showsLine(err, line)))
          .as(
              "stderr shows LINE:COLUMN for one of lines %s (containing %s)\n%s",
              lines, texts, result.describe())
          .isTrue();
    }
    for (List<Integer> lines : expected.atLines) {
      soft.assertThat(lines.stream().anyMatch(line -> showsLine(err, line)))
          .as("stderr shows LINE:COLUMN for one of lines %s\n%s", lines, result.describe())
          .isTrue();
    }
    soft.assertAll();
    Expect.noStackTrace(result);
  }

  private static boolean showsLine(String text, int line) {
    return Pattern.compile("(?<![\\d.])" + line + ":\\d+(?!\\d)").matcher(text).find();
  }

  /** A parsed expected.txt; its header comment documents the format. */
  static final class Expectations {
    final List<List<String>> words = new ArrayList<>();
    final List<List<String>> atTexts = new ArrayList<>();
    final List<List<Integer>> atLines = new ArrayList<>();
    boolean requirePosition = true;
    Optional<String> file = Optional.empty();
    final List<String> unset = new ArrayList<>();

    static Expectations read(Path file) throws IOException {
      Expectations expectations = new Expectations();
      for (String line : Files.readAllLines(file)) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (line.startsWith("at: ")) {
          expectations.atTexts.add(alternatives(line.substring(4)));
        } else if (line.startsWith("at-line: ")) {
          expectations.atLines.add(
              alternatives(line.substring(9)).stream()
                  .map(Integer::valueOf)
                  .collect(Collectors.toList()));
        } else if (line.startsWith("file: ")) {
          expectations.file = Optional.of(line.substring(6).strip());
        } else if (line.startsWith("unset: ")) {
          expectations.unset.add(line.substring(7).strip());
        } else if (line.equals("position: none")) {
          expectations.requirePosition = false;
        } else {
          expectations.words.add(alternatives(line));
        }
      }
      return expectations;
    }

    private static List<String> alternatives(String text) {
      return Stream.of(text.split(" \\| "))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .collect(Collectors.toList());
    }
  }
}
