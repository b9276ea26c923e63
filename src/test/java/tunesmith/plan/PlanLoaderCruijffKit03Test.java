package tunesmith.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.experiment.CruijffKit03Yaml;
import tunesmith.experiment.RunType;
import tunesmith.problem.InvalidInputException;
import tunesmith.profile.Profiles;

/**
 * The shipped cruijff_kit-0.3 format example, planned through the loader as `tunesmith scaffold`
 * does.
 */
class PlanLoaderCruijffKit03Test {
  @TempDir Path temp;

  private Path example() throws IOException {
    Path source = Path.of("examples/capitalization_sweep_2026");
    Path copy = temp.resolve("capitalization_sweep_2026");
    Files.createDirectories(copy);
    for (String name : new String[] {"experiment_summary.yaml", "claude.local.md"}) {
      Files.copy(source.resolve(name), copy.resolve(name));
    }
    return copy;
  }

  /** The example with its experiment_summary.yaml changed by {@code edit}. */
  private Path example(UnaryOperator<String> edit) throws IOException {
    Path experiment = example();
    Path summary = experiment.resolve("experiment_summary.yaml");
    Files.writeString(summary, edit.apply(Files.readString(summary)));
    return experiment;
  }

  /** {@code yaml} whose evaluation task reads the generated {@code condition}, not the dataset. */
  private static String withEvalCondition(String yaml, String condition) {
    return yaml.replace(
        "      dataset: /scratch/gpfs/lab/ada/ck-data/capitalization/words_5L_1000.json\n",
        "      eval_condition: " + condition + "\n");
  }

  private static ScaffoldPlan load(Path experiment) {
    return PlanLoader.load(
        new PlanLoader.Request(
            experiment, experiment, Optional.empty(), Optional.empty(), Map.of("USER", "ada")));
  }

  private static Map<String, String> values(ScaffoldPlan plan, String run) {
    Map<String, String> texts = new java.util.LinkedHashMap<>();
    plan.runs().stream()
        .filter(r -> r.run().name().equals(run))
        .findFirst()
        .orElseThrow()
        .setupValues()
        .forEach((k, v) -> texts.put(k, v.text()));
    return texts;
  }

  @Test
  void theExamplePlansWithThe2026TargetAndCatalog() throws IOException {
    Path experiment = example();
    ScaffoldPlan plan = load(experiment);
    assertThat(plan.experiment().profile()).isEqualTo(Profiles.CRUIJFF_KIT_0_3);
    assertThat(plan.runs()).hasSize(6);
    assertThat(plan.experiment().controlRuns())
        .extracting(run -> run.type())
        .containsExactly(RunType.CONTROL, RunType.EVAL_ONLY);
    assertThat(values(plan, "r8_lr1e-5"))
        .containsEntry("project_dir", experiment.getParent() + "/")
        .containsEntry("experiment_name", "capitalization_sweep_2026")
        .containsEntry("constraint", "gpu80");
    assertThat(plan.runs().get(0).config().optional("mem")).contains("80G");
    assertThat(values(plan, "r32_lr1e-4")).containsEntry("constraint", "gpu40");
    assertThat(values(plan, "8B_r32_lr1e-5_terse"))
        .containsEntry("time", "02:00:00")
        .containsEntry("prompt", "{input}\n");
    assertThat(values(plan, "70B_r8_lr1e-5"))
        .containsEntry("gpus", "4")
        .containsEntry("cpus_per_task", "4")
        .containsEntry("time", "08:00:00");
  }

  @Test
  void trainingConditionResolvesUnderClaudeLocalMdsScratchDirectory() throws IOException {
    Path experiment =
        example(
            yaml ->
                CruijffKit03Yaml.withTrainingCondition(
                    CruijffKit03Yaml.withDataGeneration(yaml), "dict_basic"));
    ScaffoldPlan plan = load(experiment);
    assertThat(values(plan, "r8_lr1e-5"))
        .containsEntry("input_dir_base", "/scratch/gpfs/lab/ada/ck-data/generated/")
        .containsEntry("dataset_label", "dict_basic_train_e4735702")
        .containsEntry("dataset_ext", ".json");
    assertThat(values(plan, "r8_lr1e-4")).containsEntry("dataset_label", "words_5L_1000");
  }

  @Test
  void evalConditionResolvesToTheGeneratorsTestFileWithTrainingsHash() throws IOException {
    Path experiment =
        example(yaml -> withEvalCondition(CruijffKit03Yaml.withDataGeneration(yaml), "dict_basic"));
    ScaffoldPlan plan = load(experiment);
    // The same hash as the train file a training_condition of dict_basic names (test above).
    assertThat(plan.evaluation().cells())
        .isNotEmpty()
        .allSatisfy(
            cell ->
                assertThat(cell.dataPath())
                    .isEqualTo(
                        "/scratch/gpfs/lab/ada/ck-data/generated/dict_basic_test_e4735702.json"));
  }

  @Test
  void anEvalConditionTheGeneratorDoesNotNameIsAnInputError() throws IOException {
    // The same edit as above, without the data_generation block that names dict_basic.
    Path experiment = example(yaml -> withEvalCondition(yaml, "dict_basic"));
    InvalidInputException thrown =
        catchThrowableOfType(InvalidInputException.class, () -> load(experiment));
    assertThat(thrown.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.field()).endsWith(".eval_condition"));
  }

  @Test
  void missingDatasetTypeStopsBeforeAnythingIsWritten() throws IOException {
    Path experiment = example(yaml -> yaml.replace("  dataset_type: chat_completion\n", ""));
    InvalidInputException thrown =
        catchThrowableOfType(InvalidInputException.class, () -> load(experiment));
    assertThat(thrown.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.field()).isEqualTo("controls.dataset_type"));
    try (var files = Files.list(experiment)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("experiment_summary.yaml", "claude.local.md");
    }
  }
}
