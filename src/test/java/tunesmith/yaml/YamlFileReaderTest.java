package tunesmith.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static tunesmith.testing.TextPositions.columnOf;
import static tunesmith.testing.TextPositions.lineOf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.problem.InputProblem;
import tunesmith.problem.InputProblems;

class YamlFileReaderTest {

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static YamlMapping mapping(YamlNode node) {
    assertThat(node).isInstanceOf(YamlMapping.class);
    return (YamlMapping) node;
  }

  @Test
  void positionsAreOneBasedLineAndColumn() throws IOException {
    String text = "first: 1\nsecond:\n  inner: value\n  list:\n    - item\n";
    InputProblems problems = new InputProblems();
    YamlMapping root = mapping(YamlFileReader.read(write("a.yaml", text), problems).orElseThrow());
    assertThat(problems.isEmpty()).isTrue();

    YamlMapping.Entry first = root.entry("first").orElseThrow();
    assertThat(first.keyLine()).isEqualTo(1);
    assertThat(first.keyColumn()).isEqualTo(1);
    assertThat(first.value().line()).isEqualTo(1);
    assertThat(first.value().column()).isEqualTo(columnOf(text, "1"));

    YamlMapping second = mapping(root.get("second").orElseThrow());
    YamlMapping.Entry inner = second.entry("inner").orElseThrow();
    assertThat(inner.keyLine()).isEqualTo(lineOf(text, "inner"));
    assertThat(inner.keyColumn()).isEqualTo(columnOf(text, "inner"));
    assertThat(inner.value().line()).isEqualTo(lineOf(text, "value"));
    assertThat(inner.value().column()).isEqualTo(columnOf(text, "value"));

    YamlSequence list = (YamlSequence) second.get("list").orElseThrow();
    YamlNode item = list.items().get(0);
    assertThat(item.line()).isEqualTo(lineOf(text, "item"));
    assertThat(item.column()).isEqualTo(columnOf(text, "item"));
  }

  @Test
  void keepsScalarTextAndPlainness() {
    InputProblems problems = new InputProblems();
    YamlMapping root =
        mapping(
            YamlFileReader.parse(
                    dir.resolve("x.yaml"), "a: 1e-5\nb: \"1e-5\"\nc: ~\nd: 'null'\ne:\n", problems)
                .orElseThrow());
    YamlScalar a = (YamlScalar) root.get("a").orElseThrow();
    YamlScalar b = (YamlScalar) root.get("b").orElseThrow();
    assertThat(a.text()).isEqualTo("1e-5");
    assertThat(a.plain()).isTrue();
    assertThat(b.text()).isEqualTo("1e-5");
    assertThat(b.plain()).isFalse();
    assertThat(((YamlScalar) root.get("c").orElseThrow()).isNull()).isTrue();
    assertThat(((YamlScalar) root.get("d").orElseThrow()).isNull())
        .as("quoted 'null' is text")
        .isFalse();
    assertThat(((YamlScalar) root.get("e").orElseThrow()).isNull()).isTrue();
  }

  @Test
  void duplicateKeyIsReportedWithBothLines() throws IOException {
    String text = "a: 1\nb:\n  x: 1\n  y: 2\n  x: 3\n";
    InputProblems problems = new InputProblems();
    Optional<YamlNode> root = YamlFileReader.read(write("dup.yaml", text), problems);
    assertThat(root).isEmpty();
    assertThat(problems.list()).hasSize(1);
    InputProblem problem = problems.list().get(0);
    assertThat(problem.line()).isEqualTo(5);
    assertThat(problem.column()).isEqualTo(3);
    assertThat(problem.found()).contains("'x'").contains("line 3");
    assertThat(problem.file()).isEqualTo(dir.resolve("dup.yaml"));
    assertThat(problem.render()).contains("dup.yaml:5:3");
  }

