package tunesmith.target;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tunesmith.problem.InputProblems;
import tunesmith.profile.Profile;
import tunesmith.yaml.YamlFileReader;
import tunesmith.yaml.YamlMapping;
import tunesmith.yaml.YamlNode;
import tunesmith.yaml.YamlScalar;
import tunesmith.yaml.YamlSequence;

/**
 * Reads a generated component catalog. The file is ours and generated, so a malformed one is a
 * build defect (an exception), never an input problem.
 */
final class ComponentCatalogReader {

  private ComponentCatalogReader() {}

  static ComponentCatalog builtIn(Profile target) {
    String resource = target.componentCatalog();
    return parse(target, resource, resourceText(resource));
  }

  static ComponentCatalog parse(Profile target, String label, String text) {
    InputProblems problems = new InputProblems();
    YamlNode root =
        YamlFileReader.parse(Path.of(label), text, problems)
            .orElseThrow(() -> defect(label, problems.list().toString()));
    YamlMapping top = mapping(root, label);
    String declared = scalar(field(top, "target", label), label);
    if (!declared.equals(target.id())) {
      throw defect(label, "states target " + declared + ", expected " + target.id());
    }
    List<String> sources = new ArrayList<>();
    for (YamlNode source : sequence(field(top, "sources", label), label)) {
      YamlMapping s = mapping(source, label);
      sources.add(
          scalar(field(s, "repository", label), label)
              + " "
              + scalar(field(s, "ref", label), label)
              + " = "
              + scalar(field(s, "commit", label), label));
    }
    Map<String, ComponentSpec> components = new LinkedHashMap<>();
    for (YamlMapping.Entry entry : mapping(field(top, "components", label), label).entries()) {
      YamlMapping c = mapping(entry.value(), label);
      List<ComponentSpec.Guard> guards = new ArrayList<>();
      if (c.get("guards").isPresent()) {
        for (YamlNode guard : sequence(c.get("guards").get(), label)) {
          YamlMapping g = mapping(guard, label);
          guards.add(
              new ComponentSpec.Guard(
                  scalar(field(g, "parameter", label), label),
                  texts(field(g, "allowed", label), label)));
        }
      }
      components.put(
          entry.key(),
          new ComponentSpec(
              entry.key(),
              texts(field(c, "parameters", label), label),
              texts(field(c, "required", label), label),
              bool(field(c, "kwargs", label), label),
              c.get("kwargs_forwarded_to").map(node -> scalar(node, label)),
              guards));
    }
    Map<String, String> absent = new LinkedHashMap<>();
    YamlNode absentNode = field(top, "absent", label);
    if (absentNode instanceof YamlMapping absentMap) {
      absentMap.entries().forEach(e -> absent.put(e.key(), scalar(e.value(), label)));
    }
    Map<String, RecipeSpec> recipes = new LinkedHashMap<>();
    for (YamlMapping.Entry entry : mapping(field(top, "recipes", label), label).entries()) {
      YamlMapping r = mapping(entry.value(), label);
      Map<String, RecipeSpec.Supplied> supplies = new LinkedHashMap<>();
      for (YamlMapping.Entry s : mapping(field(r, "supplies", label), label).entries()) {
        YamlMapping supplied = mapping(s.value(), label);
        supplies.put(
            s.key(),
            new RecipeSpec.Supplied(
                Integer.parseInt(scalar(field(supplied, "positional", label), label)),
                texts(field(supplied, "keywords", label), label)));
      }
      recipes.put(
          entry.key(),
          new RecipeSpec(
              entry.key(),
              bool(field(r, "validation_loop", label), label),
              texts(field(r, "required_keys", label), label),
              texts(field(r, "optional_keys", label), label),
              supplies));
    }
    return new ComponentCatalog(target, sources, components, absent, recipes);
  }

  private static YamlNode field(YamlMapping mapping, String key, String label) {
    return mapping.get(key).orElseThrow(() -> defect(label, "no " + key + " in " + mapping));
  }

  private static YamlMapping mapping(YamlNode node, String label) {
    if (node instanceof YamlMapping mapping) {
      return mapping;
    }
    throw defect(label, "expected a mapping at line " + node.line());
  }

  private static List<YamlNode> sequence(YamlNode node, String label) {
    if (node instanceof YamlSequence sequence) {
      return sequence.items();
    }
    throw defect(label, "expected a list at line " + node.line());
  }

  private static String scalar(YamlNode node, String label) {
    if (node instanceof YamlScalar scalar) {
      return scalar.text();
    }
    throw defect(label, "expected a scalar at line " + node.line());
  }

  private static List<String> texts(YamlNode node, String label) {
    return sequence(node, label).stream().map(item -> scalar(item, label)).toList();
  }

  private static boolean bool(YamlNode node, String label) {
    String text = scalar(node, label);
    if (!text.equals("true") && !text.equals("false")) {
      throw defect(label, "expected true or false at line " + node.line() + ", found " + text);
    }
    return text.equals("true");
  }

  private static IllegalStateException defect(String label, String detail) {
    return new IllegalStateException("component catalog " + label + " is malformed: " + detail);
  }

  private static String resourceText(String resource) {
    try (InputStream in = ComponentCatalogReader.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "the component catalog is missing from the jar: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
