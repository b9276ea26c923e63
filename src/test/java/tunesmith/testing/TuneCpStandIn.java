package tunesmith.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import tunesmith.profile.Profiles;
import tunesmith.torchtune.BaseRecipe;
import tunesmith.torchtune.BaseRecipes;

/**
 * A TEST STAND-IN for torchtune's {@code tune cp NAME DEST}, which cruijff_kit's
 * config_recipe_loader runs to read a base_recipe: it copies a config holding the values
 * tunesmith's recipe catalog has for NAME, nested as in torchtune's file and spelt as written there
 * ({@code lr: 3e-4} stays plain, so PyYAML reads a string as it does from torchtune's file). Any
 * other call, or a NAME the catalog lacks, fails as {@code tune cp} does. torchtune is not
 * installed here.
 */
public final class TuneCpStandIn {
  private static final String SCRIPT =
      """
      #!/bin/bash
      # TEST STAND-IN for torchtune's `tune cp` (tunesmith's tests). Not torchtune.
      if [ "$1" != cp ] || [ $# -ne 3 ]; then
        echo "tune stand-in: expected 'cp NAME DEST', got: $*" >&2; exit 64
      fi
      src="CONFIGS/${2//\\//__}.yaml"
      if [ ! -f "$src" ]; then
        echo "tune cp: error: Invalid file name: $2. Try \\`tune ls\\` to see all available files to copy." >&2
        exit 2
      fi
      cp "$src" "$3"
      """;

  private TuneCpStandIn() {}

  /** Writes {@code root/bin/tune} and its configs; returns the bin directory for PATH. */
  public static Path install(Path root) {
    try {
      Path bin = Files.createDirectories(root.resolve("bin"));
      Path configs = Files.createDirectories(root.resolve("configs"));
      BaseRecipes recipes = BaseRecipes.of(Profiles.CRUIJFF_KIT_0_3);
      for (BaseRecipe recipe : recipes.recipes().values()) {
        Files.writeString(
            configs.resolve(recipe.name().replace("/", "__") + ".yaml"),
            config(recipes.mapping(), recipe));
      }
      Path tune = bin.resolve("tune");
      Files.writeString(tune, SCRIPT.replace("CONFIGS", configs.toString()));
      Files.setPosixFilePermissions(tune, PosixFilePermissions.fromString("rwxr-xr-x"));
      return bin;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The recipe's values nested under their sections, one level deep as in the mapping. */
  private static String config(Map<String, String> mapping, BaseRecipe recipe) {
    Map<String, StringBuilder> sections = new LinkedHashMap<>();
    StringBuilder top = new StringBuilder();
    mapping.forEach(
        (path, key) -> {
          if (!recipe.values().containsKey(key)) {
            return;
          }
          String text = recipe.values().get(key).orElse("null");
          int dot = path.indexOf('.');
          if (dot < 0) {
            top.append(path).append(": ").append(text).append('\n');
          } else {
            sections
                .computeIfAbsent(path.substring(0, dot), section -> new StringBuilder())
                .append("  ")
                .append(path.substring(dot + 1))
                .append(": ")
                .append(text)
                .append('\n');
          }
        });
    StringBuilder out = new StringBuilder("# from tunesmith's recipe catalog: " + recipe.file());
    out.append('\n').append(top);
    sections.forEach((section, body) -> out.append(section).append(":\n").append(body));
    return out.toString();
  }
}
