package tunesmith.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static tunesmith.experiment.ExperimentYaml.messages;
import static tunesmith.testing.TextPositions.columnOf;
import static tunesmith.testing.TextPositions.lineOf;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.problem.InputProblem;
import tunesmith.profile.Profiles;

class ExperimentReaderTest {

  @TempDir Path dir;

  private ExperimentPlan read(String text) {
    return ExperimentYaml.read(dir, text);
  }

  private List<InputProblem> problems(String text) {
    return ExperimentYaml.problems(dir, text);
  }

  @Test
  void typicalExperimentReads() {
    ExperimentPlan plan = read(ExperimentYaml.typical(dir));
    assertThat(plan.name()).isEqualTo("cap_sweep");
    assertThat(plan.date()).isEqualTo("2025-10-22");
    assertThat(plan.fineTunedRuns())
        .extracting(RunSpec::name)
        .containsExactly("r8_lr1e-5", "r16_lr5e-5");
    assertThat(plan.controlRuns()).extracting(RunSpec::name).containsExactly("base");
    assertThat(plan.variables()).containsOnlyKeys("lora_rank", "lr");
    assertThat(plan.runs().get(0).parameters().get("lr").text()).isEqualTo("1e-5");
    assertThat(plan.runs().get(0).parameterNames()).containsEntry("lr", "learning_rate");
    assertThat(plan.training().trainSamples()).hasValue(240);
    assertThat(plan.training().label().text()).isEqualTo("words_4L");
    assertThat(plan.warnings()).isEmpty();
  }

  @Test
  void runsHoldWhatTheyHaveAlikeInOneInstanceAndKeepTheirOrder() {
    ExperimentPlan plan = read(ExperimentYaml.typical(dir));
    RunSpec first = plan.fineTunedRuns().get(0);
    RunSpec second = plan.fineTunedRuns().get(1);
    assertThat(second.model()).isEqualTo(first.model()).isSameAs(first.model());
    assertThat(second.parameterNames().get("lr")).isSameAs(first.parameterNames().get("lr"));
    assertThat(first.parameters().keySet()).containsExactly("lora_rank", "lr");
    assertThat(first.slurmOverrides()).isEmpty();
  }

  @Test
  void everyErrorHasFileLineColumnAndFieldAndAllAreReportedTogether() {
    String text =
        ExperimentYaml.typical(dir)
            .replace("date: \"2025-10-22\"", "date: \"2025-13-45\"")
            .replace("preparation: torchtune", "preparation: axolotl")
            .replace("- name: r8_lr1e-5", "- name: r8 lr1e-5")
            .replace(
                "parameters: {lora_rank: 16, learning_rate: 5e-5}",
                "parameters: {lora_rnak: 16, learning_rate: 5e-5}")
            .replace("type: control", "type: baseline")
            .replace(
                "size_gb: 2.5", "size_gb: 2.5\n    - name: Llama-9B-Imaginary\n      path: /abs/x");
    List<InputProblem> problems = problems(text);
    assertThat(problems).hasSizeGreaterThanOrEqualTo(6);
    Path file = dir.resolve(ExperimentReader.FILE_NAME);
    assertThat(problems)
        .allSatisfy(
            problem -> {
              assertThat(problem.file()).isEqualTo(file);
              assertThat(problem.line()).as(problem.render()).isPositive();
              assertThat(problem.column()).as(problem.render()).isPositive();
              assertThat(problem.field()).as(problem.render()).isNotBlank();
              assertThat(problem.found()).isNotBlank();
              assertThat(problem.expected()).isNotBlank();
              assertThat(problem.render())
                  .contains(
                      file
                          + ":"
                          + problem.line()
                          + ":"
                          + problem.column()
                          + ": "
                          + problem.field());
            });
    assertThat(problems)
        .extracting(InputProblem::field)
        .contains("experiment.date", "tools.preparation", "runs[0].name", "models.base[1].name");
    assertThat(problems).anySatisfy(p -> assertThat(p.field()).contains("parameters.lora_rnak"));
    assertThat(problems).anySatisfy(p -> assertThat(p.field()).endsWith(".type"));

    InputProblem date =
        problems.stream()
            .filter(p -> p.field().equals("experiment.date"))
            .findFirst()
            .orElseThrow();
    assertThat(date.line()).isEqualTo(lineOf(text, "2025-13-45"));
    assertThat(date.column()).isEqualTo(columnOf(text, "\"2025-13-45\""));
    InputProblem runName =
        problems.stream().filter(p -> p.field().equals("runs[0].name")).findFirst().orElseThrow();
    assertThat(runName.line()).isEqualTo(lineOf(text, "r8 lr1e-5"));
    assertThat(runName.found()).contains("r8 lr1e-5");
  }

