package tunesmith.torchtune;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tunesmith.profile.Profile;
import tunesmith.yaml.YamlMapping;
import tunesmith.yaml.YamlNode;
import tunesmith.yaml.YamlScalar;

/** Reads a generated recipe catalog ({@code scripts/recipe-catalog}). */
final class BaseRecipesReader {

  private BaseRecipesReader() {}

  static BaseRecipes builtIn(Profile target) {
    GeneratedYaml file = new GeneratedYaml("recipe catalog", target.recipeCatalog());
    YamlMapping top = file.read();
    var sources = file.sources(top, target);
    boolean applies = file.bool(file.field(top, "applies"));
    Map<String, String> mapping = new LinkedHashMap<>();
    Map<String, BaseRecipe> recipes = new LinkedHashMap<>();
    if (applies) {
      file.mapping(file.field(top, "mapping"))
          .entries()
          .forEach(entry -> mapping.put(entry.key(), file.scalar(entry.value())));
      for (YamlMapping.Entry entry : file.mapping(file.field(top, "recipes")).entries()) {
        YamlMapping recipe = file.mapping(entry.value());
        Map<String, Optional<String>> values = new LinkedHashMap<>();
        for (YamlMapping.Entry value : file.mapping(file.field(recipe, "values")).entries()) {
          if (!mapping.containsValue(value.key())) {
            throw file.defect(entry.key() + " sets " + value.key() + ", which the mapping lacks");
          }
          values.put(value.key(), nullable(file, value.value()));
        }
        Set<String> strings =
            recipe.get("strings").map(node -> Set.copyOf(file.texts(node))).orElse(Set.of());
        recipes.put(
            entry.key(),
            new BaseRecipe(entry.key(), file.scalar(file.field(recipe, "file")), values, strings));
      }
    }
    return new BaseRecipes(target, sources, applies, mapping, recipes);
  }

  /** A value as written; empty for a YAML null. */
  private static Optional<String> nullable(GeneratedYaml file, YamlNode node) {
    String text = file.scalar(node);
    return ((YamlScalar) node).isNull() ? Optional.empty() : Optional.of(text);
  }
}
