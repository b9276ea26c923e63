package tunesmith.yaml;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.Parser;
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
   * Built once: building it (its schema's resolvers) cost more than parsing a small file. Only the
   * parser reads it: aliases, duplicate keys and recursion are {@link Reading}'s to refuse, and
   * scalars are typed by their readers (FieldReader, ConsumerYaml), never by tags; the failsafe
   * schema spares the default one's patterns. No per-file label: problems name the file themselves,
   * from line and column.
   */
  private static final LoadSettings SETTINGS =
      LoadSettings.builder().setCodePointLimit(MAX_BYTES).setSchema(new FailsafeSchema()).build();

  /** As {@link #SETTINGS}, without the position of every token: for {@link #readBack}. */
  private static final LoadSettings UNMARKED =
      LoadSettings.builder()
          .setCodePointLimit(MAX_BYTES)
          .setSchema(new FailsafeSchema())
          .setUseMarks(false)
          .build();

  private YamlFileReader() {}

  /** Reads {@code file}; on any problem records it and returns empty. */
  public static Optional<YamlNode> read(Path file, InputProblems problems) {
    return read(file, problems, SETTINGS);
  }

  /**
   * As {@link #read}, for a file tunesmith wrote and reads back to check it: parsed without the
   * scanner's position of every token (a sixth of the parse), and read again with positions only
   * when something is wrong, so a problem still names its line and column. The nodes of a clean
   * read have line and column 0.
   */
  public static Optional<YamlNode> readBack(Path file, InputProblems problems) {
    InputProblems unmarked = new InputProblems();
    Optional<YamlNode> root = read(file, unmarked, UNMARKED);
    return unmarked.list().isEmpty() ? root : read(file, problems, SETTINGS);
  }

  private static Optional<YamlNode> read(Path file, InputProblems problems, LoadSettings settings) {
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
      // Strict: bytes that are not UTF-8 throw (MalformedInputException), never become U+FFFD.
      text = Files.readString(file, StandardCharsets.UTF_8);
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
    return parse(file, text, problems, settings);
  }

  /**
   * Parses {@code text} as if read from {@code file}. Built from the parser's events, not from the
   * engine's composed node tree: that tree (a node, two marks and their window of the text per
   * scalar) of a 10,000-run experiment outlives a young collection and fills the old generation.
   */
  public static Optional<YamlNode> parse(Path file, String text, InputProblems problems) {
    return parse(file, text, problems, SETTINGS);
  }

  private static Optional<YamlNode> parse(
      Path file, String text, InputProblems problems, LoadSettings settings) {
    try {
      return new Reading(file, problems, new ParserImpl(settings, new StreamReader(settings, text)))
          .document();
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
      // The scanner keeps one state per open bracket; thousands of levels exhaust the stack first.
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
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no detail";
    }
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).trim();
  }

  private static int lineOf(Event event) {
    Optional<Mark> mark = event.getStartMark();
    return mark.isPresent() ? mark.get().getLine() + 1 : 0;
  }

  private static int columnOf(Event event) {
    Optional<Mark> mark = event.getStartMark();
    return mark.isPresent() ? mark.get().getColumn() + 1 : 0;
  }

  /**
   * One document read event by event into our nodes, refusing what the engine's composer would
   * refuse (undefined aliases, too many aliases of collections) and what we refuse besides:
   * recursion, excessive depth or expansion, duplicate and non-scalar keys.
   */
  private static final class Reading {
    private final Path file;
    private final InputProblems problems;
    private final Parser parser;

    /** Anchored nodes read so far, and how many nodes each stands for (its whole subtree). */
    private final Map<Anchor, Sized> anchors = new HashMap<>();

    /** Anchors whose node is still being read: an alias to one is a cycle. */
    private final Set<Anchor> open = new HashSet<>();

    private int nodes;
    private int revisits;
    private int collectionAliases;
    private boolean failed;

    private record Sized(YamlNode node, int size) {}

    Reading(Path file, InputProblems problems, Parser parser) {
      this.file = file;
      this.problems = problems;
      this.parser = parser;
    }

    Optional<YamlNode> document() {
      parser.next(); // stream start
      if (parser.checkEvent(Event.ID.StreamEnd)) {
        problems.add(file, "", 0, 0, "an empty file", "a YAML mapping");
        return Optional.empty();
      }
      parser.next(); // document start
      Sized root = node(parser.next(), 0);
      if (failed) {
        return Optional.empty();
      }
      parser.next(); // document end
      if (parser.checkEvent(Event.ID.DocumentStart)) {
        parser.next();
        Event second = parser.peekEvent();
        problems.add(
            file,
            "",
            lineOf(second),
            columnOf(second),
            "a second YAML document",
            "exactly one document");
        return Optional.empty();
      }
      return Optional.of(root.node());
    }

    /** The node {@code event} starts, or null once something failed. */
    private Sized node(Event event, int depth) {
      if (event instanceof AliasEvent alias) {
        return alias(alias);
      }
      if (++nodes > MAX_NODES || depth > MAX_DEPTH) {
        return fail(
            event,
            "YAML that expands to more than " + MAX_NODES + " nodes or " + MAX_DEPTH + " levels",
            "a small experiment file (aliases are expanded when read)");
      }
      // No lambdas here: under C1 each capturing one is an allocation through a method handle,
      // per node of every file read back.
      Anchor anchor = ((NodeEvent) event).getAnchor().orElse(null);
      if (anchor != null) {
        open.add(anchor);
      }
      Sized read;
      if (event instanceof ScalarEvent scalar) {
        read =
            new Sized(
                new YamlScalar(scalar.getValue(), scalar.isPlain(), lineOf(event), columnOf(event)),
                1);
      } else if (event instanceof SequenceStartEvent) {
        read = sequence(event, depth);
      } else {
        read = mapping(event, depth);
      }
      if (anchor != null) {
        open.remove(anchor);
        if (read != null) {
          anchors.put(anchor, read);
        }
      }
      return read;
    }

    private Sized alias(AliasEvent alias) {
      Anchor name = alias.getAlias();
      if (open.contains(name)) {
        return fail(alias, "a recursive alias", "a tree without cycles");
      }
      Sized target = anchors.get(name);
      if (target == null) {
        return fail(
            alias, "malformed YAML (found undefined alias " + name + ")", "well-formed YAML");
      }
      if (!(target.node() instanceof YamlScalar) && ++collectionAliases > MAX_ALIASES) {
        return fail(
            alias,
            "YAML the reader refuses (Number of aliases for non-scalar nodes exceeds the specified max="
                + MAX_ALIASES
                + ")",
            "plain YAML within the limits (at most " + MAX_ALIASES + " aliases)");
      }
      nodes += target.size();
      revisits += target.size();
      if (revisits > MAX_ALIAS_EXPANSION || nodes > MAX_NODES) {
        return fail(
            alias,
            "aliases that expand to more than "
                + MAX_ALIAS_EXPANSION
                + " repeated nodes (an alias bomb)",
            "a plain experiment file with few aliases");
      }
      return target;
    }

    private Sized sequence(Event start, int depth) {
      List<YamlNode> items = new ArrayList<>();
      int size = 1;
      while (!parser.checkEvent(Event.ID.SequenceEnd)) {
        Sized item = node(parser.next(), depth + 1);
        if (item == null) {
          return null;
        }
        items.add(item.node());
        size += item.size();
      }
      parser.next();
      return new Sized(new YamlSequence(items, lineOf(start), columnOf(start)), size);
    }

    private Sized mapping(Event start, int depth) {
      List<YamlMapping.Entry> entries = new ArrayList<>();
      int size = 1;
      while (!parser.checkEvent(Event.ID.MappingEnd)) {
        Event keyEvent = parser.next();
        Sized keyRead = node(keyEvent, depth + 1);
        if (keyRead == null) {
          return null;
        }
        if (!(keyRead.node() instanceof YamlScalar key)) {
          return fail(
              keyEvent,
              "a "
                  + (keyRead.node() instanceof YamlMapping ? "mapping" : "list")
                  + " used as a key",
              "a plain text key");
        }
        for (YamlMapping.Entry earlier : entries) {
          if (earlier.key().equals(key.text())) {
            return fail(
                keyEvent,
                "key '" + key.text() + "' a second time (first at line " + earlier.keyLine() + ")",
                "each key once");
          }
        }
        Sized value = node(parser.next(), depth + 1);
        if (value == null) {
          return null;
        }
        entries.add(
            new YamlMapping.Entry(key.text(), key.line(), key.column(), value.node(), key.plain()));
        size += keyRead.size() + value.size();
      }
      parser.next();
      return new Sized(new YamlMapping(entries, lineOf(start), columnOf(start)), size);
    }

    private Sized fail(Event event, String found, String expected) {
      failed = true;
      problems.add(new InputProblem(file, "", lineOf(event), columnOf(event), found, expected));
      return null;
    }
  }
}