  @Test
  void parameterTypoIsAnErrorWithADidYouMeanHint() {
    String text =
        ExperimentYaml.typical(dir)
            .replace(
                "parameters: {lora_rank: 16, learning_rate: 5e-5}",
                "parameters: {lora_rnak: 16, learning_rate: 5e-5}");
    List<InputProblem> problems = problems(text);
    assertThat(problems)
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.field()).contains("runs[1]").endsWith("parameters.lora_rnak");
              assertThat(problem.found()).contains("did you mean 'lora_rank'");
              assertThat(problem.line()).isEqualTo(lineOf(text, "lora_rnak"));
              assertThat(problem.column()).isEqualTo(columnOf(text, "lora_rnak"));
            });
  }

  /** A required control misspelt used to be a warning, and the runs trained one epoch. */
  @Test
  void aMisspeltRequiredControlIsAnErrorNotADefault() {
    String text = ExperimentYaml.typical(dir).replace("  epochs: 1\n", "  epoch: 3\n");
    assertThat(text).contains("epoch: 3").doesNotContain("epochs:");
    assertThat(problems(text))
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.field()).isEqualTo("controls.epoch");
              assertThat(problem.found()).contains("'epoch'").contains("did you mean 'epochs'");
              assertThat(problem.expected()).contains("controls.epochs").contains("required");
              assertThat(problem.line()).isEqualTo(lineOf(text, "epoch: 3"));
              assertThat(problem.column()).isEqualTo(columnOf(text, "epoch: 3"));
            });
    // Next to the control it resembles, an unknown key stays a warning.
    ExperimentPlan plan =
        read(ExperimentYaml.typical(dir).replace("  epochs: 1\n", "  epochs: 1\n  epoch: 3\n"));
    assertThat(plan.warnings())
        .singleElement()
        .satisfies(w -> assertThat(w.message()).contains("controls.epoch").contains("not used"));
  }

  @Test
  void aRelativeModelPathIsAnErrorAtItsValue() {
    String text =
        ExperimentYaml.typical(dir)
            .replace(
                "path: /abs/pretrained-llms/Llama-3.2-1B-Instruct",
                "path: pretrained-llms/Llama-3.2-1B-Instruct");
    assertThat(problems(text))
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.field()).isEqualTo("models.base[0].path");
              assertThat(problem.found())
                  .isEqualTo("a relative path 'pretrained-llms/Llama-3.2-1B-Instruct'");
              assertThat(problem.expected()).contains("an absolute path");
              assertThat(problem.line()).isEqualTo(lineOf(text, "pretrained-llms/Llama-3.2-1B"));
              assertThat(problem.column())
                  .isEqualTo(columnOf(text, "pretrained-llms/Llama-3.2-1B"));
            });
  }

  /** Variables are informational: one that no run can be held to is said to be, not refused. */
  @Test
  void variableThatIsNoSetupKeyIsInformational() {
    String text =
        ExperimentYaml.typical(dir)
            .replace("lora_rank: [8, 16]", "lora_rank: [8, 16]\n  warmup: [10, 20]");
    ExperimentPlan plan = read(text);
    assertThat(plan.variables()).containsOnlyKeys("lora_rank", "lr");
    assertThat(plan.warnings())
        .singleElement()
        .satisfies(
            warning ->
                assertThat(warning.message())
                    .contains("variables.warmup (line " + lineOf(text, "warmup") + ")")
                    .contains("informational"));
  }

  /** cruijff_kit's flat form, with model and sample_size (its explore-experiment parsing doc). */
  @Test
  void flatVariablesWithModelAndSampleSizeAreReadAndModelIsHeldToTheRuns() {
    String flat = "variables:\n  model: [Llama-3.2-1B-Instruct]\n  sample_size: [1000, 10000]\n";
    ExperimentPlan plan = read(ExperimentYaml.typical(dir).replace("variables:\n", flat));
    assertThat(plan.variables()).containsOnlyKeys("model", "lora_rank", "lr");
    assertThat(plan.warnings())
        .singleElement()
        .satisfies(w -> assertThat(w.message()).contains("variables.sample_size"));

    String otherModel = flat.replace("[Llama-3.2-1B-Instruct]", "[Llama-3.1-8B-Instruct]");
    ExperimentPlan mismatched =
        read(ExperimentYaml.typical(dir).replace("variables:\n", otherModel));
    assertThat(mismatched.warnings())
        .filteredOn(w -> w.message().contains("model = Llama-3.2-1B-Instruct is not among"))
        .hasSize(2);
  }

  /** cruijff_kit's structured form: independent variables held to the runs, dependent noted. */
  @Test
  void independentAndDependentVariablesAreRead() {
    String structured =
        """
        variables:
          independent:
            - name: "model"
              values: ["Llama-3.2-1B-Instruct"]
            - {name: lora_rank, values: [8, 32]}
            - {name: learning_rate, values: [1e-5, 5e-5]}
          dependent:
            - name: "accuracy"
              metric: "match_accuracy"
        """;
    String text =
        ExperimentYaml.typical(dir)
            .replace(
                "variables:\n  lora_rank: [8, 16]\n  learning_rate: [1e-5, 5e-5]\n", structured);
    assertThat(text).contains("independent:").doesNotContain("lora_rank: [8, 16]");
    ExperimentPlan plan = read(text);
    assertThat(plan.variables()).containsOnlyKeys("model", "lora_rank", "lr");
    assertThat(plan.variables().get("lora_rank"))
        .extracting(v -> v.text())
        .containsExactly("8", "32");
    assertThat(plan.warnings())
        .extracting(w -> w.message())
        .anySatisfy(m -> assertThat(m).contains("variables.dependent").contains("informational"))
        .anySatisfy(m -> assertThat(m).contains("lora_rank = 16 is not among"))
        .hasSize(2);
  }

  @Test
  void dirIsNoLongerAnAliasButChoosesThe2026Format() {
    // experiment.dir chooses the cruijff_kit-0.3 format (docs/MIGRATION.md); this January file then
    // names
    // the keys that format does not read instead of silently losing them.
    // (gradient_accumulation_steps added: the 2026 format requires it, as cruijff_kit's template)
    ExperimentPlan plan =
        read(
            ExperimentYaml.typical(dir)
                .replace("  directory: ", "  dir: ")
                .replace(
                    "  batch_size: 4\n", "  batch_size: 4\n  gradient_accumulation_steps: 1\n"));
    assertThat(plan.directory()).isEqualTo(dir.toAbsolutePath().normalize());
    assertThat(plan.profile()).isEqualTo(Profiles.CRUIJFF_KIT_0_3);
    assertThat(messages(plan))
        .singleElement()
        .satisfies(m -> assertThat(m).contains("output.base_directory"));
  }

  @Test
  void missingDirectoryIsAnError() {
    String text = ExperimentYaml.typical(dir).replaceAll("  directory: .*\n", "");
    assertThat(problems(text))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("experiment.directory");
              assertThat(p.line()).isEqualTo(lineOf(text, "name: cap_sweep"));
            });
  }

  @Test
  void datasetLabelIsAnAliasForLabel() {
    ExperimentPlan plan =
        read(
            ExperimentYaml.typical(dir)
                .replace("    label: words_4L", "    dataset_label: words_4L_alias"));
    assertThat(plan.training().label().text()).isEqualTo("words_4L_alias");
  }

  @Test
  void controlsTypoIsAWarningSuggestingTheKey() {
    // A required control misspelt is an error (aMisspeltRequiredControlIsAnErrorNotADefault).
    String text =
        ExperimentYaml.typical(dir).replace("  epochs: 1\n", "  epochs: 1\n  lora_rnak: 3\n");
    ExperimentPlan plan = read(text);
    assertThat(messages(plan))
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w).contains("controls.lora_rnak").contains("'lora_rank'");
              assertThat(w).contains("line " + lineOf(text, "lora_rnak: 3"));
            });
    assertThat(plan.controls()).doesNotContainKey("lora_rnak").doesNotContainKey("lora_rank");
  }

  @Test
  void baseRecipeIsASetupKeyAmongTheControls() {
    // Applied (or, for a target whose script has no recipe defaults, warned about) when the run's
    // setup is resolved: docs/SETUP-0.3.md.
    ExperimentPlan plan =
        read(
            ExperimentYaml.typical(dir)
                .replace(
                    "  epochs: 1\n", "  epochs: 1\n  base_recipe: lora_finetune_single_device\n"));
    assertThat(plan.warnings()).isEmpty();
    assertThat(plan.controls())
        .containsKeys("epochs", "batch_size", "prompt", "system_prompt", "dataset_type")
        .containsKey("base_recipe")
        .doesNotContainKey("validation_during_training");
    assertThat(plan.controls().get("base_recipe").text()).isEqualTo("lora_finetune_single_device");
  }

  @Test
  void runValueNotAmongTheVariablesValuesIsAWarning() {
    ExperimentPlan plan =
        read(
            ExperimentYaml.typical(dir)
                .replace(
                    "{lora_rank: 16, learning_rate: 5e-5}",
                    "{lora_rank: 32, learning_rate: 5e-5}"));
    assertThat(plan.warnings())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.run()).isEqualTo("r16_lr5e-5");
              assertThat(w.message()).contains("lora_rank").contains("32");
            });
  }

  @Test
  void runValuesAreComparedAsNumbers() {
    ExperimentPlan plan =
        read(
            ExperimentYaml.typical(dir)
                .replace(
                    "{lora_rank: 8, learning_rate: 1e-5}",
                    "{lora_rank: 8.0, learning_rate: 0.00001}")
                .replace(
                    "{lora_rank: 16, learning_rate: 5e-5}",
                    "{lora_rank: \"16\", learning_rate: \"5.0e-05\"}"));
    assertThat(plan.warnings()).isEmpty();
    assertThat(SweepSection.sameValue("1e-5", "0.00001")).isTrue();
    assertThat(SweepSection.sameValue("1e-5", "2e-5")).isFalse();
    assertThat(SweepSection.sameValue("chat", "chat")).isTrue();
    List<String> texts =
        List.of(
            "1e-5", "0.00001", "1.0e-05", "2e-5", "8", "8.0", "08", "0", "0.0", "-0", "chat",
            "Chat", "", "1e5", "100000");
    for (String a : texts) {
      for (String b : texts) {
        assertThat(SweepSection.valueKey(a).equals(SweepSection.valueKey(b)))
            .as("%s vs %s", a, b)
            .isEqualTo(SweepSection.sameValue(a, b));
      }
    }
  }

  @Test
  void fineTunedRunMissingASweptVariableIsAWarning() {
    ExperimentPlan plan =
        read(
            ExperimentYaml.typical(dir)
                .replace("{lora_rank: 16, learning_rate: 5e-5}", "{learning_rate: 5e-5}"));
    assertThat(plan.warnings())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.run()).isEqualTo("r16_lr5e-5");
              assertThat(w.message()).contains("lora_rank");
            });
  }

  @Test
  void controlRunMissingSweptVariablesIsNotWarned() {
    ExperimentPlan plan = read(ExperimentYaml.typical(dir));
    assertThat(plan.warnings()).noneSatisfy(w -> assertThat(w.run()).isEqualTo("base"));
  }

  @Test
  void perRunParametersOutsideVariablesAreFine() {
    ExperimentPlan plan =
        read(
            ExperimentYaml.typical(dir)
                .replace(
                    "{lora_rank: 16, learning_rate: 5e-5}",
                    "{lora_rank: 16, learning_rate: 5e-5, batch_size: 2}"));
    assertThat(plan.warnings()).isEmpty();
    assertThat(plan.runs().get(1).parameters().get("batch_size").text()).isEqualTo("2");
  }

  @Test
  void differingExperimentDirectoryIsAWarningAndTheGivenDirectoryIsUsed() {
    ExperimentPlan plan =
        read(
            ExperimentYaml.typical(dir)
                .replace("  directory: " + dir.toAbsolutePath(), "  directory: /somewhere/else"));
    assertThat(plan.directory()).isEqualTo(dir.toAbsolutePath().normalize());
    assertThat(messages(plan))
        .singleElement()
        .satisfies(
            w ->
                assertThat(w)
                    .contains("/somewhere/else")
                    .contains(dir.toAbsolutePath().toString()));
  }

  @Test
  void duplicateRunNamesAreAnError() {
    String text = ExperimentYaml.typical(dir).replace("- name: r16_lr5e-5", "- name: r8_lr1e-5");
    assertThat(problems(text))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).contains("runs[1]");
              assertThat(p.found())
                  .contains("r8_lr1e-5")
                  .contains("line " + lineOf(text, "- name: r8_lr1e-5"));
            });
  }

  @Test
  void unknownSlurmOverrideIsAnError() {
    String text =
        ExperimentYaml.typical(dir)
            .replace(
                "{lora_rank: 8, learning_rate: 1e-5}",
                "{lora_rank: 8, learning_rate: 1e-5}\n    slurm_overrides: {cpu_per_task: 2}");
    assertThat(problems(text))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).endsWith("slurm_overrides.cpu_per_task");
              assertThat(p.found()).contains("did you mean 'cpus_per_task'");
            });
  }

  @Test
  void runModelNotInModelsBaseIsAnError() {
    String text =
        ExperimentYaml.typical(dir)
            .replaceFirst("model: Llama-3.2-1B-Instruct\n", "model: Llama-3.2-3B-Instruct\n");
    assertThat(problems(text))
        .singleElement()
        .satisfies(p -> assertThat(p.field()).isEqualTo("runs[0] (r8_lr1e-5).model"));
  }

  @Test
  void pathWithShellSyntaxIsAnError() {
    String text =
        ExperimentYaml.typical(dir)
            .replace("path: /abs/data/words_4L.json", "path: \"/abs/my data/words_4L.json\"");
    assertThat(problems(text))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("data.training.path");
              assertThat(p.line()).isEqualTo(lineOf(text, "my data"));
            });
  }

  @Test
  void missingTopLevelSectionsAreReportedTogether() {
    List<InputProblem> problems =
        problems(
            "experiment:\n  name: x\n  directory: "
                + dir.toAbsolutePath()
                + "\n  date: \"2025-01-01\"\n");
    assertThat(problems)
        .extracting(InputProblem::field)
        .contains("tools", "models", "data", "output", "runs");
  }

  @Test
  void nonTorchtunePreparationIsAnError() {
    String text =
        ExperimentYaml.typical(dir).replace("preparation: torchtune", "preparation: axolotl");
    assertThat(problems(text))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("tools.preparation");
              assertThat(p.found()).contains("axolotl");
              assertThat(p.line()).isEqualTo(lineOf(text, "axolotl"));
            });
  }
}
