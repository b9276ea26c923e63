package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tunesmith.problem.InputProblems;
import tunesmith.profile.Profiles;
import tunesmith.testing.CliResult;
import tunesmith.testing.Fixtures;
import tunesmith.testing.Processes;
import tunesmith.testing.PythonLoaders;
import tunesmith.testing.SlurmScript;
import tunesmith.torchtune.ComponentCheck;
import tunesmith.verify.ConsumerYaml;

/**
 * What one fine-tuned run of a cruijff_kit-0.3 format experiment must look like after scaffold
 * (written down from the design, not from tunesmith's code), and the check of a run directory
 * against it: every value of finetune.yaml (through PyYAML and OmegaConf) and finetune.slurm, the
 * component check of cruijff_kit-0.3 and {@code bash -n}.
 */
record DesignCruijffKit03(
    String run,
    String modelComponent,
    String modelDir,
    int loraRank,
    BigDecimal lr,
    int batchSize,
    int epochs,
    int gpus,
    String mem,
    String time,
    Optional<String> partition,
    Optional<String> constraint,
    String prompt,
    boolean validates,
    String dataFiles) {

  static final String NIGHTLY =
      "cruijff_kit.tools.torchtune.custom_recipes.lora_finetune_single_device_nightly";
  static final String DISTRIBUTED =
      "cruijff_kit.tools.torchtune.custom_recipes.lora_finetune_distributed_stable";
  private static final Pattern TUNE_RUN =
      Pattern.compile("\ntune run (?:--nproc_per_node=(\\d+) )?(\\S+) --config (\\S+)\n");

  /** cruijff_kit 0.3's recipes: one GPU nightly (validating or not), more distributed_stable. */
  String recipe() {
    return gpus > 1 ? DISTRIBUTED : NIGHTLY;
  }

  /** Loads every run's finetune.yaml at once (one Python start) and checks each run. */
  static void checkAll(Path experiment, List<DesignCruijffKit03> designs, CliResult scaffold) {
    List<Path> configs =
        designs.stream().map(d -> experiment.resolve(d.run()).resolve("finetune.yaml")).toList();
    Map<Path, PythonLoaders.Loaded> loaded = PythonLoaders.loadAll(configs);
    for (DesignCruijffKit03 design : designs) {
      design.check(experiment, loaded.get(configs.get(designs.indexOf(design))), scaffold);
    }
  }

  void check(Path experiment, PythonLoaders.Loaded loaded, CliResult scaffold) {
    Path runDir = experiment.resolve(run);
    String artifacts = runDir + "/artifacts/";
    loaded.assertBothLoaded();
    PythonLoaders.assertNumbersAreNumbers(loaded);
    PythonLoaders.assertLoadersAgree(loaded);
    Map<String, Object> yaml = loaded.omegaconfMap();
    String about = run + "/finetune.yaml\n" + Fixtures.read(runDir.resolve("finetune.yaml"));

    assertThat(yaml.get("output_dir")).as(about).isEqualTo(artifacts);
    assertThat(yaml.get("save_adapter_weights_only")).as(about).isEqualTo(true);
    assertThat(yaml)
        .as(about)
        .doesNotContainKeys("epochs_to_save", "save_last_epoch_only", "stash_adapter_weights");
    Map<?, ?> model = (Map<?, ?>) yaml.get("model");
    assertThat(model.get("_component_")).as(about).isEqualTo(modelComponent);
    assertThat(model.get("lora_rank")).as(about).isEqualTo((long) loraRank);
    assertThat(model.get("lora_alpha")).as(about).isEqualTo(2L * loraRank);
    Map<?, ?> optimizer = (Map<?, ?>) yaml.get("optimizer");
    assertThat(new BigDecimal(String.valueOf(optimizer.get("lr"))))
        .as(about)
        .isEqualByComparingTo(lr);
    assertThat(yaml.get("batch_size")).as(about).isEqualTo((long) batchSize);
    assertThat(yaml.get("epochs")).as(about).isEqualTo((long) epochs);
    Map<?, ?> checkpointer = (Map<?, ?>) yaml.get("checkpointer");
    assertThat(checkpointer.get("checkpoint_dir")).as(about).isEqualTo(modelDir);
    assertThat(checkpointer.get("output_dir")).as(about).isEqualTo(artifacts);
    Map<?, ?> dataset = (Map<?, ?>) yaml.get("dataset");
    assertThat(dataset.get("prompt")).as(about).isEqualTo(prompt);
    assertThat(dataset.get("data_files")).as(about).isEqualTo(dataFiles);
    assertThat(dataset.get("source")).as(about).isEqualTo("json");
    assertThat(dataset.get("model_path")).as(about).isEqualTo(modelDir);
    if (validates && gpus == 1) {
      assertThat(yaml.get("run_val_every_n_steps")).as(about).isInstanceOf(Long.class);
      assertThat(((Map<?, ?>) yaml.get("dataset_val")).get("split"))
          .as(about)
          .isEqualTo("validation");
    } else {
      // No reader of the run's recipe reads them: not written (a multi-GPU run is warned about).
      assertThat(yaml)
          .as(about)
          .doesNotContainKeys("dataset_val", "run_val_every_n_steps", "batch_size_val");
    }
    if (validates && gpus > 1) {
      assertThat(scaffold.allOutput())
          .contains(run + ": validation is asked for, but with " + gpus + " GPUs");
    }

    SlurmScript script = SlurmScript.read(runDir.resolve("finetune.slurm"));
    String text = script.text();
    assertThat(script.option("job-name")).as(text).contains(run);
    assertThat(script.option("gres")).as(text).contains("gpu:" + gpus);
    assertThat(script.option("cpus-per-task")).as("1 CPU per GPU\n" + text).contains("" + gpus);
    assertThat(script.option("mem")).as(text).contains(mem);
    assertThat(script.option("time")).as(text).contains(time);
    assertThat(script.option("partition")).as(text).isEqualTo(partition);
    assertThat(script.option("constraint")).as(text).isEqualTo(constraint);
    assertThat(script.option("output")).as(text).contains(artifacts + "slurm-%j.out");
    Matcher tune = TUNE_RUN.matcher(text);
    assertThat(tune.find()).as(text).isTrue();
    assertThat(tune.group(1) == null ? 1 : Integer.parseInt(tune.group(1)))
        .as("--nproc_per_node\n" + text)
        .isEqualTo(gpus);
    assertThat(tune.group(2)).as(text).isEqualTo(recipe() + ".__main__");
    assertThat(tune.group(3)).as(text).isEqualTo(runDir + "/finetune.yaml");
    int monitor = text.indexOf("nvidia-smi --query-gpu=");
    int training = tune.start();
    int post =
        text.indexOf(
            "python -m cruijff_kit.tools.torchtune.post_finetune --config "
                + runDir
                + "/finetune.yaml");
    assertThat(monitor).as("GPU monitor before training\n" + text).isBetween(0, training);
    assertThat(text.substring(monitor)).startsWith("nvidia-smi").contains(" -l 30 > " + artifacts);
    assertThat(text).contains(artifacts + "gpu_metrics.csv");
    assertThat(post).as("post_finetune after training\n" + text).isGreaterThan(training);
    assertThat(text.substring(training, post))
        .as("post_finetune only when training succeeded\n" + text)
        .contains("kill ")
        .contains("-eq 0 ]");
    assertThat(text.strip()).endsWith("exit \"$TUNE_EXIT_CODE\"");
    assertBashAccepts(runDir.resolve("finetune.slurm"));
    assertComponentsAccepted(runDir.resolve("finetune.yaml"), tune.group(2));
  }

  /** cruijff_kit-0.3's component check, apart from scaffold's own: no problem at all. */
  static void assertComponentsAccepted(Path finetuneYaml, String recipe) {
    List<String> errors = new ArrayList<>();
    Map<String, Object> tree =
        ConsumerYaml.load(finetuneYaml, new InputProblems(), errors).orElseThrow();
    assertThat(errors).isEmpty();
    assertThat(ComponentCheck.check(Profiles.CRUIJFF_KIT_0_3, recipe, tree))
        .as("component check of %s (%s)", finetuneYaml, recipe)
        .isEmpty();
  }

  static void assertBashAccepts(Path script) {
    CliResult bash = Processes.run(List.of("bash", "-n", script.toString()), null, null, 30);
    assertThat(bash.exitCode()).as("bash -n %s\n%s", script, bash.describe()).isZero();
  }

  /** The runs scaffold wrote: every directory of the experiment with a finetune.yaml. */
  static List<String> writtenRuns(Path experiment) {
    try (Stream<Path> dirs = Files.list(experiment)) {
      return dirs.filter(dir -> Files.isRegularFile(dir.resolve("finetune.yaml")))
          .map(dir -> dir.getFileName().toString())
          .sorted()
          .toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A small builder of cruijff_kit-0.3 format experiment_summary.yaml text. */
  static final class Yaml {
    private final Map<String, String> models = new LinkedHashMap<>();
    private String controls = "";
    private String data = "";
    private final StringBuilder runs = new StringBuilder();

    Yaml model(String name, String path) {
      models.put(name, path);
      return this;
    }

    Yaml controls(String lines) {
      controls = lines;
      return this;
    }

    /** Extra lines under {@code data:} (after training), e.g. a data_generation block. */
    Yaml data(String lines) {
      data = lines;
      return this;
    }

    Yaml run(String name, String type, String model, String parameters, String extra) {
      runs.append("  - name: ")
          .append(name)
          .append("\n    type: ")
          .append(type)
          .append("\n    model: ")
          .append(model)
          .append("\n    parameters: ")
          .append(parameters)
          .append('\n')
          .append(extra);
      return this;
    }

    String text(Path dir, String dataPath) {
      StringBuilder base = new StringBuilder();
      models.forEach(
          (name, path) ->
              base.append("    - name: ")
                  .append(name)
                  .append("\n      path: ")
                  .append(path)
                  .append('\n'));
      return """
          experiment:
            name: %s
            project: unseen
            question: Does it scaffold?
            date: "2026-11-29"
            dir: %s
          tools:
            preparation: torchtune
            evaluation: inspect-ai
          controls:
          %smodels:
            base:
          %sdata:
            training:
              path: %s
              dataset_label: %s
              format: json
              splits: {train: 4000, validation: 500, test: 500}
          %soutput:
            wandb_project: unseen
          runs:
          %s"""
          .formatted(
              dir.getFileName(),
              dir,
              controls.indent(2),
              base,
              dataPath,
              Path.of(dataPath).getFileName().toString().replace(".json", ""),
              data,
              runs);
    }
  }
}
