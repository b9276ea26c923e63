package tunesmith.torchtune;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tunesmith.profile.Profile;

/**
 * Checks a finetune.yaml, as its consumers load it, against what the target's readers accept: every
 * {@code _component_} node must name a component the target has, give only keys its function takes,
 * leave no required argument to nobody, and pass the function's guards; the recipe's required
 * top-level keys must be there. See docs/TARGETS.md.
 */
public final class ComponentCheck {
  private static final String COMPONENT = "_component_";
  private static final String MISSING = "missing: ";

  /**
   * Verdicts by tree shape: the runs of a sweep differ in values the check never looks at, so a
   * 10,000-run experiment has a handful of shapes, each checked once (see {@link Shape}).
   */
  private static final Map<Shape, List<ComponentProblem>> VERDICTS = new ConcurrentHashMap<>();

  /** Enough for any experiment; past it (a long-lived test JVM), verdicts are not kept. */
  private static final int MAX_VERDICTS = 4096;

  private static final Map<Profile, Set<String>> GUARDED = new ConcurrentHashMap<>();

  private ComponentCheck() {}

  /**
   * Every problem of {@code tree} (the loaded, interpolated finetune.yaml) for {@code recipe} (the
   * recipe {@code tune run} gets) in {@code target}; empty when its readers accept it.
   */
  public static List<ComponentProblem> check(
      Profile target, String recipe, Map<String, Object> tree) {
    Shape shape = Shape.of(target, recipe, tree, guarded(target));
    List<ComponentProblem> known = VERDICTS.get(shape);
    if (known != null) {
      return known;
    }
    List<ComponentProblem> verdict = List.copyOf(checkUncached(target, recipe, tree));
    if (VERDICTS.size() < MAX_VERDICTS) {
      VERDICTS.putIfAbsent(shape, verdict);
    }
    return verdict;
  }

  /** The parameters some guard of the target looks at: their values are part of a shape. */
  private static Set<String> guarded(Profile target) {
    return GUARDED.computeIfAbsent(
        target,
        t -> {
          Set<String> parameters = new HashSet<>();
          ComponentCatalog.of(t)
              .components()
              .values()
              .forEach(spec -> spec.guards().forEach(guard -> parameters.add(guard.parameter())));
          return Set.copyOf(parameters);
        });
  }

  /**
   * What the check's verdict depends on, and nothing else: the target, the recipe, every key and
   * how it nests, and the values of {@code _component_} keys and guarded parameters. Every other
   * scalar is a placeholder. Keys and values are written with their lengths, so two different trees
   * never spell the same shape.
   */
  record Shape(Profile target, String recipe, String spelling) {
    static Shape of(Profile target, String recipe, Map<String, Object> tree, Set<String> guarded) {
      StringBuilder spelling = new StringBuilder(1024);
      spell(tree, null, guarded, spelling);
      return new Shape(target, recipe, spelling.toString());
    }

    // The record's own comparison, spelt out: the generated one goes through method handles, slow
    // under C1, and every run of a plan is looked up by its shape.
    @Override
    public boolean equals(Object other) {
      return other instanceof Shape that
          && target == that.target
          && Objects.equals(recipe, that.recipe)
          && spelling.equals(that.spelling);
    }

    @Override
    public int hashCode() {
      return (target.hashCode() * 31 + Objects.hashCode(recipe)) * 31 + spelling.hashCode();
    }

    private static void spell(
        Object value, String key, Set<String> guarded, StringBuilder spelling) {
      if (key != null && (COMPONENT.equals(key) || guarded.contains(key))) {
        // The whole value, as the check turns it into text for its verdict and its message.
        String text = String.valueOf(value);
        spelling.append('=').append(text.length()).append(':').append(text);
      }
      if (value instanceof Map<?, ?> map) {
        spelling.append('{');
        map.forEach(
            (childKey, child) -> {
              String name = String.valueOf(childKey);
              spelling.append(name.length()).append(':').append(name);
              spell(child, name, guarded, spelling);
            });
        spelling.append('}');
      } else if (value instanceof List<?> list) {
        spelling.append('[');
        list.forEach(item -> spell(item, null, guarded, spelling));
        spelling.append(']');
      } else {
        spelling.append('.');
      }
    }
  }

