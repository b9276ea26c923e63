package tunesmith.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.experiment.ExperimentFormat;
import tunesmith.experiment.RunType;
import tunesmith.problem.InvalidInputException;

/** The shipped 2026-format example, planned through the loader as `tunesmith scaffold` does. */
class PlanLoader2026Test {
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
    assertThat(plan.experiment().format()).isEqualTo(ExperimentFormat.CRUIJFF_KIT_0_3);
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

  private static Path fixtures() {
    try {
      return Path.of(PlanLoader2026Test.class.getResource("/config_hash/cases.yaml").toURI())
          .getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void trainingConditionResolvesUnderClaudeLocalMdsScratchDirectory() throws IOException {
    Path experiment = example();
    Path summary = experiment.resolve("experiment_summary.yaml");
    String generation =
        """
          data_generation:
            tool: tabular_to_text_gen
            source: %s
            schema: %s
            target: {column: PINCP, threshold: 50000}
            split_ratio: 0.7
            validation_ratio: 0.1
            seed: 42
            conditions:
              dict_basic:
                features: [AGEP, SEX]
                template: dictionary
        """
            .formatted(fixtures().resolve("source.csv"), fixtures().resolve("schema.yaml"));
    Files.writeString(
        summary,
        Files.readString(summary)
            .replace("data:\n", "data:\n" + generation)
            .replace(
                "    parameters: {lora_rank: 8, lr: 1e-5}\n",
                "    parameters: {lora_rank: 8, lr: 1e-5}\n    training_condition: dict_basic\n"));
    ScaffoldPlan plan = load(experiment);
    assertThat(values(plan, "r8_lr1e-5"))
        .containsEntry("input_dir_base", "/scratch/gpfs/lab/ada/ck-data/generated/")
        .containsEntry("dataset_label", "dict_basic_train_e4735702")
        .containsEntry("dataset_ext", ".json");
    assertThat(values(plan, "r8_lr1e-4")).containsEntry("dataset_label", "words_5L_1000");
  }

  @Test
  void evalConditionResolvesToTheGeneratorsTestFileWithTrainingsHash() throws IOException {
    Path experiment = example();
    Path summary = experiment.resolve("experiment_summary.yaml");
    String generation =
        """
          data_generation:
            tool: tabular_to_text_gen
            source: %s
            schema: %s
            target: {column: PINCP, threshold: 50000}
            split_ratio: 0.7
            validation_ratio: 0.1
            seed: 42
            conditions:
              dict_basic:
                features: [AGEP, SEX]
                template: dictionary
        """
            .formatted(fixtures().resolve("source.csv"), fixtures().resolve("schema.yaml"));
    Files.writeString(
        summary,
        Files.readString(summary)
            .replace("data:\n", "data:\n" + generation)
            .replace(
                "      dataset: /scratch/gpfs/lab/ada/ck-data/capitalization/words_5L_1000.json\n",
                "      eval_condition: dict_basic\n"));
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
    Path experiment = example();
    Path summary = experiment.resolve("experiment_summary.yaml");
    Files.writeString(
        summary,
        Files.readString(summary)
            .replace(
                "      dataset: /scratch/gpfs/lab/ada/ck-data/capitalization/words_5L_1000.json\n",
                "      eval_condition: dict_basic\n"));
    InvalidInputException thrown =
        catchThrowableOfType(InvalidInputException.class, () -> load(experiment));
    assertThat(thrown.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.field()).endsWith(".eval_condition"));
  }

  @Test
  void missingDatasetTypeStopsBeforeAnythingIsWritten() throws IOException {
    Path experiment = example();
    Path summary = experiment.resolve("experiment_summary.yaml");
    Files.writeString(
        summary, Files.readString(summary).replace("  dataset_type: chat_completion\n", ""));
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
