package tunesmith.yaml;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.FailsafeSchema;
import tunesmith.problem.InputProblem;
import tunesmith.problem.InputProblems;

/**
 * Reads one YAML document into {@link YamlNode}s with positions, within limits that keep a hostile
 * file (alias bombs, huge inputs, deep nesting) from exhausting memory. Every failure becomes an
 * {@link InputProblem}; nothing here throws for bad input.
 */
public final class YamlFileReader {
  /** Our inputs are a few kilobytes; anything near this is not an experiment file. */
  public static final int MAX_BYTES = 8 * 1024 * 1024;

  private static final int MAX_ALIASES = 100;
  private static final int MAX_DEPTH = 64;
  private static final int MAX_NODES = 2_000_000;

  /** Nodes reached again through aliases: a few are normal, thousands are an alias bomb. */
  private static final int MAX_ALIAS_EXPANSION = 10_000;

  /**
   * Built once: building it (its schema's resolvers) cost more than parsing a small file. No
   * per-file label: problems name the file themselves, from line and column, never the label.
   */
  private static final LoadSettings SETTINGS =
      LoadSettings.builder()
          .setMaxAliasesForCollections(MAX_ALIASES)
          .setAllowRecursiveKeys(false)
          .setAllowDuplicateKeys(true) // we report duplicates ourselves, with both positions
          .setCodePointLimit(MAX_BYTES)
          // Scalars are typed by their readers (FieldReader, ConsumerYaml), never by the engine's
          // tags:
          // the failsafe schema spares a pattern match per scalar.
          .setSchema(new FailsafeSchema())
          .build();

  private YamlFileReader() {}

  /** Reads {@code file}; on any problem records it and returns empty. */
  public static Optional<YamlNode> read(Path file, InputProblems problems) {
    String text;
    try {
      if (Files.size(file) > MAX_BYTES) {
        problems.add(
            file,
            "",
            0,
            0,
            "a file of " + Files.size(file) + " bytes",
            "a YAML file of at most " + MAX_BYTES + " bytes");
        return Optional.empty();
      }
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
    } catch (NoSuchFileException e) {
      problems.add(file, "", 0, 0, "no such file", "the file to exist");
      return Optional.empty();
    } catch (CharacterCodingException e) {
      problems.add(file, "", 0, 0, "bytes that are not UTF-8", "a UTF-8 text file");
      return Optional.empty();
    } catch (IOException e) {
      problems.add(
          file, "", 0, 0, "a file that cannot be read (" + e.getMessage() + ")", "a readable file");
      return Optional.empty();
    }
    return parse(file, text, problems);
  }

