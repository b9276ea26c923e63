package tunesmith.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tunesmith.catalog.ModelCatalog;
import tunesmith.catalog.ModelCatalogReader;
import tunesmith.environment.LocalSettings;
import tunesmith.environment.LocalSettingsReader;
import tunesmith.experiment.ExperimentPlan;
import tunesmith.experiment.ExperimentReader;
import tunesmith.problem.InputProblems;
import tunesmith.profile.Profile;
import tunesmith.profile.Profiles;
import tunesmith.setup.SetupFile;
import tunesmith.testing.LargeExperiment;
import tunesmith.testing.Seeds;

/** The runs of a plan share their equal values, and sharing them changes no run. */
class RunSharingTest {
  private static final List<String> MODELS =
      List.of(
          "Llama-3.2-1B-Instruct",
          "Llama-3.2-3B-Instruct",
          "Llama-3.1-8B-Instruct",
          "Mistral-7B-Instruct-v0.1",
          "Qwen2.5-3B-Instruct");

  @TempDir Path temp;

  private static ScaffoldPlan plan(Path experiment, boolean share) {
    Profile target = Profiles.CRUIJFF_KIT_2026_01;
    InputProblems problems = new InputProblems();
    ModelCatalog catalog = ModelCatalogReader.load(Optional.empty(), target, problems);
    LocalSettings local = LocalSettingsReader.read(experiment.resolve("claude.local.md"), problems);
    Optional<ExperimentPlan> read =
        new ExperimentReader(any -> catalog, Optional.empty()).read(experiment, problems);
    problems.throwIfAny();
    return new ScaffoldPlanner(catalog, Optional.of("ada"), target, share)
        .plan(read.orElseThrow(), local);
  }

  @Test
  void twoRunsHoldTheirEqualValuesInOneInstance() {
    Path experiment = LargeExperiment.write(temp.resolve("sweep"), 6, 2);
    List<PlannedRun> runs = plan(experiment, true).runs();
    PlannedRun first = runs.get(0);
    PlannedRun second = runs.get(1);
    // A control, a built-in value made per run, and where that one came from.
    for (String key : List.of("batch_size", "custom_recipe", "gpus", "log_every_n_steps")) {
      assertThat(second.setupValues().get(key)).as(key).isSameAs(first.setupValues().get(key));
    }
    assertThat(second.setupValues().get("gpus").origin())
        .isSameAs(first.setupValues().get("gpus").origin());
    assertThat(second.config().optional("epochs")).isSameAs(first.config().optional("epochs"));
    assertThat(second.config().optional("lr_scheduler"))
        .isSameAs(first.config().optional("lr_scheduler"));
    assertThat(second.config().modelDir()).isSameAs(first.config().modelDir());
    assertThat(second.config().resources()).isSameAs(first.config().resources());
    // What the runs sweep stays each run's own: the very value its RunSpec holds.
    assertThat(second.setupValues().get("lora_rank").text())
        .isNotEqualTo(first.setupValues().get("lora_rank").text());
    assertThat(first.setupValues().get("lora_rank"))
        .isSameAs(first.run().parameters().get("lora_rank"));

    List<PlannedRun> unshared = plan(experiment, false).runs();
    assertThat(unshared.get(1).setupValues().get("gpus"))
        .isEqualTo(unshared.get(0).setupValues().get("gpus"))
        .isNotSameAs(unshared.get(0).setupValues().get("gpus"));
  }

  static Stream<Arguments> seeds() {
    return Seeds.cases("RunSharingTest", 8);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aRandomSweepPlansTheSameRunsSharedOrNot(long seed) throws IOException {
    Path experiment = randomExperiment(new Random(seed), temp.resolve("random"));
    ScaffoldPlan shared = plan(experiment, true);
    ScaffoldPlan unshared = plan(experiment, false);
    assertThat(shared.runs()).as("seed " + seed).isEqualTo(unshared.runs());
    assertThat(shared.varying()).isEqualTo(unshared.varying());
    assertThat(shared.warnings()).isEqualTo(unshared.warnings());
    // Map equality ignores order; setup_finetune.yaml is written in the values' order.
    for (int i = 0; i < shared.runs().size(); i++) {
      assertThat(SetupFile.write(shared.runs().get(i).setupValues()))
          .isEqualTo(SetupFile.write(unshared.runs().get(i).setupValues()));
    }
  }

  /** A January-format sweep: random models, ranks, rates, MIG and SLURM overrides. */
  private static Path randomExperiment(Random random, Path directory) throws IOException {
    List<String> models = new ArrayList<>();
    StringBuilder runs = new StringBuilder();
    int count = 2 + random.nextInt(40);
    for (int i = 0; i < count; i++) {
      String model = MODELS.get(random.nextInt(MODELS.size()));
      if (!models.contains(model)) {
        models.add(model);
      }
      runs.append("  - name: run")
          .append(i)
          .append("\n    type: fine-tuned\n    model: ")
          .append(model)
          .append("\n    parameters: {lora_rank: ")
          .append(4 << random.nextInt(5))
          .append(", learning_rate: ")
          .append(1 + random.nextInt(5))
          .append("e-5, seed: ")
          .append(random.nextInt(3))
          .append("}\n    mig: ")
          .append(random.nextInt(4) == 0)
          .append('\n');
      if (random.nextBoolean()) {
        runs.append("    slurm_overrides: {time: \"0")
            .append(1 + random.nextInt(3))
            .append(":00:00\", mem: ")
            .append(List.of("16G", "40G", "80G").get(random.nextInt(3)))
            .append("}\n");
      }
    }
    StringBuilder yaml = new StringBuilder();
    yaml.append("experiment:\n  name: random\n  directory: ")
        .append(directory)
        .append("\n  date: \"2026-11-29\"\n");
    yaml.append("tools:\n  preparation: torchtune\n");
    yaml.append("controls:\n  epochs: ")
        .append(1 + random.nextInt(3))
        .append("\n  batch_size: ")
        .append(List.of(2, 4, 8).get(random.nextInt(3)))
        .append("\n  num_warmup_steps: 5\n  validation_during_training: ")
        .append(random.nextBoolean())
        .append("\n  dataset_type: chat_completion\n  system_prompt: \"You capitalize words.\"\n");
    yaml.append("models:\n  base:\n");
    models.forEach(
        model ->
            yaml.append("    - name: ")
                .append(model)
                .append("\n      path: /models/")
                .append(model)
                .append('\n'));
    yaml.append(
        "data:\n  training:\n    path: /data/words.json\n    label: words\n    format: json\n"
            + "    splits: {train: 240, validation: 30, test: 30}\n");
    yaml.append("output:\n  base_directory: /out/random\n  wandb_project: random\n");
    yaml.append("runs:\n").append(runs);
    Files.createDirectories(directory);
    Files.writeString(directory.resolve("experiment_summary.yaml"), yaml);
    Files.writeString(
        directory.resolve("claude.local.md"),
        "## SLURM Defaults\n\n- **Account**: `lab`\n- **Default conda environment**: `env1`\n");
    return directory;
  }
}
