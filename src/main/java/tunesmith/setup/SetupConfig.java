package tunesmith.setup;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tunesmith.catalog.ModelSpec;
import tunesmith.keys.DatasetType;
import tunesmith.keys.EpochsToSave;
import tunesmith.profile.Profile;
import tunesmith.sharing.SharedKeyMap;
import tunesmith.yaml.ScalarText;

/**
 * One run's settings after precedence and validation: every setup key's text (empty when unset),
 * plus what is derived from them. Typed getters cannot fail: the resolver checked every value.
 *
 * @param inputDir {@code input_dir_base + input_formatting (+ /)}, always ending in '/'
 * @param modelDir the model's directory (checkpoint_dir), absolute
 * @param modelsDir where model directories live
 * @param outputDir torchtune's output_dir, per target (see {@link OutputDirs})
 * @param moduleNames modules loaded in the script, in order
 * @param target the versions of cruijff_kit and torchtune that will read the files
 * @param notes warnings about the settings found while resolving them (e.g. keys the target never
 *     reads)
 */
public record SetupConfig(
    Map<String, Optional<String>> settings,
    ModelSpec model,
    String inputDir,
    String modelDir,
    String modelsDir,
    String outputDir,
    List<String> moduleNames,
    SlurmResources resources,
    Profile target,
    List<String> notes) {

  public SetupConfig {
    settings = SharedKeyMap.copyOf(settings);
    moduleNames = List.copyOf(moduleNames);
    notes = List.copyOf(notes);
  }

  public Optional<String> optional(String key) {
    Optional<String> value = settings.get(key);
    if (value == null) {
      throw new IllegalArgumentException("not a setup key: " + key);
    }
    return value;
  }

  public String text(String key) {
    Optional<String> value = optional(key);
    // Not orElseThrow(supplier): the capturing lambda was an allocation per call under C1.
    if (value.isEmpty()) {
      throw new IllegalStateException(key + " has no value");
    }
    return value.get();
  }

  public long integer(String key) {
    return ScalarText.integer(text(key)).orElseThrow();
  }

  public Optional<Long> optionalInteger(String key) {
    return optional(key).map(text -> ScalarText.integer(text).orElseThrow());
  }

  public BigDecimal number(String key) {
    return ScalarText.number(text(key)).orElseThrow();
  }

  public boolean bool(String key) {
    return ScalarText.bool(text(key)).orElseThrow();
  }

  public String runName() {
    return text("my_wandb_run_name");
  }

  public DatasetType datasetType() {
    return DatasetType.fromName(text("dataset_type")).orElseThrow();
  }

  public boolean parquet() {
    return text("dataset_ext").equals("/");
  }

  /** The dataset: a JSON file, or a folder of parquet files (ending in '/'). */
  public String datasetPath() {
    return inputDir + text("dataset_label") + (parquet() ? "/" : ".json");
  }

  public EpochsToSave epochsToSave() {
    return EpochsToSave.parse(text("epochs_to_save")).orElseThrow();
  }

  public boolean validationEnabled() {
    return integer("run_val_every_n_steps") > 0;
  }
}
