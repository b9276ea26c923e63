package tunesmith.setup;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tunesmith.keys.SetupKeys;
import tunesmith.keys.SetupValue;
import tunesmith.problem.InputProblems;
import tunesmith.problem.NearestName;
import tunesmith.profile.Profile;
import tunesmith.torchtune.BaseRecipe;
import tunesmith.torchtune.BaseRecipes;

/**
 * The layer {@code base_recipe} adds, as cruijff_kit 0.3's setup_finetune.py adds it: the named
 * torchtune recipe config's values (scripts/recipe-catalog) for the keys the setup file and the
 * flags leave unset, above the built-in defaults. See docs/SETUP-0.3.md.
 */
final class BaseRecipeDefaults {
  /** Keys a recipe config may set to null, written as null in finetune.yaml. */
  static final Set<String> NULLABLE = Set.of("max_seq_len");

  private BaseRecipeDefaults() {}

  /**
   * Lays the recipe's values into {@code settings} (built-in defaults so far) for every key {@code
   * given} leaves unset; an unknown recipe is an input problem at {@code base_recipe}.
   */
  static void apply(
      Map<String, SetupValue> given,
      Map<String, Optional<String>> settings,
      Profile target,
      InputProblems problems,
      List<String> notes) {
    SetupValue named = given.get("base_recipe");
    if (named == null || named.isNull()) {
      return;
    }
    BaseRecipes recipes = BaseRecipes.of(target);
    if (!recipes.applies()) {
      notes.add(
          "base_recipe is set ('"
              + named.text()
              + "') but target "
              + target
              + "'s setup_finetune.py takes no defaults from recipes: it changes nothing");
      return;
    }
    Optional<BaseRecipe> recipe = recipes.find(named.text());
    if (recipe.isEmpty()) {
      SetupResolver.report(
          problems,
          named,
          "'"
              + named.text()
              + "', which is not a torchtune recipe config of target "
              + target
              + NearestName.hint(named.text(), recipes.names()),
          "one of the configs `tune ls` lists there: " + String.join(", ", recipes.names()));
      return;
    }
    recipe
        .get()
        .values()
        .forEach(
            (key, value) -> {
              SetupValue own = given.get(key);
              if (own != null && !own.isNull()) {
                return;
              }
              if (value.isEmpty() && !NULLABLE.contains(key)) {
                throw new IllegalStateException(
                    recipe.get().name()
                        + " sets "
                        + key
                        + " to null, which tunesmith cannot write");
              }
              value
                  .flatMap(text -> SetupKeys.get(key).rule().check(text))
                  .ifPresent(
                      expected ->
                          SetupResolver.report(
                              problems,
                              named,
                              recipe.get().name() + " gives " + key + " '" + value.get() + "'",
                              key + " set in the experiment: " + expected));
              settings.put(key, value);
            });
  }
}
