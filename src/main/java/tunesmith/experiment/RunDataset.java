package tunesmith.experiment;

import java.util.Optional;
import tunesmith.keys.SetupValue;

/**
 * The file one run of the cruijff_kit-0.3 format trains on, and what chose it.
 *
 * @param path the dataset file (absolute); its origin is the field that chose it
 * @param label the dataset's label (data.training.dataset_label, or the file name's stem)
 * @param source which rule chose the file
 * @param condition the data_generation condition, for {@link Source#TRAINING_CONDITION}
 */
public record RunDataset(
    SetupValue path, SetupValue label, Source source, Optional<String> condition) {

  /** In the order they win: a literal path, else a generated condition, else data.training. */
  public enum Source {
    DATASET_PATH,
    TRAINING_CONDITION,
    DATA_TRAINING
  }
}
