package tunesmith.torchtune;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tunesmith.problem.InputProblems;
import tunesmith.profile.Profile;
import tunesmith.yaml.YamlFileReader;
import tunesmith.yaml.YamlMapping;
import tunesmith.yaml.YamlNode;
import tunesmith.yaml.YamlScalar;
import tunesmith.yaml.YamlSequence;

/**
 * One of the files the scripts generate from the readers' sources and the jar ships (a component
 * catalog, a recipe catalog). The file is ours, so a malformed one is a build defect (an
 * exception), never an input problem.
 *
 * @param kind what the file is, for the defect's message
 * @param label the resource's name
 */
record GeneratedYaml(String kind, String label) {

  /** The resource's top-level mapping. */
  YamlMapping read() {
    InputProblems problems = new InputProblems();
    return mapping(
        YamlFileReader.parse(Path.of(label), resourceText(), problems)
            .orElseThrow(() -> defect(problems.list().toString())));
  }

  /**
   * The commits the file was generated from, one line each ({@code owner/name ref = commit}), after
   * checking that it is {@code target}'s.
   */
  List<String> sources(YamlMapping top, Profile target) {
    String declared = scalar(field(top, "target"));
    if (!declared.equals(target.id())) {
      throw defect("states target " + declared + ", expected " + target.id());
    }
    List<String> sources = new ArrayList<>();
    for (YamlNode source : sequence(field(top, "sources"))) {
      YamlMapping s = mapping(source);
      sources.add(
          scalar(field(s, "repository"))
              + " "
              + scalar(field(s, "ref"))
              + " = "
              + scalar(field(s, "commit")));
    }
    return List.copyOf(sources);
  }

  YamlNode field(YamlMapping mapping, String key) {
    return mapping.get(key).orElseThrow(() -> defect("no " + key + " in " + mapping));
  }

  YamlMapping mapping(YamlNode node) {
    if (node instanceof YamlMapping mapping) {
      return mapping;
    }
    throw defect("expected a mapping at line " + node.line());
  }

  List<YamlNode> sequence(YamlNode node) {
    if (node instanceof YamlSequence sequence) {
      return sequence.items();
    }
    throw defect("expected a list at line " + node.line());
  }

  String scalar(YamlNode node) {
    if (node instanceof YamlScalar scalar) {
      return scalar.text();
    }
    throw defect("expected a scalar at line " + node.line());
  }

  List<String> texts(YamlNode node) {
    return sequence(node).stream().map(this::scalar).toList();
  }

  boolean bool(YamlNode node) {
    String text = scalar(node);
    if (!text.equals("true") && !text.equals("false")) {
      throw defect("expected true or false at line " + node.line() + ", found " + text);
    }
    return text.equals("true");
  }

  IllegalStateException defect(String detail) {
    return new IllegalStateException(kind + " " + label + " is malformed: " + detail);
  }

  private String resourceText() {
    try (InputStream in = GeneratedYaml.class.getResourceAsStream(label)) {
      if (in == null) {
        throw new IllegalStateException("the " + kind + " is missing from the jar: " + label);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
