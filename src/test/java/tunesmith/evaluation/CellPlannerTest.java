package tunesmith.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CellPlannerTest {
  @TempDir Path temp;

  @Test
  void oneCellPerRunTaskAndEpochOfTheMatrix() {
    EvalFixture.Planned planned = EvalFixture.plan(temp, EvalFixture.summary());

    assertThat(planned.rendered()).isEmpty();
    assertThat(planned.plan().cells())
        .extracting(cell -> cell.run().name() + "/eval/" + cell.name())
        .containsExactly(
            "r8/eval/cap_epoch0",
            "r8/eval/cap_epoch1",
            "r8/eval/cap_cue_epoch0",
            "r8/eval/cap_cue_epoch1",
            "r16/eval/cap_epoch1",
            "base/eval/cap",
            "old/eval/cap");
    EvalCell cell = planned.cell("r8", "cap_epoch1");
    assertThat(cell.directory()).isEqualTo(temp.resolve("r8/eval/cap_epoch1"));
    assertThat(cell.modelPath()).isEqualTo(temp.resolve("r8/artifacts") + "/epoch_1");
    assertThat(cell.modelHfName()).isEqualTo("hf/r8_epoch_1");
    assertThat(cell.outputDir()).isEqualTo(temp.resolve("r8/artifacts") + "/");
    assertThat(cell.jobName()).isEqualTo("eval-cap-ep1");
    assertThat(cell.task().taskScript()).isEqualTo("/tasks/cap.py@cap");
  }

  @Test
  void cellsShareWhatTheyHoldAlike() {
    EvalFixture.Planned planned = EvalFixture.plan(temp, EvalFixture.summary());

    EvalCell first = planned.cell("r8", "cap_epoch0");
    EvalCell second = planned.cell("r8", "cap_epoch1");
    assertThat(second.outputDir()).isSameAs(first.outputDir());
    assertThat(second.resources()).isSameAs(first.resources());
    assertThat(planned.cell("r16", "cap_epoch1").epoch()).isSameAs(second.epoch());
    assertThat(planned.cell("r16", "cap_epoch1").name()).isSameAs(second.name());
  }

  @Test
  void modelPathsAndNamesByRunType() {
    EvalFixture.Planned planned = EvalFixture.plan(temp, EvalFixture.summary());

    EvalCell control = planned.cell("base", "cap");
    assertThat(control.modelPath()).isEqualTo("/models/Llama-3.2-1B-Instruct");
    assertThat(control.modelHfName()).isEqualTo("hf/base_control");
    assertThat(control.epoch()).isEmpty();
    assertThat(control.jobName()).isEqualTo("eval-cap");
    EvalCell evalOnly = planned.cell("old", "cap");
    assertThat(evalOnly.modelPath()).isEqualTo("/ckpt/old/epoch_0");
    assertThat(evalOnly.modelHfName()).isEqualTo("hf/old");
  }

  @Test
  void promptIsTaskThenRunThenControls() {
    EvalFixture.Planned planned = EvalFixture.plan(temp, EvalFixture.summary());

    assertThat(planned.cell("r8", "cap_cue_epoch0").prompt())
        .contains("Cue!\n{input} ${not_omegaconf} \"q\" 'single'");
    assertThat(planned.cell("r8", "cap_cue_epoch0").systemPrompt()).contains("");
    assertThat(planned.cell("r16", "cap_epoch1").prompt()).contains("Run prompt: {input}");
    assertThat(planned.cell("r8", "cap_epoch0").prompt()).contains("Controls: {input}\n");
    assertThat(planned.cell("r8", "cap_epoch0").systemPrompt()).contains("You are terse.");
  }

  @Test
  void visLabelDefaultsToTheRunAndNamesTheTaskWhenAnEntryHasSeveral() {
    EvalFixture.Planned planned = EvalFixture.plan(temp, EvalFixture.summary());

    assertThat(planned.cell("r8", "cap_epoch0").visLabel()).isEqualTo("r8 (cap)");
    assertThat(planned.cell("r8", "cap_cue_epoch0").visLabel()).isEqualTo("r8 (cap_cue)");
    assertThat(planned.cell("r16", "cap_epoch1").visLabel()).isEqualTo("rank16");
    assertThat(planned.cell("base", "cap").visLabel()).isEqualTo("base");
  }

  @Test
  void resourcesComeFromTheModelTableAndEvaluationCompute() {
    EvalFixture.Planned planned = EvalFixture.plan(temp, EvalFixture.summary());
    assertThat(planned.cell("base", "cap").resources())
        .isEqualTo(
            new CellResources(
                1, "80G", "0:10:00", 1, Optional.empty(), Optional.empty(), Optional.empty()));

    String withCompute =
        EvalFixture.EVALUATION.replace(
            "  seed: 7\n", "  seed: 7\n  compute: {time: \"1:30:00\", mem: 40G, gpus: 2}\n");
    EvalFixture.Planned computed =
        EvalFixture.plan(
            temp, EvalFixture.summary(EvalFixture.CONTROLS, EvalFixture.RUNS, withCompute));
    assertThat(computed.rendered()).isEmpty();
    CellResources resources = computed.cell("base", "cap").resources();
    assertThat(resources.time()).isEqualTo("1:30:00");
    assertThat(resources.mem()).isEqualTo("40G");
    assertThat(resources.gpus()).isEqualTo(2);
  }

  @Test
  void everyReferenceCheckIsReportedAtOnceWithItsLine() {
    String runs =
        EvalFixture.RUNS
            + """
              - name: big
                type: fine-tuned
                model: Unknown-Model-7B
                parameters: {}
            """;
    String evaluation =
        """
        evaluation:
          seed: "14"
          do_sample: true
          scorer: match
          tasks:
            - name: cap
              script: /tasks/cap.py
              dataset: /data/test.json
              eval_condition: cond_a
            - name: none
              script: /tasks/cap.py
          matrix:
            - run: r9
              tasks: [cap]
              epochs: [0]
            - run: r8
              tasks: [cap, capp]
              epochs: [0, 2]
            - run: base
              tasks: [cap]
              epochs: [0]
            - run: r16
              vis_label: same
              tasks: [none]
              epochs: [0]
            - run: r16
              vis_label: same
              tasks: [cap]
              epochs: [1]
            - run: big
              tasks: [cap]
              epochs: [0]
        """;
    EvalFixture.Planned planned =
        EvalFixture.plan(temp, EvalFixture.summary(EvalFixture.CONTROLS, runs, evaluation));

    String file = temp.resolve("experiment_summary.yaml").toString();
    assertThat(planned.rendered())
        .allSatisfy(line -> assertThat(line).startsWith(file + ":"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(":42:9: evaluation.seed: found '14'")
                    .contains("a whole number"))
        .anySatisfy(
            line -> assertThat(line).contains("evaluation.temperature: found no temperature"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("evaluation.scorer: found the old key 'scorer'")
                    .contains("scorers: [{name: match}]"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(
                        ":46:7: evaluation.tasks[0]: found both 'dataset' and 'eval_condition'"))
        .anySatisfy(
            line ->
                assertThat(line).contains("evaluation.tasks[cap].eval_condition: found 'cond_a'"))
        .anySatisfy(line -> assertThat(line).contains("evaluation.tasks[1]: found neither"))
        .anySatisfy(
            line ->
                assertThat(line).contains("evaluation.matrix[0].run: found 'r9'").contains("r8"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("evaluation.matrix[1].tasks[1]: found 'capp'")
                    .contains("cap"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("evaluation.matrix[1].epochs: found epoch 2")
                    .contains("from 0 to 1"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("evaluation.matrix[2].epochs: found epochs for control run 'base'"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("evaluation.matrix[4].vis_label: found 'same' a second time"))
        // The experiment reader reports the unknown model, at its line and column; evaluation
        // does not report it a second time.
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(":39:12: runs[4] (big).model: found 'Unknown-Model-7B'")
                    .contains("models.base"))
        .noneSatisfy(line -> assertThat(line).contains("a model evaluation knows"));
    assertThat(planned.rendered()).hasSize(12);
  }

  @Test
  void aControlOfAModelEvaluationHasNoResourcesForIsAnError() {
    String summary =
        EvalFixture.summary()
            .replace(
                "            - name: Llama-3.2-1B-Instruct\n",
                "            - name: Custom-Model-7B\n"
                    + "              path: /models/custom\n"
                    + "            - name: Llama-3.2-1B-Instruct\n")
            .replace(
                "  - name: base\n    type: control\n    model: Llama-3.2-1B-Instruct",
                "  - name: base\n    type: control\n    model: Custom-Model-7B");
    assertThat(summary).contains("model: Custom-Model-7B");

    EvalFixture.Planned planned = EvalFixture.plan(temp, summary);

    assertThat(planned.rendered())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    // At the run's entry, line and column.
                    .containsPattern(":\\d+:5: runs\\.base\\.model: found 'Custom-Model-7B'")
                    .contains("a model evaluation knows")
                    .contains("Llama-3.2-1B-Instruct"));
  }

  @Test
  void sampleWithoutPositiveTemperatureSeedAsBoolAndBadComputeAreErrors() {
    String evaluation =
        EvalFixture.EVALUATION.replace(
            "  seed: 7\n",
            "  seed: true\n  do_sample: true\n  temperature: 0\n  compute: {time: 1 hour}\n");
    EvalFixture.Planned planned =
        EvalFixture.plan(
            temp, EvalFixture.summary(EvalFixture.CONTROLS, EvalFixture.RUNS, evaluation));

    assertThat(planned.rendered())
        .anySatisfy(line -> assertThat(line).contains("evaluation.seed: found 'true'"))
        .anySatisfy(
            line ->
                assertThat(line).contains("evaluation.temperature: found 0").contains("above 0"))
        .anySatisfy(line -> assertThat(line).contains("evaluation.compute.time: found '1 hour'"))
        .hasSize(3);
  }

  /**
   * Evaluation's memory and time are held to the syntax training's own are (docs/EVALUATION.md).
   */
  @Test
  void evaluationComputeTakesTrainingsSlurmSyntax() {
    for (String compute :
        java.util.List.of("{mem: 0G}", "{mem: 040G}", "{time: \"1:30:00:00\"}", "{time: 1-100}")) {
      String evaluation =
          EvalFixture.EVALUATION.replace("  seed: 7\n", "  seed: 7\n  compute: " + compute + "\n");
      EvalFixture.Planned planned =
          EvalFixture.plan(
              temp, EvalFixture.summary(EvalFixture.CONTROLS, EvalFixture.RUNS, evaluation));
      String key = compute.substring(1, compute.indexOf(':'));
      assertThat(planned.rendered())
          .as(compute)
          .singleElement()
          .satisfies(
              line ->
                  assertThat(line)
                      .contains("evaluation.compute." + key + ": found '")
                      .contains(key.equals("mem") ? "a SLURM memory size" : "a SLURM time limit"));
    }
    String accepted =
        EvalFixture.EVALUATION.replace(
            "  seed: 7\n", "  seed: 7\n  compute: {mem: 32000M, time: \"1-12:00\"}\n");
    EvalFixture.Planned planned =
        EvalFixture.plan(
            temp, EvalFixture.summary(EvalFixture.CONTROLS, EvalFixture.RUNS, accepted));
    assertThat(planned.rendered()).isEmpty();
    assertThat(planned.cell("base", "cap").resources().mem()).isEqualTo("32000M");
    assertThat(planned.cell("base", "cap").resources().time()).isEqualTo("1-12:00");
  }

  @Test
  void aCommaInATaskArgumentIsRefusedBecauseInspectWouldSplitIt() {
    String evaluation =
        EvalFixture.EVALUATION
            .replace("dataset: /data/test.json\n", "dataset: /data/a,b.json\n")
            .replace("vis_label: rank16", "vis_label: \"rank 16, lr 5e-5\"")
            .replace("assistant_prefix: 'Answer: \"'", "assistant_prefix: 'Yes, no'");
    EvalFixture.Planned planned =
        EvalFixture.plan(
            temp, EvalFixture.summary(EvalFixture.CONTROLS, EvalFixture.RUNS, evaluation));

    assertThat(planned.rendered())
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(
                        "evaluation.tasks[cap].dataset: found '/data/a,b.json', with a comma"))
        .anySatisfy(line -> assertThat(line).contains("vis_label: found 'rank 16, lr 5e-5'"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("evaluation.tasks[cap_cue].assistant_prefix: found 'Yes, no'"));
  }

  @Test
  void missingDatasetTypeAndUnresolvableConditionAreErrors() {
    String controls = EvalFixture.CONTROLS.replace("  dataset_type: chat_completion\n", "");
    String evaluation =
        EvalFixture.EVALUATION.replaceFirst("dataset: /data/test.json", "eval_condition: cond_a");
    EvalFixture.Planned planned =
        EvalFixture.plan(temp, EvalFixture.summary(controls, EvalFixture.RUNS, evaluation));

    assertThat(planned.rendered())
        .anySatisfy(
            line -> assertThat(line).contains("controls.dataset_type: found no dataset_type"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("evaluation.tasks[cap].eval_condition: found 'cond_a'")
                    .contains("'dataset'"));
    assertThat(planned.scaffold()).as("nothing planned, so no cell written").isEmpty();
  }

  @Test
  void anUnknownDatasetTypeIsAnErrorAtItsValue() {
    String controls = EvalFixture.CONTROLS.replace("chat_completion", "chat");
    EvalFixture.Planned planned =
        EvalFixture.plan(
            temp, EvalFixture.summary(controls, EvalFixture.RUNS, EvalFixture.EVALUATION));
    assertThat(planned.rendered())
        .singleElement()
        .satisfies(
            line -> assertThat(line).contains(":10:17: controls.dataset_type: found 'chat'"));
    assertThat(planned.scaffold()).as("nothing planned, so no cell written").isEmpty();
  }

  @Test
  void aDatasetTypeTrainingKnowsButEvaluationCannotFormatIsAnErrorNotSilentlyNoCells() {
    // instruct_dataset is a dataset_type the experiment reader accepts; a cell has a chat template
    // or none, so only chat_completion and text_completion can be evaluated. Untrained runs only:
    // no target check of the training dataset speaks first.
    String controls = EvalFixture.CONTROLS.replace("chat_completion", "instruct_dataset");
    String runs = EvalFixture.RUNS.substring(EvalFixture.RUNS.indexOf("  - name: base"));
    String evaluation =
        EvalFixture.EVALUATION.substring(0, EvalFixture.EVALUATION.indexOf("    - run: r8"))
            + "    - {run: base, tasks: [cap], epochs: null}\n"
            + "    - {run: old, tasks: [cap], epochs: null}\n";
    EvalFixture.Planned planned =
        EvalFixture.plan(temp, EvalFixture.summary(controls, "runs:\n" + runs, evaluation));

    assertThat(planned.rendered())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .contains(":10:17: controls.dataset_type: found 'instruct_dataset'")
                    .contains("chat_completion or text_completion"));
  }

  @Test
  void anEvalOnlyRunNeedsAnAbsoluteCheckpoint() {
    String runs = EvalFixture.RUNS.replace("checkpoint_path: /ckpt/old/epoch_0", "lora_rank: 8");
    EvalFixture.Planned planned =
        EvalFixture.plan(
            temp, EvalFixture.summary(EvalFixture.CONTROLS, runs, EvalFixture.EVALUATION));

    assertThat(planned.rendered())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .contains(":36:17: runs[3] (old).parameters.checkpoint_path: found none"));
  }

  @Test
  void noEvaluationSectionMeansNoCells() {
    EvalFixture.Planned planned =
        EvalFixture.plan(temp, EvalFixture.summary(EvalFixture.CONTROLS, EvalFixture.RUNS, ""));
    assertThat(planned.rendered()).isEmpty();
    assertThat(planned.plan().cells()).isEmpty();
  }
}
