package tunesmith.plan;

import java.nio.file.Path;
import java.util.Optional;
import tunesmith.datagen.GeneratedDatasetName;
import tunesmith.evaluation.ConditionDatasets;
import tunesmith.experiment.ExperimentReader;
import tunesmith.yaml.YamlMapping;

/**
 * The test file cruijff_kit's generator writes for a condition: {@code
 * {scratch}/ck-data/generated/{condition}_test_{hash8}.json}, named as training names its train
 * file. Without a data_generation block or a scratch directory no condition resolves.
 */
record GeneratedTestFiles(Optional<YamlMapping> dataGeneration, Optional<Path> scratch)
    implements ConditionDatasets {

  @Override
  public Optional<String> testFile(String condition) {
    if (dataGeneration.isEmpty() || scratch.isEmpty()) {
      return Optional.empty();
    }
    if (!(GeneratedDatasetName.test(dataGeneration.get(), condition)
        instanceof GeneratedDatasetName.Name name)) {
      return Optional.empty();
    }
    return Optional.of(
        scratch.get().resolve(ExperimentReader.GENERATED_DATA).resolve(name.fileName()).toString());
  }
}
