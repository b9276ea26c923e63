package tunesmith.torchtune;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tunesmith.profile.Profile;
import tunesmith.yaml.YamlMapping;
import tunesmith.yaml.YamlNode;

/** Reads a generated component catalog ({@code scripts/component-catalog}). */
final class ComponentCatalogReader {

  private ComponentCatalogReader() {}

  static ComponentCatalog builtIn(Profile target) {
    GeneratedYaml file = new GeneratedYaml("component catalog", target.componentCatalog());
    return parse(target, file, file.read());
  }

  private static ComponentCatalog parse(Profile target, GeneratedYaml file, YamlMapping top) {
    List<String> sources = file.sources(top, target);
    Map<String, ComponentSpec> components = new LinkedHashMap<>();
    for (YamlMapping.Entry entry : file.mapping(file.field(top, "components")).entries()) {
      YamlMapping c = file.mapping(entry.value());
      List<ComponentSpec.Guard> guards = new ArrayList<>();
      if (c.get("guards").isPresent()) {
        for (YamlNode guard : file.sequence(c.get("guards").get())) {
          YamlMapping g = file.mapping(guard);
          guards.add(
              new ComponentSpec.Guard(
                  file.scalar(file.field(g, "parameter")), file.texts(file.field(g, "allowed"))));
        }
      }
      components.put(
          entry.key(),
          new ComponentSpec(
              entry.key(),
              file.texts(file.field(c, "parameters")),
              file.texts(file.field(c, "required")),
              file.bool(file.field(c, "kwargs")),
              c.get("kwargs_forwarded_to").map(file::scalar),
              guards));
    }
    Map<String, String> absent = new LinkedHashMap<>();
    YamlNode absentNode = file.field(top, "absent");
    if (absentNode instanceof YamlMapping absentMap) {
      absentMap.entries().forEach(e -> absent.put(e.key(), file.scalar(e.value())));
    }
    Map<String, RecipeSpec> recipes = new LinkedHashMap<>();
    for (YamlMapping.Entry entry : file.mapping(file.field(top, "recipes")).entries()) {
      YamlMapping r = file.mapping(entry.value());
      Map<String, RecipeSpec.Supplied> supplies = new LinkedHashMap<>();
      for (YamlMapping.Entry s : file.mapping(file.field(r, "supplies")).entries()) {
        YamlMapping supplied = file.mapping(s.value());
        supplies.put(
            s.key(),
            new RecipeSpec.Supplied(
                Integer.parseInt(file.scalar(file.field(supplied, "positional"))),
                file.texts(file.field(supplied, "keywords"))));
      }
      recipes.put(
          entry.key(),
          new RecipeSpec(
              entry.key(),
              file.bool(file.field(r, "validation_loop")),
              file.texts(file.field(r, "required_keys")),
              file.texts(file.field(r, "optional_keys")),
              supplies));
    }
    return new ComponentCatalog(target, sources, components, absent, recipes);
  }
}
