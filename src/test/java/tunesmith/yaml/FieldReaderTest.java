package tunesmith.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tunesmith.problem.InputProblem;
import tunesmith.problem.InputProblems;

class FieldReaderTest {
  private static final Path FILE = Path.of("/exp/experiment_summary.yaml");

  private final InputProblems problems = new InputProblems();
  private final FieldReader fields = new FieldReader(FILE, problems);

  private YamlMapping parse(String text) {
    return (YamlMapping) YamlFileReader.parse(FILE, text, problems).orElseThrow();
  }

  @Test
  void missingRequiredKeyNamesTheParentPathAndLine() {
    String text = "experiment:\n  name: x\n  date: \"2025-01-01\"\ntools: {}\n";
    YamlMapping root = parse(text);
    YamlMapping experiment = fields.mapping(root, "experiment", "", true).orElseThrow();
    assertThat(fields.text(experiment, "directory", "experiment", true)).isEmpty();

    assertThat(problems.list())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.field()).isEqualTo("experiment.directory");
              assertThat(problem.file()).isEqualTo(FILE);
              assertThat(problem.line()).isEqualTo(experiment.line()).isBetween(1, 2);
              assertThat(problem.column()).isPositive();
              assertThat(problem.found()).contains("directory");
              assertThat(problem.expected()).contains("experiment");
              assertThat(problem.render())
                  .contains("experiment_summary.yaml:" + problem.line() + ":")
                  .contains("experiment.directory");
            });
  }

  @Test
  void missingTopLevelKeyNamesTheTopLevel() {
    YamlMapping root = parse("a: 1\n");
    assertThat(fields.sequence(root, "runs", "", true)).isEmpty();
    assertThat(problems.list())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.field()).isEqualTo("runs");
              assertThat(problem.expected()).contains("top level");
            });
  }

  @Test
  void missingOptionalKeyIsNoProblem() {
    YamlMapping root = parse("a: 1\n");
    assertThat(fields.text(root, "b", "", false)).isEmpty();
    assertThat(fields.integer(root, "b", "", false, 0)).isEmpty();
    assertThat(fields.bool(root, "b", "")).isEmpty();
    assertThat(problems.isEmpty()).isTrue();
  }

  @Test
  void wrongKindIsReportedAtTheValueWithWhatWasFound() {
    String text = "top:\n  count: many\n  ratio: lots\n  list: {a: 1}\n  flag: maybe\n";
    YamlMapping top = fields.mapping(parse(text), "top", "", true).orElseThrow();
    assertThat(fields.integer(top, "count", "top", true, 1)).isEmpty();
    assertThat(fields.number(top, "ratio", "top", true)).isEmpty();
    assertThat(fields.sequence(top, "list", "top", true)).isEmpty();
    assertThat(fields.bool(top, "flag", "top")).isEmpty();

    assertThat(problems.list())
        .extracting(InputProblem::field)
        .containsExactly("top.count", "top.ratio", "top.list", "top.flag");
    InputProblem count = problems.list().get(0);
    assertThat(count.line()).isEqualTo(2);
    assertThat(count.column()).isEqualTo("  count: ".length() + 1);
    assertThat(count.found()).contains("many");
    assertThat(count.expected()).contains("whole number");
    assertThat(problems.list().get(2).found()).contains("mapping");
  }

  @Test
  void integerBelowMinimumIsAProblem() {
    YamlMapping root = parse("n: 0\nm: 8.0\n");
    assertThat(fields.integer(root, "n", "", true, 1)).isEmpty();
    assertThat(fields.integer(root, "m", "", true, 1)).contains(8L);
    assertThat(problems.list())
        .singleElement()
        .satisfies(p -> assertThat(p.expected()).contains("at least 1"));
  }

  @Test
  void nullRequiredTextIsAProblemButNullOptionalIsNot() {
    YamlMapping root = parse("a: ~\nb:\n");
    assertThat(fields.text(root, "a", "", false)).isEmpty();
    assertThat(problems.isEmpty()).isTrue();
    assertThat(fields.text(root, "b", "", true)).isEmpty();
    assertThat(problems.list())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("b");
              assertThat(p.line()).isEqualTo(2);
            });
  }

  @Test
  void textReadsNumbersAndBooleansAsTheirText() {
    YamlMapping root = parse("a: 1e-5\nb: yes\nc: 007\n");
    assertThat(fields.text(root, "a", "", true)).contains("1e-5");
    assertThat(fields.text(root, "b", "", true)).contains("yes");
    assertThat(fields.text(root, "c", "", true)).contains("007");
  }

  @Test
  void textItemsReportEachBadItemWithItsIndex() {
    YamlMapping root = parse("names:\n  - a\n  - {x: 1}\n  - c\n  - [d]\n");
    YamlSequence names = fields.sequence(root, "names", "", true).orElseThrow();
    assertThat(fields.textItems(names, "names")).containsExactly("a", "c");
    assertThat(problems.list())
        .extracting(InputProblem::field)
        .containsExactly("names[1]", "names[3]");
    assertThat(problems.list()).extracting(InputProblem::line).containsExactly(3, 5);
  }

  @Test
  void pathJoinsParentAndKey() {
    assertThat(FieldReader.path("", "a")).isEqualTo("a");
    assertThat(FieldReader.path("a.b", "c")).isEqualTo("a.b.c");
  }
}
