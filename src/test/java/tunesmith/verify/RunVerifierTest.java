package tunesmith.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.cli.Main;
import tunesmith.experiment.ExperimentYaml;
import tunesmith.plan.PlanLoader;
import tunesmith.plan.PlannedRun;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.setup.SetupConfig;
import tunesmith.testing.Seeds;

class RunVerifierTest {

  @TempDir Path dir;

  private Path experiment;
  private Path localMd;
  private static final Map<String, String> ENV = Map.of("USER", "ada");

  private static final String RUNS =
      """
              - name: r8_lr1e-5
                type: fine-tuned
                model: Llama-3.2-1B-Instruct
                parameters: {lora_rank: 8, learning_rate: 1e-5}
              - name: r16_lr5e-5
                type: fine-tuned
                model: Llama-3.2-1B-Instruct
                parameters: {lora_rank: 16, learning_rate: 5e-5}
                mig: true
            """;

  @BeforeEach
  void scaffold() throws IOException {
    experiment = dir.resolve("exp");
    ExperimentYaml.write(
        experiment, ExperimentYaml.summary(experiment, ExperimentYaml.DEFAULT_CONTROLS, RUNS));
    localMd = dir.resolve("claude.local.md");
    Files.writeString(
        localMd,
        """
                ## SLURM Defaults
                - **Default conda environment**: `cruijff`
                - **Username**: `ada`
                """);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.execute(
            new String[] {"scaffold", experiment.toString(), "--local-md", localMd.toString()},
            dir,
            ENV,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code)
        .as(
            "scaffold: %s%s",
            out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8))
        .isZero();
  }

  private SetupConfig expected(String run) {
    ScaffoldPlan plan =
        PlanLoader.load(
            new PlanLoader.Request(experiment, dir, Optional.of(localMd), Optional.empty(), ENV));
    return plan.runs().stream()
        .filter(r -> r.run().name().equals(run))
        .map(PlannedRun::config)
        .findFirst()
        .orElseThrow();
  }

  private Path runDir(String run) {
    return experiment.resolve(run);
  }

  private void edit(String run, String file, String from, String to) throws IOException {
    Path path = runDir(run).resolve(file);
    String text = Files.readString(path);
    assertThat(text).as("%s should contain [%s]", file, from).contains(from);
    Files.writeString(path, text.replace(from, to));
  }

  private List<String> verify(String run) {
    return RunVerifier.verify(runDir(run), expected(run)).stream().map(Mismatch::text).toList();
  }

  @Test
  void freshlyScaffoldedRunsVerify() {
    assertThat(verify("r8_lr1e-5")).isEmpty();
    assertThat(verify("r16_lr5e-5")).isEmpty();
  }

  @Test
  void handEditedLoraRankIsNamed() throws IOException {
    edit("r8_lr1e-5", "finetune.yaml", "lora_rank: 8\n", "lora_rank: 32\n");
    assertThat(verify("r8_lr1e-5"))
        .singleElement()
        .satisfies(m -> assertThat(m).startsWith("model.lora_rank").contains("32").contains("8"));
  }

  @Test
  void loraAlphaNotTwiceRankIsNamed() throws IOException {
    edit("r8_lr1e-5", "finetune.yaml", "lora_alpha: 16\n", "lora_alpha: 8\n");
    assertThat(verify("r8_lr1e-5"))
        .singleElement()
        .satisfies(m -> assertThat(m).startsWith("model.lora_alpha"));
  }

  @Test
  void bareScientificLearningRateIsAMismatch() throws IOException {
    edit("r8_lr1e-5", "finetune.yaml", "lr: 1.0e-05\n", "lr: 1e-5\n");
    assertThat(verify("r8_lr1e-5"))
        .singleElement()
        .satisfies(m -> assertThat(m).startsWith("optimizer.lr").contains("1e-5").contains("text"));
  }

  @Test
  void equalLearningRateSpeltDifferentlyIsFine() throws IOException {
    edit("r8_lr1e-5", "finetune.yaml", "lr: 1.0e-05\n", "lr: 0.00001\n");
    assertThat(verify("r8_lr1e-5")).isEmpty();
  }

  @Test
  void removedMemDirectiveIsNamed() throws IOException {
    edit("r8_lr1e-5", "finetune.slurm", "#SBATCH --mem=40G\n", "");
    assertThat(verify("r8_lr1e-5"))
        .singleElement()
        .satisfies(m -> assertThat(m).contains("--mem").contains("no line").contains("40G"));
  }

  @Test
  void partitionDirectiveAfterACommandIsIgnoredLikeSbatch() throws IOException {
    // the MIG run has no partition: a partition line below a command changes nothing for sbatch
    edit("r16_lr5e-5", "finetune.slurm", "mkdir -p ", "#SBATCH --partition=x\nmkdir -p ");
    assertThat(verify("r16_lr5e-5")).isEmpty();
    // the other run needs its partition line: moved below a command, sbatch no longer sees it
    edit("r8_lr1e-5", "finetune.slurm", "#SBATCH --partition=nomig\n", "");
    edit("r8_lr1e-5", "finetune.slurm", "mkdir -p ", "#SBATCH --partition=nomig\nmkdir -p ");
    assertThat(verify("r8_lr1e-5"))
        .singleElement()
        .satisfies(
            m -> assertThat(m).contains("--partition").contains("no line").contains("nomig"));
  }

  @Test
  void partitionDirectiveOnAMigRunIsNamed() throws IOException {
    edit(
        "r16_lr5e-5",
        "finetune.slurm",
        "#SBATCH --mem=16G\n",
        "#SBATCH --mem=16G\n#SBATCH --partition=x\n");
    assertThat(verify("r16_lr5e-5"))
        .singleElement()
        .satisfies(m -> assertThat(m).contains("--partition").contains("'x'"));
  }

  @Test
  void changedJobNameGresAndRecipeAreNamed() throws IOException {
    edit(
        "r8_lr1e-5",
        "finetune.slurm",
        "#SBATCH --job-name=r8_lr1e-5\n",
        "#SBATCH --job-name=other\n");
    edit("r8_lr1e-5", "finetune.slurm", "#SBATCH --gres=gpu:1\n", "#SBATCH --gres=gpu:2\n");
    edit(
        "r8_lr1e-5",
        "finetune.slurm",
        "lora_finetune_single_device_stable.__main__",
        "lora_finetune_single_device_stable");
    List<String> mismatches = verify("r8_lr1e-5");
    assertThat(mismatches).hasSize(3);
    assertThat(mismatches).anySatisfy(m -> assertThat(m).contains("--job-name"));
    assertThat(mismatches).anySatisfy(m -> assertThat(m).contains("--gres"));
    assertThat(mismatches).anySatisfy(m -> assertThat(m).contains("tune run"));
  }

  @Test
  void wrongDatasetAndCheckpointDirAreNamed() throws IOException {
    edit(
        "r8_lr1e-5",
        "finetune.yaml",
        "checkpoint_dir: /abs/pretrained-llms/Llama-3.2-1B-Instruct\n",
        "checkpoint_dir: /abs/pretrained-llms/Llama-3.1-8B-Instruct\n");
    edit("r8_lr1e-5", "finetune.yaml", "dataset_label: words_4L\n", "dataset_label: words_5L\n");
    List<String> mismatches = verify("r8_lr1e-5");
    assertThat(mismatches).anySatisfy(m -> assertThat(m).startsWith("checkpointer.checkpoint_dir"));
    assertThat(mismatches).anySatisfy(m -> assertThat(m).startsWith("dataset_label"));
    assertThat(mismatches).anySatisfy(m -> assertThat(m).startsWith("dataset.data_files"));
  }

  @Test
  void brokenInterpolationIsNamed() throws IOException {
    edit(
        "r8_lr1e-5",
        "finetune.yaml",
        "log_dir: \"${output_dir}/logs\"",
        "log_dir: \"${outptu_dir}/logs\"");
    assertThat(verify("r8_lr1e-5")).anySatisfy(m -> assertThat(m).contains("outptu_dir"));
  }

  @Test
  void removedValidationDatasetIsNamed() throws IOException {
    // validation is off here, so adding run_val_every_n_steps + dataset_val must be reported
    Path yaml = runDir("r8_lr1e-5").resolve("finetune.yaml");
    Files.writeString(yaml, Files.readString(yaml) + "dataset_val:\n  split: validation\n");
    assertThat(verify("r8_lr1e-5"))
        .singleElement()
        .satisfies(m -> assertThat(m).startsWith("dataset_val").contains("present"));
  }

  @Test
  void missingFileIsReported() throws IOException {
    Files.delete(runDir("r8_lr1e-5").resolve("finetune.slurm"));
    assertThat(verify("r8_lr1e-5"))
        .singleElement()
        .satisfies(m -> assertThat(m).contains("finetune.slurm").contains("missing"));
  }

  @Test
  void malformedYamlIsAMismatchNotACrash() throws IOException {
    edit("r8_lr1e-5", "finetune.yaml", "seed: 14\n", "seed: [14\n");
    AtomicReference<List<String>> result = new AtomicReference<>();
    assertThatCode(() -> result.set(verify("r8_lr1e-5"))).doesNotThrowAnyException();
    assertThat(result.get()).anySatisfy(m -> assertThat(m).contains("does not load"));
  }

  /**
   * A hand edit that PyYAML reads as text (e.g. a version-like value) must be a mismatch, not an
   * internal error.
   */
  @Test
  void versionLikeValueIsAMismatchNotACrash() throws IOException {
    edit("r8_lr1e-5", "finetune.yaml", "seed: 14\n", "seed: 1.2.3\n");
    AtomicReference<List<String>> result = new AtomicReference<>();
    assertThatCode(() -> result.set(verify("r8_lr1e-5"))).doesNotThrowAnyException();
    assertThat(result.get()).singleElement().satisfies(m -> assertThat(m).startsWith("seed"));
  }

  /** Slashes collapse as String.replaceAll("/+", "/") would, with or without a double slash. */
  @org.junit.jupiter.api.Test
  void normalizePathCollapsesSlashesAndDropsATrailingOne() {
    long seed = 20261130L;
    System.out.println("normalizePathCollapsesSlashesAndDropsATrailingOne seed " + seed);
    java.util.Random random = new java.util.Random(seed);
    for (int i = 0; i < 20_000; i++) {
      String path = Seeds.word(random, "/a", 10);
      String collapsed = path.replaceAll("/+", "/");
      String expected =
          collapsed.length() > 1 && collapsed.endsWith("/")
              ? collapsed.substring(0, collapsed.length() - 1)
              : collapsed;
      org.assertj.core.api.Assertions.assertThat(RunVerifier.normalizePath(path))
          .as("path '%s'", path)
          .isEqualTo(expected);
    }
    org.assertj.core.api.Assertions.assertThat(RunVerifier.normalizePath("/scratch//x///"))
        .isEqualTo("/scratch/x");
  }
}
