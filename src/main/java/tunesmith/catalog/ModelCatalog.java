package tunesmith.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tunesmith.problem.NearestName;

/** Models by name, in catalog order. The built-in catalog, optionally extended by a user's file. */
public final class ModelCatalog {
  private final LinkedHashMap<String, ModelSpec> models;
  private final Map<String, TokenizerSpec> families;

  ModelCatalog(Map<String, ModelSpec> models, Map<String, TokenizerSpec> families) {
    this.models = new LinkedHashMap<>(models);
    this.families = Map.copyOf(families);
  }

  /** Tokenizers by family name, so a user's catalog can name a built-in family. */
  Map<String, TokenizerSpec> families() {
    return families;
  }

  public Optional<ModelSpec> find(String name) {
    return Optional.ofNullable(models.get(name));
  }

  public List<String> names() {
    return List.copyOf(models.keySet());
  }

  /** The entries of {@code extension} replace or add to this catalog's. */
  public ModelCatalog extendedWith(ModelCatalog extension) {
    Map<String, ModelSpec> merged = new LinkedHashMap<>(models);
    merged.putAll(extension.models);
    Map<String, TokenizerSpec> mergedFamilies = new java.util.HashMap<>(families);
    mergedFamilies.putAll(extension.families);
    return new ModelCatalog(merged, mergedFamilies);
  }

  /** " (did you mean 'X'?)" for an unknown name, or "". */
  public String hintFor(String unknownName) {
    return NearestName.hint(unknownName, models.keySet());
  }
}
