package tunesmith.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.catalog.ModelCatalogReader;
import tunesmith.catalog.ModelSpec;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;
import tunesmith.testing.RequiresLocalSlurm;
import tunesmith.testing.SlurmScript;

/**
 * Every finetune.slurm tunesmith generates is one the real sbatch takes as it is: for every catalog
 * model, plain, on a MIG slice and with slurm_overrides, {@code sbatch --test-only} (which checks
 * the script against the cluster's nodes, partitions, features and GRES without queueing it)
 * accepts it. A script asking for a constraint the cluster lacks is refused, and submit reports
 * that in its own words plus SLURM's.
 */
@RequiresLocalSlurm
class GeneratedScriptsAcceptedTest {
  @TempDir Path temp;

  @Test
  void everyCatalogModelsScriptIsAcceptedBySbatchTestOnly() throws Exception {
    Map<String, String> variants = new LinkedHashMap<>();
    List<String> models = catalogModels();
    StringBuilder runs = new StringBuilder();
    StringBuilder base = new StringBuilder();
    for (int i = 0; i < models.size(); i++) {
      String model = models.get(i);
      base.append("    - name: ")
          .append(model)
          .append("\n      path: ")
          .append(temp)
          .append("/models/")
          .append(model)
          .append('\n');
      variants.put("m" + i + "_plain", model);
      variants.put("m" + i + "_mig", model);
      variants.put("m" + i + "_over", model);
      runs.append(run("m" + i + "_plain", model, ""));
      runs.append(run("m" + i + "_mig", model, "    mig: true\n"));
      runs.append(
          run(
              "m" + i + "_over",
              model,
              "    slurm_overrides: {time: \"02:30:00\", mem: 120G, cpus_per_task: 6, gpus: 2, partition: mig, account: other_lab}\n"));
    }
    Path experiment = Files.createDirectories(temp.resolve("all_models"));
    Fixtures.write(
        experiment.resolve("experiment_summary.yaml"),
        "experiment:\n  name: all_models\n  directory: "
            + experiment
            + "\n  date: \"2026-11-29\"\ntools:\n  preparation: torchtune\ncontrols:\n  epochs: 1\n  batch_size: 4\nmodels:\n  base:\n"
            + base
            + "data:\n  training:\n    path: "
            + temp
            + "/data/words.json\n    label: words\n    format: json\n    splits: {train: 4000}\n"
            + "output:\n  base_directory: "
            + temp
            + "/out/all_models\n  wandb_project: all_models\nruns:\n"
            + runs);
    Fixtures.write(
        experiment.resolve("claude.local.md"),
        "## SLURM Defaults\n\n- **Account**: `lab`\n- **Default conda environment**: `env`\n");
    Expect.succeeded(Cli.run(experiment, "scaffold", "-q"));
    SlurmClient client = new SlurmClient(Map.of("PATH", "/usr/local/bin:/usr/bin:/bin"), temp);

    List<String> refused = new ArrayList<>();
    for (String run : variants.keySet()) {
      Path runDir = experiment.resolve(run);
      SlurmClient.Output test =
          client.run(
              SlurmTool.SBATCH,
              List.of("--test-only", "--chdir=" + runDir, runDir + "/finetune.slurm"));
      if (test.exitCode() != 0 || !test.err().contains("to start at")) {
        refused.add(
            run
                + " ("
                + variants.get(run)
                + "): "
                + test.message()
                + "\n"
                + Fixtures.read(runDir.resolve("finetune.slurm")));
      }
    }

    assertThat(refused).as("scripts sbatch --test-only refused").isEmpty();
    assertThat(variants).hasSize(3 * models.size());
    SlurmScript overridden = SlurmScript.read(experiment.resolve("m0_over/finetune.slurm"));
    assertThat(overridden.option("partition"))
        .as("the override reached the script sbatch accepted")
        .contains("mig");
    assertThat(overridden.option("gres")).contains("gpu:2");
  }

  @Test
  void aConstraintTheClusterLacksIsRefusedInTunesmithsWordsAndSlurms() {
    Path root = temp.resolve("refusal");
    Path experiment =
        Fixtures.experiment(
            "slurm_six",
            root,
            Map.of(
                "/__TMP__",
                root.toString(),
                "    parameters: {lora_rank: 16, learning_rate: 1e-5}\n",
                "    parameters: {lora_rank: 16, learning_rate: 1e-5}\n    slurm_overrides: {constraint: a100}\n"));
    Expect.succeeded(Cli.run(experiment, "scaffold", "-q"));
    assertThat(
            SlurmScript.read(experiment.resolve("r16_lr1e-5/finetune.slurm")).option("constraint"))
        .contains("a100");
    Map<String, String> env =
        Cli.envWith("PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", temp.toString());
    var before = Fixtures.snapshot(experiment);

    CliResult dryRun = Cli.run(experiment, env, "submit", "--dry-run");

    assertThat(dryRun.exitCode()).as(dryRun.describe()).isEqualTo(3);
    assertThat(dryRun.out())
        .as("the dry run asks the cluster (sbatch --test-only per set of resources)")
        .contains(
            "SLURM would refuse run r16_lr1e-5 (sbatch --test-only with r16_lr1e-5's script)",
            "Invalid feature specification")
        .doesNotContain("would refuse run r8_lr1e-5");
    assertThat(Fixtures.snapshot(experiment)).as("nothing written").isEqualTo(before);

    CliResult submit =
        Cli.run(
            experiment,
            env,
            "submit",
            "--stop-on-refusal",
            "--runs",
            "r8_lr1e-5,r16_lr1e-5,r32_lr1e-5");

    assertThat(submit.exitCode()).as(submit.describe()).isEqualTo(3);
    assertThat(submit.out())
        .contains(
            "SLURM refused run r16_lr1e-5: ",
            "Invalid feature specification",
            "Not attempted after that: r32_lr1e-5");
    assertThat(experiment.resolve("r8_lr1e-5/.tunesmith/submission.json"))
        .as("the run submitted before keeps its record")
        .exists();
    assertThat(experiment.resolve("r16_lr1e-5/.tunesmith")).doesNotExist();
    assertThat(experiment.resolve("r32_lr1e-5/.tunesmith")).doesNotExist();
    Expect.noStackTrace(submit);

    CliResult goOn = Cli.run(experiment, env, "submit", "--runs", "r16_lr1e-5,r32_lr1e-5");

    assertThat(goOn.exitCode()).as(goOn.describe()).isEqualTo(3);
    assertThat(goOn.out())
        .as("without --stop-on-refusal the refusal stops nothing")
        .contains("SLURM refused run r16_lr1e-5: ", "✓ r32_lr1e-5: job")
        .doesNotContain("Not attempted");
    assertThat(experiment.resolve("r16_lr1e-5/.tunesmith")).doesNotExist();
    assertThat(experiment.resolve("r32_lr1e-5/.tunesmith/submission.json")).exists();
  }

  private static String run(String name, String model, String extra) {
    return "  - name: "
        + name
        + "\n    type: fine-tuned\n    model: "
        + model
        + "\n    parameters: {lora_rank: 8}\n"
        + extra;
  }

  /** One name per catalog entry (aliases share an entry). */
  private static List<String> catalogModels() {
    Map<ModelSpec, String> first = new LinkedHashMap<>();
    var catalog = ModelCatalogReader.builtIn();
    for (String name : catalog.names()) {
      first.putIfAbsent(catalog.find(name).orElseThrow(), name);
    }
    return List.copyOf(first.values());
  }
}
