package tunesmith.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static tunesmith.experiment.ExperimentYaml.messages;
import static tunesmith.testing.TextPositions.lineOf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.catalog.ModelCatalogReader;
import tunesmith.keys.SetupValue;
import tunesmith.problem.InputProblem;
import tunesmith.profile.Profiles;

/** The cruijff_kit-0.3 format (experiment.dir) as read into the plan; see docs/FORMATS-0.3.md. */
class CruijffKit03ReaderTest {
  @TempDir Path dir;
  @TempDir Path scratch;

  private ExperimentReader reader() {
    return new ExperimentReader(ModelCatalogReader::builtIn, Optional.of(scratch));
  }

  private ExperimentPlan read(String text) {
    ExperimentYaml.write(dir, text);
    return reader().read(dir);
  }

  private List<InputProblem> problems(String text) {
    return ExperimentYaml.problems(reader(), dir, text);
  }

  private static RunSpec run(ExperimentPlan plan, String name) {
    return plan.runs().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void dirChoosesThe2026FormatAndItsTarget() {
    ExperimentPlan plan = read(CruijffKit03Yaml.typical(dir));
    assertThat(plan.profile()).isEqualTo(Profiles.CRUIJFF_KIT_0_3);
    assertThat(plan.profile()).isEqualTo(Profiles.CRUIJFF_KIT_0_3);
    assertThat(plan.project()).contains("capitalization");
    assertThat(plan.baseDirectory()).isNull();
    assertThat(plan.directory()).isEqualTo(dir.toAbsolutePath().normalize());
    // metadata, evaluation.*, size_kb, gradient_accumulation_steps: all known, none warned about
    assertThat(messages(plan)).isEmpty();
  }

  @Test
  void directoryStillChoosesTheJanuaryFormat() {
    ExperimentPlan plan = ExperimentYaml.read(dir, ExperimentYaml.typical(dir));
    assertThat(plan.profile()).isEqualTo(Profiles.CRUIJFF_KIT_2026_01);
    assertThat(plan.profile()).isEqualTo(Profiles.CRUIJFF_KIT_2026_01);
  }

  @Test
  void bothDirAndDirectoryIsAnErrorNamingBoth() {
    String text = CruijffKit03Yaml.typical(dir).replace("  dir: ", "  directory: /x\n  dir: ");
    assertThat(problems(text))
        .anySatisfy(
            p -> {
              assertThat(p.field()).isEqualTo("experiment.dir");
              assertThat(p.line()).isEqualTo(lineOf(text, "  dir: "));
              assertThat(p.column()).isEqualTo(3);
              assertThat(p.found() + p.expected())
                  .contains("experiment.dir")
                  .contains("experiment.directory");
            });
  }

  @Test
  void neitherDirNorDirectoryIsAnErrorNamingBoth() {
    String text = CruijffKit03Yaml.typical(dir).replaceAll("  dir: .*\n", "");
    // The file is then read as January, which adds that format's own complaints.
    assertThat(problems(text))
        .first()
        .satisfies(
            p -> {
              assertThat(p.found()).contains("experiment.dir").contains("experiment.directory");
              assertThat(p.line()).isEqualTo(lineOf(text, "name: cap_sweep"));
              assertThat(p.file().getFileName().toString()).isEqualTo("experiment_summary.yaml");
            });
  }

  @Test
  void missingDatasetTypeIsAnError() {
    String text =
        CruijffKit03Yaml.summary(
            dir,
            CruijffKit03Yaml.CONTROLS.replace("  dataset_type: chat_completion\n", ""),
            CruijffKit03Yaml.RUNS);
    assertThat(problems(text))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("controls.dataset_type");
              assertThat(p.line()).isEqualTo(lineOf(text, "epochs: 1"));
            });
  }

  @Test
  void januaryFormatStillDefaultsDatasetType() {
    String text =
        ExperimentYaml.summary(
            dir,
            ExperimentYaml.DEFAULT_CONTROLS.replace("  dataset_type: chat_completion\n", ""),
            ExperimentYaml.DEFAULT_RUNS);
    assertThat(ExperimentYaml.read(dir, text).controls()).doesNotContainKey("dataset_type");
  }

  @Test
  void evalOnlyRunIsListedNotScaffoldedWithItsCheckpoint() {
    ExperimentPlan plan = read(CruijffKit03Yaml.typical(dir));
    RunSpec evalOnly = run(plan, "earlier_rank8");
    assertThat(evalOnly.type()).isEqualTo(RunType.EVAL_ONLY);
    assertThat(evalOnly.checkpointPath().map(SetupValue::text))
        .contains("/abs/old/r8/artifacts/epoch_0");
    assertThat(evalOnly.parameters()).isEmpty();
    assertThat(plan.fineTunedRuns())
        .extracting(RunSpec::name)
        .containsExactly("r8_lr1e-5", "r16_lr5e-5");
    assertThat(plan.controlRuns())
        .extracting(RunSpec::name)
        .containsExactly("base", "earlier_rank8");
  }

  @Test
  void relativeCheckpointPathIsAnError() {
    String text =
        CruijffKit03Yaml.typical(dir)
            .replace("checkpoint_path: /abs/old/r8/artifacts/epoch_0", "checkpoint_path: old/r8");
    assertThat(problems(text))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("runs[3] (earlier_rank8).parameters.checkpoint_path");
              assertThat(p.line()).isEqualTo(lineOf(text, "checkpoint_path: old/r8"));
              assertThat(p.expected()).contains("absolute");
            });
  }

  @Test
  void checkpointPathOfAFineTunedRunIsWarnedAboutAsUnused() {
    String text =
        CruijffKit03Yaml.typical(dir)
            .replace(
                "parameters: {lora_rank: 8, lr: 1e-5}",
                "parameters: {lora_rank: 8, lr: 1e-5, checkpoint_path: /abs/ckpt}");
    assertThat(messages(read(text)))
        .singleElement()
        .satisfies(
            m ->
                assertThat(m)
                    .startsWith("r8_lr1e-5: parameters.checkpoint_path")
                    .contains("eval-only"));
  }

  @Test
  void evalOnlyIsNotAJanuaryRunType() {
    String runs =
        ExperimentYaml.DEFAULT_RUNS
            + """
              - name: old
                type: eval-only
                model: Llama-3.2-1B-Instruct
                parameters: {}
            """;
    assertThat(
            ExperimentYaml.problems(
                dir, ExperimentYaml.summary(dir, ExperimentYaml.DEFAULT_CONTROLS, runs)))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("runs[3] (old).type");
              assertThat(p.expected()).contains("fine-tuned or control").contains("experiment.dir");
            });
  }

  @Test
  void computeBlockIsReadPerRun() {
    ExperimentPlan plan = read(CruijffKit03Yaml.typical(dir));
    assertThat(run(plan, "r16_lr5e-5").compute())
        .extractingFromEntries(e -> e.getKey() + "=" + e.getValue().text())
        .containsExactly("time=01:30:00", "gpus=1", "mem=60G", "cpus_per_task=2");
    assertThat(run(plan, "r8_lr1e-5").compute()).isEmpty();
  }

  @Test
  void unknownComputeKeyIsAnErrorWithTheNearestKey() {
    String text = CruijffKit03Yaml.typical(dir).replace("cpus_per_task: 2", "cpu_per_task: 2");
    assertThat(problems(text))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("runs[1] (r16_lr5e-5).compute.cpu_per_task");
              assertThat(p.found()).contains("cpus_per_task");
            });
  }

  @Test
  void lrAndLearningRateBothMeanLr() {
    ExperimentPlan plan = read(CruijffKit03Yaml.typical(dir));
    assertThat(run(plan, "r8_lr1e-5").parameters().get("lr").text()).isEqualTo("1e-5");
    assertThat(run(plan, "r16_lr5e-5").parameters().get("lr").text()).isEqualTo("5e-5");
  }

  @Test
  void perRunPromptWinsAsAParameter() {
    String text =
        CruijffKit03Yaml.typical(dir)
            .replace(
                "parameters: {lora_rank: 8, lr: 1e-5}",
                "parameters: {lora_rank: 8, lr: 1e-5, prompt: \"Upper-case: {input}\\n\"}");
    RunSpec r8 = run(read(text), "r8_lr1e-5");
    assertThat(r8.prompt().map(SetupValue::text)).contains("Upper-case: {input}\n");
  }

  @Test
  void runsTrainOnDataTrainingByDefault() {
    RunDataset dataset =
        run(read(CruijffKit03Yaml.typical(dir)), "r8_lr1e-5").dataset().orElseThrow();
    assertThat(dataset.source()).isEqualTo(RunDataset.Source.DATA_TRAINING);
    assertThat(dataset.path().text()).isEqualTo("/abs/data/words_4L.json");
    assertThat(dataset.label().text()).isEqualTo("words_4L");
  }

  @Test
  void literalDatasetPathWins() {
    String text =
        CruijffKit03Yaml.typical(dir)
            .replace(
                "    parameters: {lora_rank: 8, lr: 1e-5}",
                "    parameters: {lora_rank: 8, lr: 1e-5}\n    dataset_path: /abs/other/words_9L.json\n    training_condition: nowhere");
    RunDataset dataset = run(read(text), "r8_lr1e-5").dataset().orElseThrow();
    assertThat(dataset.source()).isEqualTo(RunDataset.Source.DATASET_PATH);
    assertThat(dataset.path().text()).isEqualTo("/abs/other/words_9L.json");
    assertThat(dataset.label().text()).isEqualTo("words_9L");
  }

  @Test
  void stepWarningsUseDataTrainingSizeOnlyForRunsThatTrainOnIt() {
    String text =
        CruijffKit03Yaml.typical(dir)
            .replace(
                "parameters: {lora_rank: 8, lr: 1e-5}",
                "parameters: {lora_rank: 8, lr: 1e-5, dataset_path: /abs/p/words.json}");
    ExperimentPlan plan = read(text);
    assertThat(plan.trainSamples(run(plan, "r8_lr1e-5"))).isEmpty();
    assertThat(plan.trainSamples(run(plan, "r16_lr5e-5"))).hasValue(240);
  }

  @Test
  void parametersDatasetPathIsALiteralPathToo() {
    String text =
        CruijffKit03Yaml.typical(dir)
            .replace(
                "parameters: {lora_rank: 8, lr: 1e-5}",
                "parameters: {lora_rank: 8, lr: 1e-5, dataset_path: /abs/p/words.json}");
    RunSpec r8 = run(read(text), "r8_lr1e-5");
    assertThat(r8.dataset().orElseThrow().path().text()).isEqualTo("/abs/p/words.json");
    assertThat(r8.parameters()).doesNotContainKey("dataset_path");
  }

  /** A training_condition variable is held to the conditions the runs train on. */
  @Test
  void aTrainingConditionVariableIsHeldToTheRuns() {
    String text =
        withCondition("dict_basic")
            .replace("variables:\n", "variables:\n  training_condition: [dict_other]\n");
    assertThat(text).contains("training_condition: [dict_other]");
    ExperimentPlan plan = read(text);
    assertThat(plan.variables()).containsKey("training_condition");
    assertThat(messages(plan))
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains("r8_lr1e-5")
                    .contains("training_condition = dict_basic is not among")
                    .contains("[dict_other]"));
  }

  private String withCondition(String condition) {
    return CruijffKit03Yaml.withTrainingCondition(
        CruijffKit03Yaml.withDataGeneration(CruijffKit03Yaml.typical(dir)), condition);
  }

  @Test
  void trainingConditionNamesTheGeneratedFile() {
    // dict_basic_train_e4735702.json is what cruijff_kit's resolve_dataset_path computed for this
    // block (src/test/resources/config_hash/expected.yaml).
    RunDataset dataset =
        run(read(withCondition("dict_basic")), "r8_lr1e-5").dataset().orElseThrow();
    assertThat(dataset.source()).isEqualTo(RunDataset.Source.TRAINING_CONDITION);
    assertThat(dataset.path().text())
        .isEqualTo(scratch.resolve("ck-data/generated/dict_basic_train_e4735702.json").toString());
    assertThat(dataset.label().text()).isEqualTo("dict_basic_train_e4735702");
    assertThat(dataset.condition()).contains("dict_basic");
  }

  @Test
  void unknownTrainingConditionIsAnErrorNamingTheRunAndTheWayOut() {
    String text = withCondition("dict_basci");
    assertThat(problems(text))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("runs[0] (r8_lr1e-5).training_condition");
              assertThat(p.line()).isEqualTo(lineOf(text, "training_condition: dict_basci"));
              assertThat(p.found()).contains("dict_basic");
              assertThat(p.expected()).contains("dataset_path");
            });
  }

  @Test
  void trainingConditionWithoutAScratchDirectoryIsAnError() {
    ExperimentReader noScratch =
        new ExperimentReader(ModelCatalogReader::builtIn, Optional.empty());
    assertThat(ExperimentYaml.problems(noScratch, dir, withCondition("dict_basic")))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("runs[0] (r8_lr1e-5).training_condition");
              assertThat(p.expected()).contains("Scratch directory").contains("dataset_path");
            });
  }

  @Test
  void trainingConditionWhoseSourceIsMissingIsAnError() throws Exception {
    String text =
        withCondition("dict_basic")
            .replace(
                CruijffKit03Yaml.configHash().resolve("source.csv").toString(),
                "/nonexistent/source.csv");
    assertThat(problems(text))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.found()).contains("/nonexistent/source.csv");
              assertThat(p.expected()).contains("dataset_path");
            });
    assertThat(Files.exists(scratch.resolve("ck-data"))).isFalse();
  }

  @Test
  void misspelledControlIsNamedWithTheNearestKey() {
    String text =
        CruijffKit03Yaml.summary(
            dir, CruijffKit03Yaml.CONTROLS.replace("epochs: 1", "epoch: 1"), CruijffKit03Yaml.RUNS);
    // epochs is required by cruijff_kit's template: its misspelling is an error, not a default.
    assertThat(ExperimentYaml.problems(dir, text))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("controls.epoch");
              assertThat(p.found()).contains("did you mean 'epochs'");
            });
  }

  /** epochs left out of controls used to train every run that did not set it one epoch. */
  @Test
  void aRequiredControlNoRunSetsIsAnErrorNamingTheRuns() {
    String text =
        CruijffKit03Yaml.summary(
            dir,
            CruijffKit03Yaml.CONTROLS.replace("  epochs: 1\n", ""),
            CruijffKit03Yaml.RUNS.replace(
                "{lora_rank: 8, lr: 1e-5}", "{lora_rank: 8, lr: 1e-5, epochs: 2}"));
    assertThat(text).doesNotContain("  epochs: 1");
    assertThat(problems(text))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo(dir.resolve("experiment_summary.yaml"));
              assertThat(p.field()).isEqualTo("controls.epochs");
              // at the controls mapping, whose first key is batch_size now
              assertThat(p.line()).isEqualTo(lineOf(text, "batch_size: 4"));
              // r8 sets it; r16 does not; control and eval-only runs do not train
              assertThat(p.found())
                  .isEqualTo(
                      "no epochs in controls, and run r16_lr5e-5 does not set it in parameters");
              assertThat(p.expected())
                  .isEqualTo(
                      "controls.epochs (cruijff_kit's experiment_summary template marks it"
                          + " REQUIRED), or parameters.epochs in every fine-tuned run");
            });
  }

  @Test
  void formats2026MdListsTheControlsEveryTrainingRunMustGet() throws java.io.IOException {
    String doc = Files.readString(Path.of("docs/FORMATS-0.3.md"));
    String sentence =
        doc.substring(doc.indexOf("In the 2026 format each of "), doc.indexOf("must reach every"));
    java.util.regex.Matcher name = java.util.regex.Pattern.compile("`(\\w+)`").matcher(sentence);
    List<String> listed = new java.util.ArrayList<>();
    while (name.find()) {
      listed.add(name.group(1));
    }
    assertThat(listed).isEqualTo(RequiredControls.KEYS);
  }

  @Test
  void aRequiredControlEveryTrainingRunSetsIsNotNeededInControls() {
    ExperimentPlan plan =
        read(
            CruijffKit03Yaml.summary(
                dir,
                CruijffKit03Yaml.CONTROLS.replace("  system_prompt: \"\"\n", ""),
                CruijffKit03Yaml.RUNS
                    .replace(
                        "{lora_rank: 8, lr: 1e-5}", "{lora_rank: 8, lr: 1e-5, system_prompt: A}")
                    .replace(
                        "{lora_rank: 16, learning_rate: 5e-5}",
                        "{lora_rank: 16, learning_rate: 5e-5, system_prompt: B}")));
    assertThat(plan.controls()).doesNotContainKey("system_prompt");
    assertThat(run(plan, "r16_lr5e-5").parameters().get("system_prompt").text()).isEqualTo("B");
  }

  @Test
  void everyRequiredControlLeftOutIsNamedOnce() {
    String text =
        CruijffKit03Yaml.summary(
            dir,
            CruijffKit03Yaml.CONTROLS
                .replace("epochs: 1", "epoch: 1")
                .replace("  batch_size: 4\n", "")
                .replace("  gradient_accumulation_steps: 1\n", "")
                .replace("  system_prompt: \"\"\n", ""),
            CruijffKit03Yaml.RUNS);
    // epoch is reported as the misspelling it is, not again as a missing epochs.
    assertThat(problems(text))
        .extracting(InputProblem::field)
        .containsExactly(
            "controls.epoch",
            "controls.batch_size",
            "controls.gradient_accumulation_steps",
            "controls.system_prompt");
    assertThat(problems(text).get(1).found())
        .isEqualTo(
            "no batch_size in controls, and 2 fine-tuned runs (r8_lr1e-5, r16_lr5e-5) do not set"
                + " it in parameters");
  }

  @Test
  void aBaseRecipeThatGivesARequiredControlSetsIt() {
    ExperimentPlan plan =
        read(
            CruijffKit03Yaml.summary(
                dir,
                CruijffKit03Yaml.CONTROLS
                    .replace("epochs: 1\n", "base_recipe: llama3_2/1B_lora_single_device\n")
                    .replace("  gradient_accumulation_steps: 1\n", ""),
                CruijffKit03Yaml.RUNS));
    assertThat(plan.controls()).doesNotContainKeys("epochs", "gradient_accumulation_steps");
  }

  @Test
  void controlsTheTargetNeverReadsAreWarnedAbout() {
    String text =
        CruijffKit03Yaml.summary(
            dir, CruijffKit03Yaml.CONTROLS + "  epochs_to_save: all\n", CruijffKit03Yaml.RUNS);
    ExperimentPlan plan = read(text);
    assertThat(plan.controls()).doesNotContainKey("epochs_to_save");
    assertThat(messages(plan))
        .anySatisfy(
            m -> assertThat(m).contains("controls.epochs_to_save").contains("cruijff_kit-0.3"));
  }

  @Test
  void outputBaseDirectoryIsWarnedAboutAsUnused() {
    String text =
        CruijffKit03Yaml.typical(dir)
            .replace("output:\n", "output:\n  base_directory: /abs/ck-outputs/x\n");
    assertThat(messages(read(text)))
        .singleElement()
        .satisfies(m -> assertThat(m).contains("output.base_directory").contains("artifacts"));
  }

  @Test
  void unknownKeysAreWarnedAboutWithTheNearestKnownKey() {
    String text =
        CruijffKit03Yaml.typical(dir)
            .replace("  project: capitalization\n", "  projet: capitalization\n")
            .replace("    type: control\n", "    type: control\n    computer: {}\n");
    assertThat(messages(read(text)))
        .anySatisfy(m -> assertThat(m).contains("experiment.projet").contains("'project'"))
        .anySatisfy(m -> assertThat(m).contains("runs[2] (base).computer").contains("'compute'"));
  }

  @Test
  void anotherDirIsWarnedAboutAndTheScaffoldedOneUsed() {
    String text =
        CruijffKit03Yaml.typical(dir)
            .replace("  dir: " + dir.toAbsolutePath(), "  dir: /elsewhere/x");
    ExperimentPlan plan = read(text);
    assertThat(plan.directory()).isEqualTo(dir.toAbsolutePath().normalize());
    assertThat(messages(plan))
        .singleElement()
        .satisfies(m -> assertThat(m).contains("experiment.dir is /elsewhere/x"));
  }

  @Test
  void parquetIsNotA2026Format() {
    String text = CruijffKit03Yaml.typical(dir).replace("format: json", "format: parquet");
    assertThat(problems(text))
        .singleElement()
        .satisfies(p -> assertThat(p.field()).isEqualTo("data.training.format"));
  }

  @Test
  void january2026OnlyKeysAreWarnedAboutNotSilentlyIgnored() {
    String runs =
        ExperimentYaml.DEFAULT_RUNS.replace(
            "    parameters: {lora_rank: 8, learning_rate: 1e-5}",
            "    parameters: {lora_rank: 8, learning_rate: 1e-5}\n    compute: {time: \"01:00:00\"}");
    ExperimentPlan plan =
        ExperimentYaml.read(
            dir,
            ExperimentYaml.summary(dir, ExperimentYaml.DEFAULT_CONTROLS, runs)
                + "evaluation:\n  scorers: [{name: match}]\n");
    assertThat(messages(plan))
        .anySatisfy(
            m -> assertThat(m).contains("runs[0] (r8_lr1e-5).compute").contains("slurm_overrides"))
        .anySatisfy(
            m -> assertThat(m).contains("evaluation").contains("no evaluation scaffolding"));
    assertThat(plan.runs().get(0).compute()).isEmpty();
  }
}
