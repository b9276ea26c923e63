package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * Every case under {@code src/test/resources/broken/} is an invalid experiment (SPEC section 2, last rule): scaffold
 * exits 2, stderr names the file, the line:column and the field path (and what was found and expected, per the
 * case's expected.txt), nothing at all is written, and no stack trace reaches the user.
 */
class BrokenInputTest {
    private static final String SUMMARY = "experiment_summary.yaml";

    @TempDir
    Path temp;

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(Fixtures.resource("broken"))) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()).stream();
        }
    }

    @Test
    void corpusHasAtLeastTwentyCasesEachWithExpectations() throws IOException {
        List<String> cases = cases().collect(Collectors.toList());
        assertThat(cases).hasSizeGreaterThanOrEqualTo(20);
        for (String name : cases) {
            Path dir = Fixtures.resource("broken/" + name);
            assertThat(dir.resolve(SUMMARY)).as(name).exists();
            assertThat(Expectations.read(dir.resolve("expected.txt")).words).as(name + " expects some words or a position").isNotNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void scaffoldRejectsTheInputAndWritesNothing(String name) throws IOException {
        Path experiment = copyCase(name);
        Path cwd = Files.createDirectories(temp.resolve("cwd"));
        Map<String, Fixtures.FileState> before = Fixtures.snapshot(temp);

        CliResult result = Cli.run(cwd, "scaffold", experiment.toString());

        assertRejected(name, experiment, result);
        assertThat(Fixtures.snapshot(temp)).as("nothing written for an invalid input (no run directory, no log)\n%s", result.describe())
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
        Files.copy(source.resolve(SUMMARY), experiment.resolve(SUMMARY));
        if (Files.exists(source.resolve("claude.local.md"))) {
            Files.copy(source.resolve("claude.local.md"), experiment.resolve("claude.local.md"));
        }
        return experiment;
    }

    static void assertRejected(String name, Path experiment, CliResult result) throws IOException {
        Expectations expected = Expectations.read(Fixtures.resource("broken/" + name + "/expected.txt"));
        List<String> yamlLines = Files.readAllLines(experiment.resolve(SUMMARY));
        String err = result.err();
        String lowerErr = err.toLowerCase(Locale.ROOT);

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(result.exitCode()).as("exit code for invalid input\n%s", result.describe()).isEqualTo(2);
        soft.assertThat(err).as("stderr names the file").contains(SUMMARY);
        for (List<String> alternatives : expected.words) {
            soft.assertThat(alternatives.stream().anyMatch(w -> lowerErr.contains(w.toLowerCase(Locale.ROOT))))
                    .as("stderr contains one of %s\n%s", alternatives, result.describe()).isTrue();
        }
        if (expected.requirePosition) {
            soft.assertThat(Pattern.compile("(?<![\\d.])\\d+:\\d+(?!\\d)").matcher(err).find())
                    .as("stderr shows a line:column\n%s", result.describe()).isTrue();
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
            soft.assertThat(lines).as("expected.txt of %s: some line contains one of %s", name, texts).isNotEmpty();
            soft.assertThat(lines.stream().anyMatch(line -> showsLine(err, line)))
                    .as("stderr shows LINE:COLUMN for one of lines %s (containing %s)\n%s", lines, texts, result.describe()).isTrue();
        }
        for (List<Integer> lines : expected.atLines) {
            soft.assertThat(lines.stream().anyMatch(line -> showsLine(err, line)))
                    .as("stderr shows LINE:COLUMN for one of lines %s\n%s", lines, result.describe()).isTrue();
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

        static Expectations read(Path file) throws IOException {
            Expectations expectations = new Expectations();
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("at: ")) {
                    expectations.atTexts.add(alternatives(line.substring(4)));
                } else if (line.startsWith("at-line: ")) {
                    expectations.atLines.add(alternatives(line.substring(9)).stream().map(Integer::valueOf).collect(Collectors.toList()));
                } else if (line.equals("position: none")) {
                    expectations.requirePosition = false;
                } else {
                    expectations.words.add(alternatives(line));
                }
            }
            return expectations;
        }

        private static List<String> alternatives(String text) {
            return Stream.of(text.split(" \\| ")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toList());
        }
    }
}