  /** Parses {@code text} as if read from {@code file}. */
  public static Optional<YamlNode> parse(Path file, String text, InputProblems problems) {
    Node root;
    try {
      Composer composer =
          new Composer(SETTINGS, new ParserImpl(SETTINGS, new StreamReader(SETTINGS, text)));
      Optional<Node> single = composer.hasNext() ? Optional.of(composer.next()) : Optional.empty();
      if (single.isPresent() && composer.hasNext()) {
        Node second = composer.next();
        problems.add(
            file,
            "",
            lineOf(second),
            columnOf(second),
            "a second YAML document",
            "exactly one document");
        return Optional.empty();
      }
      if (single.isEmpty()) {
        problems.add(file, "", 0, 0, "an empty file", "a YAML mapping");
        return Optional.empty();
      }
      root = single.get();
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
      int line = mark.map(m -> m.getLine() + 1).orElse(0);
      int column = mark.map(m -> m.getColumn() + 1).orElse(0);
      problems.add(
          file,
          "",
          line,
          column,
          "malformed YAML (" + firstLine(e.getProblem()) + ")",
          "well-formed YAML");
      return Optional.empty();
    } catch (YamlEngineException e) {
      problems.add(
          file,
          "",
          0,
          0,
          "YAML the reader refuses (" + firstLine(e.getMessage()) + ")",
          "plain YAML within the limits (at most " + MAX_ALIASES + " aliases)");
      return Optional.empty();
    } catch (StackOverflowError e) {
      // The engine composes nested collections recursively; thousands of levels exhaust the stack
      // first.
      problems.add(
          file,
          "",
          0,
          0,
          "YAML nested too deeply to read",
          "at most " + MAX_DEPTH + " levels of nesting");
      return Optional.empty();
    } catch (RuntimeException e) {
      // The engine signals some limits with plain runtime exceptions; still the user's input.
      problems.add(
          file,
          "",
          0,
          0,
          "YAML that cannot be read (" + firstLine(String.valueOf(e.getMessage())) + ")",
          "well-formed YAML");
      return Optional.empty();
    }
    Conversion conversion = new Conversion(file, problems);
    YamlNode converted = conversion.convert(root, 0);
    return conversion.failed ? Optional.empty() : Optional.of(converted);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no detail";
    }
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).trim();
  }

  static int lineOf(Node node) {
    return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }

  static int columnOf(Node node) {
    return node.getStartMark().map(m -> m.getColumn() + 1).orElse(0);
  }

  /** Turns engine nodes into ours, refusing recursion, excessive depth and expansion. */
  private static final class Conversion {
    private final Path file;
    private final InputProblems problems;
    private final Set<Node> onPath = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private int nodes;
    private int revisits;
    private boolean failed;

    Conversion(Path file, InputProblems problems) {
      this.file = file;
      this.problems = problems;
    }

    YamlNode convert(Node node, int depth) {
      if (failed) {
        return null;
      }
      if (++nodes > MAX_NODES || depth > MAX_DEPTH) {
        fail(
            node,
            "YAML that expands to more than " + MAX_NODES + " nodes or " + MAX_DEPTH + " levels",
            "a small experiment file (aliases are expanded when read)");
        return null;
      }
      if (!seen.add(node) && ++revisits > MAX_ALIAS_EXPANSION) {
        fail(
            node,
            "aliases that expand to more than "
                + MAX_ALIAS_EXPANSION
                + " repeated nodes (an alias bomb)",
            "a plain experiment file with few aliases");
        return null;
      }
      if (!onPath.add(node)) {
        fail(node, "a recursive alias", "a tree without cycles");
        return null;
      }
      try {
        if (node instanceof ScalarNode scalar) {
          return new YamlScalar(scalar.getValue(), scalar.isPlain(), lineOf(node), columnOf(node));
        }
        if (node instanceof SequenceNode sequence) {
          List<YamlNode> items = new ArrayList<>();
          for (Node item : sequence.getValue()) {
            items.add(convert(item, depth + 1));
          }
          return new YamlSequence(failed ? List.of() : items, lineOf(node), columnOf(node));
        }
        MappingNode mapping = (MappingNode) node;
        List<YamlMapping.Entry> entries = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
          Node keyNode = tuple.getKeyNode();
          if (!(keyNode instanceof ScalarNode keyScalar)) {
            fail(
                keyNode,
                "a " + (keyNode instanceof MappingNode ? "mapping" : "list") + " used as a key",
                "a plain text key");
            return null;
          }
          String key = keyScalar.getValue();
          for (YamlMapping.Entry earlier : entries) {
            if (earlier.key().equals(key)) {
              fail(
                  keyNode,
                  "key '" + key + "' a second time (first at line " + earlier.keyLine() + ")",
                  "each key once");
              return null;
            }
          }
          YamlNode value = convert(tuple.getValueNode(), depth + 1);
          entries.add(
              new YamlMapping.Entry(
                  key, lineOf(keyNode), columnOf(keyNode), value, keyScalar.isPlain()));
        }
        return failed ? null : new YamlMapping(entries, lineOf(node), columnOf(node));
      } finally {
        onPath.remove(node);
      }
    }

    private void fail(Node node, String found, String expected) {
      failed = true;
      problems.add(new InputProblem(file, "", lineOf(node), columnOf(node), found, expected));
    }
  }
}
