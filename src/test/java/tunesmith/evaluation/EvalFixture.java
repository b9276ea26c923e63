package tunesmith.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tunesmith.environment.LocalSettingsLocator;
import tunesmith.experiment.ExperimentReader;
import tunesmith.plan.PlanLoader;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.problem.InputProblem;
import tunesmith.problem.InvalidInputException;
import tunesmith.problem.Warning;

/**
 * A cruijff_kit-0.3 format experiment with an evaluation section, to vary in tests, planned as
 * scaffold plans it: through {@link PlanLoader}, runs read by the experiment reader.
 */
final class EvalFixture {
  static final String RUNS =
      """
      runs:
        - name: r8
          type: fine-tuned
          model: Llama-3.2-1B-Instruct
          parameters: {lora_rank: 8, lr: 1e-5}
        - name: r16
          type: fine-tuned
          model: Llama-3.2-1B-Instruct
          parameters: {lora_rank: 16, lr: 5e-5, prompt: "Run prompt: {input}"}
        - name: base
          type: control
          model: Llama-3.2-1B-Instruct
          parameters: {}
        - name: old
          type: eval-only
          model: Llama-3.2-1B-Instruct
          parameters: {checkpoint_path: /ckpt/old/epoch_0}
      """;

  static final String EVALUATION =
      """
      evaluation:
        seed: 7
        max_tokens: 12
        scorers:
          - name: match
          - name: risk_scorer
            params: {option_tokens: ["0", "1"], threshold: 0.5, strict: true}
        tasks:
          - name: cap
            script: /tasks/cap.py
            description: capitalization
            dataset: /data/test.json
          - name: cap_cue
            script: /tasks/cap.py@cap
            description: with a cue
            dataset: /data/test.json
            prompt: "Cue!\\n{input} ${not_omegaconf} \\"q\\" 'single'"
            system_prompt: ""
            assistant_prefix: 'Answer: "'
        matrix:
          - run: r8
            tasks: [cap, cap_cue]
            epochs: [0, 1]
          - run: r16
            vis_label: rank16
            tasks: [cap]
            epochs: [1]
          - run: base
            tasks: [cap]
            epochs: null
          - run: old
            tasks: [cap]
            epochs: null
      """;

  static final String CONTROLS =
      """
      controls:
        epochs: 2
        prompt: "Controls: {input}\\n"
        system_prompt: "You are terse."
        dataset_type: chat_completion
        batch_size: 4
        gradient_accumulation_steps: 1
      """;

  private EvalFixture() {}

  static String summary(String controls, String runs, String evaluation) {
    return """
        experiment:
          name: eval_test
          date: "2026-11-20"
          dir: /tmp/not-used
        tools: {preparation: torchtune, evaluation: inspect-ai}
        """
        + controls
        + """
        models:
          base:
            - name: Llama-3.2-1B-Instruct
              path: /models/Llama-3.2-1B-Instruct
        data:
          training: {path: /data/train.json, dataset_label: words, format: json}
        output: {wandb_project: p}
        """
        + runs
        + evaluation;
  }

  static String summary() {
    return summary(CONTROLS, RUNS, EVALUATION);
  }

  /** claude.local.md that sets nothing: every built-in default applies. */
  static final String NO_SETTINGS = "# claude.local.md\n";

  /** claude.local.md with the partition, conda environment and module line of a cluster. */
  static final String CLUSTER_SETTINGS =
      """
      # claude.local.md

      ## SLURM Defaults

      - **Partition**: `nomig`
      - **Default conda environment**: `evalenv`

      ## Module System

      ```bash
      module load anaconda3/2025.6
      ```
      """;

  /**
   * Plans {@code text}, written to {@code dir}/experiment_summary.yaml, as scaffold does ({@link
   * PlanLoader}) with an empty claude.local.md beside it.
   */
  static Planned plan(Path dir, String text) {
    return plan(dir, text, NO_SETTINGS);
  }

  /** As {@link #plan(Path, String)}, with {@code localMd} as claude.local.md. */
  static Planned plan(Path dir, String text, String localMd) {
    Path localFile = dir.resolve(LocalSettingsLocator.FILE_NAME);
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(ExperimentReader.FILE_NAME), text);
      Files.writeString(localFile, localMd);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return new Planned(
          Optional.of(
              PlanLoader.load(
                  new PlanLoader.Request(
                      dir, dir, Optional.of(localFile), Optional.empty(), Map.of("USER", "ada")))),
          List.of());
    } catch (InvalidInputException e) {
      return new Planned(Optional.empty(), e.problems());
    }
  }

  /**
   * What the loader made of an experiment: its plan, or every input problem it found (then nothing
   * is planned, and scaffold writes nothing).
   */
  record Planned(Optional<ScaffoldPlan> scaffold, List<InputProblem> problems) {
    List<String> rendered() {
      return problems.stream().map(InputProblem::render).toList();
    }

    /** The evaluation half of the plan; fails when the input had problems. */
    Evaluation.Plan plan() {
      return scaffold
          .orElseThrow(() -> new AssertionError("not planned: " + rendered()))
          .evaluation();
    }

    List<String> warnings() {
      return scaffold.orElseThrow().warnings().stream().map(Warning::render).toList();
    }

    /** The writer scaffold writes the cells with (claude.local.md's modules, the conda env). */
    CellWriter writer() {
      ScaffoldPlan planned = scaffold.orElseThrow();
      return new CellWriter(planned.local().moduleLines(), planned.evaluation().condaEnv());
    }

    /** Writes every cell as scaffold writes a cell whose directory does not exist yet. */
    Planned writeCells() throws IOException {
      CellWriter writer = writer();
      for (EvalCell cell : plan().cells()) {
        writer.writeNew(cell);
      }
      return this;
    }

    EvalCell cell(String run, String name) {
      return plan().cells().stream()
          .filter(cell -> cell.run().name().equals(run) && cell.name().equals(name))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no cell " + run + "/" + name));
    }
  }

  static Map<String, Object> map(Object value) {
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) value;
    return map;
  }
}
