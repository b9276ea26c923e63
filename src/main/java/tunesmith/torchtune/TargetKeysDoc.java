package tunesmith.torchtune;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tunesmith.profile.Profile;
import tunesmith.profile.Profiles;

/**
 * The per-target part of docs/KEYS.md: for each target, the commits its catalog was read from,
 * which top-level keys each recipe reads (with and without a default), whether it validates, and
 * which written keys it never reads; then what each dataset builder accepts.
 */
public final class TargetKeysDoc {
  private static final List<String> DATASET_BUILDERS =
      List.of(
          "cruijff_kit.tools.torchtune.datasets.chat_completion.chat_completion_dataset",
          "cruijff_kit.tools.torchtune.datasets.text_completion.text_completion_dataset");

  private TargetKeysDoc() {}

  /**
   * @param written the top-level finetune.yaml keys tunesmith may write, in order
   */
  public static String markdown(Collection<String> written) {
    StringBuilder out = new StringBuilder();
    out.append("\n## Targets: which keys each recipe reads\n\n");
    out.append(
        "Generated from the component catalogs (`scripts/component-catalog`). \"never reads\" lists"
            + " written keys the recipe itself does not read; some of them are still used, as"
            + " `${...}` interpolation sources or by a component. The validation keys"
            + " (`run_val_every_n_steps`, `dataset_val`, `batch_size_val`) are written only for a"
            + " recipe that reads them: a multi-GPU run asking for validation gets none (and a"
            + " warning that validation is skipped). A key none of a target's recipes reads (its"
            + " profile's unread keys, listed under setup_finetune.yaml above) is never written"
            + " for that target.\n");
    for (Profile target : Profiles.all()) {
      ComponentCatalog catalog = ComponentCatalog.of(target);
      out.append("\n### ").append(target.id()).append("\n\nRead from:\n");
      catalog.sources().forEach(source -> out.append("- ").append(source).append('\n'));
      out.append(
          "\n| recipe | validation loop | reads without a default | reads with a default | never reads |\n");
      out.append("|---|---|---|---|---|\n");
      for (RecipeSpec recipe : sorted(catalog.recipes().values())) {
        Set<String> unread = new LinkedHashSet<>(written);
        unread.removeAll(recipe.requiredKeys());
        unread.removeAll(recipe.optionalKeys());
        unread.removeAll(recipe.supplies().keySet());
        out.append("| `")
            .append(recipe.name())
            .append("` | ")
            .append(recipe.validationLoop() ? "yes" : "no")
            .append(" | ")
            .append(codes(recipe.requiredKeys()))
            .append(" | ")
            .append(codes(recipe.optionalKeys()))
            .append(" | ")
            .append(codes(unread))
            .append(" |\n");
      }
      out.append("\n| dataset builder | accepts | guards |\n|---|---|---|\n");
      for (String builder : DATASET_BUILDERS) {
        out.append("| `").append(builder).append("` | ");
        catalog
            .component(builder)
            .ifPresentOrElse(
                spec ->
                    out.append(codes(spec.parameters()))
                        .append(" | ")
                        .append(
                            spec.guards().isEmpty()
                                ? "–"
                                : String.join(
                                    "; ",
                                    spec.guards().stream()
                                        .map(
                                            g ->
                                                "`"
                                                    + g.parameter()
                                                    + "` must be "
                                                    + String.join(" or ", g.allowed()))
                                        .toList())),
                () ->
                    out.append("absent (")
                        .append(catalog.absent().getOrDefault(builder, "not in the catalog"))
                        .append("): refused | –"));
        out.append(" |\n");
      }
    }
    return out.toString();
  }

  private static List<RecipeSpec> sorted(Collection<RecipeSpec> recipes) {
    List<RecipeSpec> list = new ArrayList<>(recipes);
    list.sort((a, b) -> a.name().compareTo(b.name()));
    return list;
  }

  private static String codes(Collection<String> keys) {
    return keys.isEmpty()
        ? "–"
        : String.join(", ", keys.stream().map(key -> "`" + key + "`").toList());
  }
}
