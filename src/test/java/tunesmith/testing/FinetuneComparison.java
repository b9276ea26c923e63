package tunesmith.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * cruijff_kit's finetune.yaml against tunesmith's for the same setup file, both resolved by
 * OmegaConf (what torchtune reads), key by key; the differences docs/SETUP-0.3.md lists are
 * allowed, every other one is reported.
 *
 * @param unexplained every difference docs/SETUP-0.3.md does not list
 * @param pathSpellings keys whose paths differ only in doubled or trailing slashes
 * @param theirs cruijff_kit's keys, flattened ({@code optimizer.lr})
 * @param ours tunesmith's keys, flattened
 */
public record FinetuneComparison(
    List<String> unexplained,
    List<String> pathSpellings,
    Map<String, Object> theirs,
    Map<String, Object> ours) {

  /** Keys setup_finetune.py writes that no reader uses (docs/SETUP-0.3.md). */
  private static final Set<String> ONLY_IN_CRUIJFF_KIT =
      Set.of("input_formatting", "config_file", "venv", "modules", "custom_recipe", "hf_token");

  /** The disabled profiler section: absent means disabled too. */
  private static final String PROFILER = "profiler.";

  /**
   * @param onlyInCruijffKit keys the caller knows only cruijff_kit writes besides {@link
   *     #ONLY_IN_CRUIJFF_KIT}, for a difference docs/SETUP-0.3.md lists; one ending in '.' stands
   *     for a whole section
   */
  public static FinetuneComparison of(Path theirFile, Path ourFile, Set<String> onlyInCruijffKit) {
    PythonLoaders.Loaded ourLoaded = PythonLoaders.load(ourFile).assertBothLoaded();
    PythonLoaders.assertLoadersAgree(ourLoaded);
    Map<String, Object> theirKeys = flatten(PythonLoaders.load(theirFile).omegaconfMap());
    Map<String, Object> ourKeys = flatten(ourLoaded.omegaconfMap());
    List<String> unexplained = new ArrayList<>();
    List<String> pathSpellings = new ArrayList<>();
    Set<String> all = new TreeSet<>(theirKeys.keySet());
    all.addAll(ourKeys.keySet());
    for (String key : all) {
      Object their = theirKeys.get(key);
      Object our = ourKeys.get(key);
      if (!ourKeys.containsKey(key)) {
        if (!ONLY_IN_CRUIJFF_KIT.contains(key)
            && onlyInCruijffKit.stream()
                .noneMatch(
                    allowed ->
                        allowed.equals(key) || allowed.endsWith(".") && key.startsWith(allowed))
            && !key.startsWith(PROFILER)) {
          unexplained.add(key + ": only setup_finetune.py writes it (" + their + ")");
        }
      } else if (!theirKeys.containsKey(key)) {
        unexplained.add(key + ": only tunesmith writes it (" + our + ")");
      } else if (samePathSpeltDifferently(their, our)) {
        pathSpellings.add(key);
      } else if (!String.valueOf(our).equals(String.valueOf(their))
          || (our != null && their != null && our.getClass() != their.getClass())) {
        unexplained.add(key + ": setup_finetune.py " + their + ", tunesmith " + our);
      }
    }
    return new FinetuneComparison(unexplained, pathSpellings, theirKeys, ourKeys);
  }

  /**
   * The same absolute path, but the script joins with a doubled slash or keeps a trailing one
   * (docs/SETUP-0.3.md).
   */
  private static boolean samePathSpeltDifferently(Object their, Object our) {
    return their instanceof String theirPath
        && our instanceof String ourPath
        && theirPath.startsWith("/")
        && !theirPath.equals(ourPath)
        && normalPath(theirPath).equals(normalPath(ourPath));
  }

  private static String normalPath(String path) {
    return path.replaceAll("/+", "/").replaceAll("/$", "");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> flatten(Map<String, Object> tree) {
    Map<String, Object> flat = new LinkedHashMap<>();
    tree.forEach(
        (key, value) -> {
          if (value instanceof Map<?, ?> child) {
            flatten((Map<String, Object>) child)
                .forEach((childKey, childValue) -> flat.put(key + "." + childKey, childValue));
          } else {
            flat.put(key, value);
          }
        });
    return flat;
  }
}
