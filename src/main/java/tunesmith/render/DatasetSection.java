package tunesmith.render;

import java.util.LinkedHashMap;
import java.util.Map;
import tunesmith.keys.DatasetType;
import tunesmith.setup.SetupConfig;

/** The {@code dataset} and {@code dataset_val} sections: one function, two splits. */
public final class DatasetSection {

  public enum Split {
    TRAIN("train", "train.parquet"),
    VALIDATION("validation", "validation.parquet");

    private final String name;
    private final String parquetFile;

    Split(String name, String parquetFile) {
      this.name = name;
      this.parquetFile = parquetFile;
    }
  }

  private DatasetSection() {}

  public static ConfigNode.Section build(SetupConfig config, Split split) {
    DatasetType type = config.datasetType();
    Map<String, ConfigNode> entries = new LinkedHashMap<>();
    entries.put("_component_", ConfigNode.text(type.component()));
    entries.put("source", ConfigNode.text(config.parquet() ? "parquet" : "json"));
    // input_dir always ends in '/', so the resolved path is exactly the dataset's.
    entries.put(
        "data_files",
        new ConfigNode.Interpolation(
            config.parquet()
                ? "${input_dir}${dataset_label}/" + split.parquetFile
                : "${input_dir}${dataset_label}.json"));
    entries.put("split", ConfigNode.text(split.name));
    entries.put("model_path", ConfigNode.text(config.modelDir()));
    entries.put("prompt", ConfigNode.text(config.text("prompt")));
    if (type.takesSystemPrompt()) {
      entries.put("system_prompt", ConfigNode.text(config.text("system_prompt")));
    }
    entries.put("input_key", ConfigNode.text(config.text("input_key")));
    entries.put("output_key", ConfigNode.text(config.text("output_key")));
    entries.put("train_on_input", new ConfigNode.Bool(config.bool("train_on_input")));
    entries.put("packed", new ConfigNode.Bool(config.bool("packed")));
    if (split == Split.TRAIN) {
      config
          .optionalInteger("training_samples")
          .ifPresent(samples -> entries.put("max_samples", new ConfigNode.Integer(samples)));
    }
    return new ConfigNode.Section(entries);
  }
}
