package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Json;
import tunesmith.testing.PythonLoaders;

/** The evaluation half through the real commands: plan, scaffold (twice) and its reports. */
class EvaluationScaffoldTest {
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

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> cells(CliResult result) {
    return (List<Map<String, Object>>) Json.parseObject(result.out()).get("cells");
  }

  @Test
  void scaffoldWritesTheCellsTheMatrixNamesAndAReRunChangesNothing() throws IOException {
    Path experiment = example();
    CliResult first = Cli.run(experiment, "scaffold", "--json");
    assertThat(first.exitCode()).as(first.err()).isZero();
    List<Map<String, Object>> cells = cells(first);
    assertThat(cells)
        .extracting(cell -> cell.get("run") + "/" + cell.get("cell"))
        .containsExactly(
            "r8_lr1e-5/capitalization_epoch0",
            "r8_lr1e-5/capitalization_epoch1",
            "Llama-3.2-1B-Instruct_base/capitalization",
            "r8_lr1e-4_from_october/capitalization");
    assertThat(cells).allSatisfy(c -> assertThat(c.get("status")).isEqualTo("created"));

    Path cell = experiment.resolve("r8_lr1e-5/eval/capitalization_epoch1");
    Map<String, Object> evalYaml = PythonLoaders.pyyaml(cell.resolve("eval.yaml"));
    assertThat(evalYaml)
        .containsEntry("model_path", experiment.toAbsolutePath() + "/r8_lr1e-5/artifacts/epoch_1")
        .containsEntry("epoch", 1L)
        .containsEntry("prompt", "Capitalize: {input}\n")
        .containsEntry("system_prompt", "You capitalize words.");
    assertThat(cell.resolve("cell.slurm")).isExecutable();
    Path control = experiment.resolve("Llama-3.2-1B-Instruct_base/eval/capitalization");
    assertThat(PythonLoaders.pyyaml(control.resolve("eval.yaml")))
        .containsEntry("model_path", "/scratch/gpfs/lab/pretrained-llms/Llama-3.2-1B-Instruct")
        .containsEntry("is_finetuned", false);

    CliResult second = Cli.run(experiment, "scaffold", "--json");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(cells(second))
        .hasSize(4)
        .allSatisfy(c -> assertThat(c.get("status")).isEqualTo("unchanged"));

    CliResult text = Cli.run(experiment, "plan");
    assertThat(text.out())
        .contains("### Evaluation Cells")
        .contains("r8_lr1e-5 (fine-tuned): capitalization_epoch0 (planned), capitalization_epoch1");
  }

  @Test
  @SuppressWarnings("unchecked")
  void submitDryRunPrintsEachCellChainedAfterItsTrainingAndVerifyChecksCells() throws IOException {
    Path experiment = example();
    assertThat(Cli.run(experiment, "scaffold", "-q").exitCode()).isZero();
    CliResult dry = Cli.run(experiment, "submit", "--dry-run", "--json");
    assertThat(dry.exitCode()).as(dry.describe()).isZero();
    Map<String, List<Object>> commands = new java.util.LinkedHashMap<>();
    for (Map<String, Object> cell : cells(dry)) {
      commands.put(cell.get("run") + "/" + cell.get("cell"), (List<Object>) cell.get("command"));
    }
    assertThat(commands.get("r8_lr1e-5/capitalization_epoch0"))
        .contains((Object) "--dependency=afterok:<job of r8_lr1e-5>", "--kill-on-invalid-dep=yes");
    assertThat(commands.get("Llama-3.2-1B-Instruct_base/capitalization"))
        .noneMatch(arg -> arg.toString().startsWith("--dependency"));
    assertThat(cells(Cli.run(experiment, "submit", "--dry-run", "--no-eval", "--json"))).isEmpty();
    CliResult only = Cli.run(experiment, "submit", "--dry-run", "--eval-only", "--json");
    assertThat((List<?>) Json.parseObject(only.out()).get("commands")).isEmpty();
    assertThat(cells(only))
        .filteredOn(cell -> cell.get("run").equals("r8_lr1e-5"))
        .allSatisfy(
            cell -> assertThat((String) cell.get("reason")).contains("has no training job"));

    Path evalYaml = experiment.resolve("r8_lr1e-5/eval/capitalization_epoch1/eval.yaml");
    Files.writeString(evalYaml, Files.readString(evalYaml).replace("seed: 14", "seed: 15"));
    CliResult verify = Cli.run(experiment, "verify");
    assertThat(verify.exitCode()).isEqualTo(1);
    assertThat(verify.allOutput())
        .contains("r8_lr1e-5/eval/capitalization_epoch1")
        .contains("seed");
    CliResult refused = Cli.run(experiment, "submit", "--dry-run", "--json");
    assertThat(cells(refused))
        .filteredOn(cell -> cell.get("cell").equals("capitalization_epoch1"))
        .singleElement()
        .satisfies(cell -> assertThat((String) cell.get("reason")).contains("does not verify"));
  }

