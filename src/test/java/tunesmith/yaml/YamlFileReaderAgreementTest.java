package tunesmith.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.FailsafeSchema;
import tunesmith.problem.InputProblems;

/**
 * The reader builds its nodes from the parser's events; the engine's own composer must give every
 * YAML file of the repository the same tree, positions included: examples, fixtures, broken inputs
 * that still parse, and the built-in catalogs.
 */
class YamlFileReaderAgreementTest {
  private static final LoadSettings SETTINGS =
      LoadSettings.builder().setAllowDuplicateKeys(true).setSchema(new FailsafeSchema()).build();

  static Stream<Path> repositoryYaml() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String root : List.of("examples", "src/test/resources", "src/main/resources")) {
      try (Stream<Path> walk = Files.walk(Path.of(root))) {
        walk.filter(file -> file.toString().endsWith(".yaml")).sorted().forEach(files::add);
      }
    }
    assertThat(files).hasSizeGreaterThan(20);
    return files.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("repositoryYaml")
  void readsEveryFileAsTheEnginesComposerDoes(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    InputProblems problems = new InputProblems();
    Optional<YamlNode> ours = YamlFileReader.parse(file, text, problems);
    Optional<Node> composed;
    try {
      Composer composer =
          new Composer(SETTINGS, new ParserImpl(SETTINGS, new StreamReader(SETTINGS, text)));
      composed = composer.hasNext() ? Optional.of(composer.next()) : Optional.empty();
    } catch (RuntimeException refused) {
      // The engine refuses it: so must the reader, as a problem.
      assertThat(ours).isEmpty();
      assertThat(problems.list()).isNotEmpty();
      return;
    }
    if (composed.isEmpty()) {
      assertThat(ours).isEmpty(); // an empty file
      return;
    }
    if (ours.isEmpty()) {
      // Only what the reader refuses on top of the engine: a key given twice.
      assertThat(problems.list())
          .singleElement()
          .satisfies(p -> assertThat(p.found()).contains("a second time"));
      return;
    }
    assertThat(ours.get()).isEqualTo(converted(composed.get()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("repositoryYaml")
  void readingBackWithoutPositionsGivesTheSameTreeAndTheSameProblems(Path file) {
    InputProblems marked = new InputProblems();
    Optional<YamlNode> withPositions = YamlFileReader.read(file, marked);
    InputProblems readBack = new InputProblems();
    Optional<YamlNode> without = YamlFileReader.readBack(file, readBack);

    assertThat(readBack.list()).isEqualTo(marked.list());
    assertThat(without.map(YamlFileReaderAgreementTest::unplaced))
        .isEqualTo(withPositions.map(YamlFileReaderAgreementTest::unplaced));
    without.ifPresent(root -> assertThat(root.line()).as("read without positions").isZero());
  }

  /** The node with every line and column 0. */
  private static YamlNode unplaced(YamlNode node) {
    if (node instanceof YamlScalar scalar) {
      return new YamlScalar(scalar.text(), scalar.plain(), 0, 0);
    }
    if (node instanceof YamlSequence sequence) {
      return new YamlSequence(
          sequence.items().stream().map(YamlFileReaderAgreementTest::unplaced).toList(), 0, 0);
    }
    List<YamlMapping.Entry> entries = new ArrayList<>();
    for (YamlMapping.Entry entry : ((YamlMapping) node).entries()) {
      entries.add(
          new YamlMapping.Entry(entry.key(), 0, 0, unplaced(entry.value()), entry.keyPlain()));
    }
    return new YamlMapping(entries, 0, 0);
  }

  /** The engine's node as the reader used to convert it: text, plainness and positions. */
  private static YamlNode converted(Node node) {
    int line = node.getStartMark().orElseThrow().getLine() + 1;
    int column = node.getStartMark().orElseThrow().getColumn() + 1;
    if (node instanceof ScalarNode scalar) {
      return new YamlScalar(scalar.getValue(), scalar.isPlain(), line, column);
    }
    if (node instanceof SequenceNode sequence) {
      return new YamlSequence(
          sequence.getValue().stream().map(YamlFileReaderAgreementTest::converted).toList(),
          line,
          column);
    }
    List<YamlMapping.Entry> entries = new ArrayList<>();
    for (NodeTuple tuple : ((MappingNode) node).getValue()) {
      YamlScalar key = (YamlScalar) converted(tuple.getKeyNode());
      entries.add(
          new YamlMapping.Entry(
              key.text(), key.line(), key.column(), converted(tuple.getValueNode()), key.plain()));
    }
    return new YamlMapping(entries, line, column);
  }
}