  /** The check itself, without the verdicts kept by shape (tests compare the two). */
  static List<ComponentProblem> checkUncached(
      Profile target, String recipe, Map<String, Object> tree) {
    ComponentCatalog catalog = ComponentCatalog.of(target);
    List<ComponentProblem> problems = new ArrayList<>();
    Optional<RecipeSpec> spec = catalog.recipe(recipe);
    if (spec.isEmpty() && ComponentCatalog.covers(recipe)) {
      problems.add(
          new ComponentProblem(target, "", "recipe", "recipe " + recipe + " is not in the target"));
    }
    spec.ifPresent(
        r -> {
          for (String key : r.requiredKeys()) {
            if (!tree.containsKey(key)) {
              problems.add(
                  new ComponentProblem(
                      target,
                      "",
                      key,
                      "missing: recipe " + r.name() + " reads it without a default"));
            }
          }
        });
    tree.forEach(
        (key, value) -> {
          if (spec.isPresent()
              && !spec.get().reads(key)
              && !spec.get().supplies().containsKey(key)) {
            return; // a section the recipe never reads is never instantiated: it cannot fail
          }
          walk(
              catalog,
              spec.map(r -> r.supplied(key)).orElse(RecipeSpec.Supplied.NOTHING),
              "",
              key,
              value,
              problems);
        });
    if (spec.isEmpty()) {
      // Without the recipe nobody knows what it passes itself: "missing" would only be noise.
      problems.removeIf(problem -> problem.reason().startsWith(MISSING));
    }
    return problems;
  }

  private static void walk(
      ComponentCatalog catalog,
      RecipeSpec.Supplied supplied,
      String parent,
      String key,
      Object value,
      List<ComponentProblem> problems) {
    String path = parent.isEmpty() ? key : parent + "." + key;
    if (value instanceof Map<?, ?> map) {
      if (map.containsKey(COMPONENT)) {
        checkNode(catalog, supplied, path, map, problems);
      }
      map.forEach(
          (childKey, child) ->
              walk(
                  catalog,
                  RecipeSpec.Supplied.NOTHING,
                  path,
                  String.valueOf(childKey),
                  child,
                  problems));
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        // A list of datasets: the recipe instantiates each one as it would the section.
        walk(catalog, supplied, parent, key + "[" + i + "]", list.get(i), problems);
      }
    }
  }

  /** A key outside the parameters: taken by **kwargs, or by the function they are passed on to. */
  private static boolean acceptedAsKwarg(
      ComponentCatalog catalog, ComponentSpec component, String key) {
    return component.kwargs()
        && component
            .kwargsForwardedTo()
            .flatMap(catalog::component)
            .map(next -> next.parameters().contains(key))
            .orElse(true);
  }

  private static void checkNode(
      ComponentCatalog catalog,
      RecipeSpec.Supplied supplied,
      String path,
      Map<?, ?> node,
      List<ComponentProblem> problems) {
    Profile target = catalog.target();
    String name = String.valueOf(node.get(COMPONENT));
    Optional<ComponentSpec> found = catalog.component(name);
    if (found.isEmpty() && !ComponentCatalog.covers(name)) {
      return;
    }
    if (found.isEmpty()) {
      String why = catalog.absent().get(name);
      problems.add(
          new ComponentProblem(
              target,
              path,
              COMPONENT,
              "unknown component " + name + (why == null ? "" : " (" + why + ")")));
      return;
    }
    ComponentSpec component = found.get();
    List<String> byRecipe =
        new ArrayList<>(
            component
                .parameters()
                .subList(0, Math.min(supplied.positional(), component.parameters().size())));
    byRecipe.addAll(supplied.keywords());
    for (Object rawKey : node.keySet()) {
      String key = String.valueOf(rawKey);
      if (key.equals(COMPONENT)) {
        continue;
      }
      if (byRecipe.contains(key)) {
        problems.add(
            new ComponentProblem(
                target, path, key, "the recipe passes " + key + " itself: given twice"));
      } else if (!component.parameters().contains(key)
          && !acceptedAsKwarg(catalog, component, key)) {
        problems.add(
            new ComponentProblem(
                target,
                path,
                key,
                "unknown key: " + name + " takes " + String.join(", ", component.parameters())));
      }
    }
    for (String required : component.required()) {
      if (!node.containsKey(required) && !byRecipe.contains(required)) {
        problems.add(
            new ComponentProblem(
                target,
                path,
                required,
                MISSING + name + " requires it and the recipe does not pass it"));
      }
    }
    for (ComponentSpec.Guard guard : component.guards()) {
      if (node.containsKey(guard.parameter())) {
        String value = String.valueOf(node.get(guard.parameter()));
        if (!guard.allowed().contains(value)) {
          problems.add(
              new ComponentProblem(
                  target,
                  path,
                  guard.parameter(),
                  name
                      + " raises on "
                      + value
                      + ": it accepts only "
                      + String.join(", ", guard.allowed())));
        }
      }
    }
  }
}