  @Test
  void aSubmittedCellIsNotRewrittenWithoutForce() throws IOException {
    Path experiment = example();
    assertThat(Cli.run(experiment, "scaffold", "-q").exitCode()).isZero();
    Path cell = experiment.resolve("Llama-3.2-1B-Instruct_base/eval/capitalization");
    Files.createDirectories(cell.resolve(".tunesmith"));
    Files.writeString(cell.resolve(".tunesmith/submission.json"), "{\"job_id\": \"7\"}\n");
    String before = Files.readString(cell.resolve("eval.yaml"));
    Path summary = experiment.resolve("experiment_summary.yaml");
    Files.writeString(
        summary, Files.readString(summary).replace("evaluation:\n", "evaluation:\n  seed: 15\n"));

    CliResult refused = Cli.run(experiment, "scaffold", "--json");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(cells(refused))
        .filteredOn(c -> c.get("run").equals("Llama-3.2-1B-Instruct_base"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.get("status")).isEqualTo("failed");
              assertThat((String) c.get("error")).contains("already submitted");
            });
    assertThat(Files.readString(cell.resolve("eval.yaml"))).isEqualTo(before);

    CliResult forced = Cli.run(experiment, "scaffold", "--force", "--json");
    assertThat(forced.exitCode()).as(forced.describe()).isZero();
    assertThat(PythonLoaders.pyyaml(cell.resolve("eval.yaml"))).containsEntry("seed", 15L);
  }

  @Test
  void evaluationAndExperimentErrorsAreReportedTogetherAndNothingIsWritten() throws IOException {
    Path experiment = example();
    Path summary = experiment.resolve("experiment_summary.yaml");
    String text = Files.readString(summary);
    text = text.replace("    - run: r8_lr1e-5\n", "    - run: r8_lr1e-6\n");
    text = text.replace("  batch_size: 8\n", "  batch_size: eight\n");
    Files.writeString(summary, text);
    CliResult result = Cli.run(experiment, "scaffold");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("evaluation.matrix[0].run")
        .contains("r8_lr1e-6")
        .contains("batch_size");
    try (var files = Files.list(experiment)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .containsExactlyInAnyOrder("experiment_summary.yaml", "claude.local.md");
    }
  }

  @Test
  void aTaskWithAnUnknownEvalConditionIsAnInputError() throws IOException {
    Path experiment = example();
    Path summary = experiment.resolve("experiment_summary.yaml");
    String text =
        Files.readString(summary)
            .replace(
                "      dataset: /scratch/gpfs/lab/ada/ck-data/capitalization/words_5L_1000.json\n",
                "      eval_condition: nowhere\n");
    Files.writeString(summary, text);
    CliResult result = Cli.run(experiment, "plan");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("eval_condition").contains("nowhere");
    assertThat(List.of(result.out())).allSatisfy(out -> assertThat(out).isEmpty());
  }
}
