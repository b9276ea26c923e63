package tunesmith.experiment;

import java.util.OptionalLong;
import tunesmith.keys.SetupValue;

/** data.training: the dataset file (json) or folder (parquet) every run trains on. */
public record TrainingData(
    SetupValue path, SetupValue label, boolean parquet, OptionalLong trainSamples) {}