  @Test
  void topLevelDuplicateKeyIsReported() {
    InputProblems problems = new InputProblems();
    assertThat(
            YamlFileReader.parse(
                dir.resolve("d.yaml"), "runs: []\nother: 1\nruns: [a]\n", problems))
        .isEmpty();
    assertThat(problems.list())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(3);
              assertThat(p.found()).contains("runs").contains("line 1");
            });
  }

  /** The classic "billion laughs": few aliases (under the alias limit), exponential expansion. */
  @Test
  void aliasBombWithinAliasLimitIsRefusedAsAProblem() {
    StringBuilder text =
        new StringBuilder(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (char c = 'b'; c <= 'i'; c++) {
      char p = (char) (c - 1);
      text.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        text.append(i == 0 ? "" : ",").append('*').append(p);
      }
      text.append("]\n");
    }
    InputProblems problems = new InputProblems();
    AtomicReference<Optional<YamlNode>> result = new AtomicReference<>();
    assertThatCode(
            () ->
                result.set(
                    YamlFileReader.parse(dir.resolve("bomb.yaml"), text.toString(), problems)))
        .doesNotThrowAnyException();
    assertThat(result.get()).isEmpty();
    // Refused for its expansion, counted as the aliases are followed: 9^8 nodes are never built.
    assertThat(problems.list())
        .singleElement()
        .satisfies(
            problem -> assertThat(problem.found()).contains("aliases that expand to more than"));
  }

  @Test
  void manyAliasesAreRefusedAsAProblem() {
    StringBuilder text = new StringBuilder("base: &b {k: v}\nlist:\n");
    for (int i = 0; i < 500; i++) {
      text.append("  - *b\n");
    }
    InputProblems problems = new InputProblems();
    AtomicReference<Optional<YamlNode>> result = new AtomicReference<>();
    assertThatCode(
            () ->
                result.set(
                    YamlFileReader.parse(dir.resolve("aliases.yaml"), text.toString(), problems)))
        .doesNotThrowAnyException();
    assertThat(result.get()).isEmpty();
    assertThat(problems.list())
        .singleElement()
        .satisfies(p -> assertThat(p.found() + p.expected()).containsIgnoringCase("alias"));
  }

  @Test
  void recursiveAliasIsAProblemNotAnException() {
    InputProblems problems = new InputProblems();
    AtomicReference<Optional<YamlNode>> result = new AtomicReference<>();
    assertThatCode(
            () ->
                result.set(
                    YamlFileReader.parse(dir.resolve("rec.yaml"), "a: &x\n  b: *x\n", problems)))
        .doesNotThrowAnyException();
    assertThat(result.get()).isEmpty();
    assertThat(problems.list())
        .singleElement()
        .satisfies(p -> assertThat(p.found()).contains("recursive"));
  }

  @Test
  void recursiveSequenceAliasIsAProblem() {
    InputProblems problems = new InputProblems();
    assertThatCode(() -> YamlFileReader.parse(dir.resolve("rec.yaml"), "a: &x [1, *x]\n", problems))
        .doesNotThrowAnyException();
    assertThat(problems.list()).isNotEmpty();
  }

  @Test
  void nonRecursiveAliasIsExpanded() {
    InputProblems problems = new InputProblems();
    YamlMapping root =
        mapping(
            YamlFileReader.parse(dir.resolve("ok.yaml"), "a: &x {k: v}\nb: *x\n", problems)
                .orElseThrow());
    assertThat(problems.isEmpty()).isTrue();
    YamlMapping b = mapping(root.get("b").orElseThrow());
    assertThat(((YamlScalar) b.get("k").orElseThrow()).text()).isEqualTo("v");
  }

  @Test
  void emptyFileIsAProblem() throws IOException {
    for (String text : List.of("", "# only a comment\n", "\n\n")) {
      InputProblems problems = new InputProblems();
      assertThat(YamlFileReader.read(write("empty.yaml", text), problems)).isEmpty();
      assertThat(problems.list())
          .as("text %s", text)
          .singleElement()
          .satisfies(p -> assertThat(p.found()).contains("empty"));
    }
  }

  @Test
  void secondDocumentIsAProblemAtItsLine() throws IOException {
    String text = "a: 1\n---\nb: 2\n";
    InputProblems problems = new InputProblems();
    assertThat(YamlFileReader.read(write("multi.yaml", text), problems)).isEmpty();
    assertThat(problems.list())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.found()).contains("second");
              assertThat(p.line()).isEqualTo(lineOf(text, "b: 2"));
            });
  }

  @Test
  void nonUtf8BytesAreAProblem() throws IOException {
    Path file = dir.resolve("latin1.yaml");
    Files.write(file, "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    InputProblems problems = new InputProblems();
    assertThat(YamlFileReader.read(file, problems)).isEmpty();
    assertThat(problems.list())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.found()).contains("UTF-8");
              assertThat(p.file()).isEqualTo(file);
            });
  }

  @Test
  void utf8TextIsRead() throws IOException {
    InputProblems problems = new InputProblems();
    YamlMapping root =
        mapping(YamlFileReader.read(write("u.yaml", "name: café 🙂\n"), problems).orElseThrow());
    assertThat(((YamlScalar) root.get("name").orElseThrow()).text()).isEqualTo("café 🙂");
  }

  @Test
  void fileOverTheSizeLimitIsAProblem() throws IOException {
    Path file = dir.resolve("big.yaml");
    byte[] line = "k: v\n".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[YamlFileReader.MAX_BYTES + line.length];
    for (int i = 0; i + line.length <= bytes.length; i += line.length) {
      System.arraycopy(line, 0, bytes, i, line.length);
    }
    Files.write(file, bytes);
    InputProblems problems = new InputProblems();
    assertThat(YamlFileReader.read(file, problems)).isEmpty();
    assertThat(problems.list())
        .singleElement()
        .satisfies(p -> assertThat(p.found()).contains(Long.toString(Files.size(file))));
  }

  @Test
  void missingFileIsAProblem() {
    InputProblems problems = new InputProblems();
    assertThat(YamlFileReader.read(dir.resolve("nope.yaml"), problems)).isEmpty();
    assertThat(problems.list())
        .singleElement()
        .satisfies(p -> assertThat(p.found()).contains("no such file"));
  }

  @Test
  void malformedYamlIsAProblemWithAPosition() {
    String text = "a: 1\nb: [1, 2\nc: 3\n";
    InputProblems problems = new InputProblems();
    assertThatCode(() -> YamlFileReader.parse(dir.resolve("bad.yaml"), text, problems))
        .doesNotThrowAnyException();
    assertThat(problems.list())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isGreaterThanOrEqualTo(2);
              assertThat(p.column()).isPositive();
              assertThat(p.found()).contains("malformed");
            });
  }

  @Test
  void badIndentationIsAProblemNotAnException() {
    InputProblems problems = new InputProblems();
    assertThatCode(
            () -> YamlFileReader.parse(dir.resolve("bad.yaml"), "a:\n  b: 1\n c: 2\n", problems))
        .doesNotThrowAnyException();
    assertThat(problems.list()).isNotEmpty();
    assertThat(problems.list().get(0).line()).isPositive();
  }

  @Test
  void complexKeyIsAProblem() {
    InputProblems problems = new InputProblems();
    assertThat(YamlFileReader.parse(dir.resolve("k.yaml"), "? [a, b]\n: 1\n", problems)).isEmpty();
    assertThat(problems.list())
        .singleElement()
        .satisfies(p -> assertThat(p.found()).contains("key"));
  }

  @Test
  void deepNestingIsAProblemNotAStackOverflow() {
    String text = "a: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
    InputProblems problems = new InputProblems();
    assertThatCode(() -> YamlFileReader.parse(dir.resolve("deep.yaml"), text, problems))
        .doesNotThrowAnyException();
    assertThat(problems.list()).isNotEmpty();
  }
}
