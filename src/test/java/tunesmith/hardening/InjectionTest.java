package tunesmith.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tunesmith.render.ShellQuote;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.FakeTools;
import tunesmith.testing.Fixtures;
import tunesmith.testing.SlurmScript;

/**
 * Every value that can reach finetune.slurm, from each of the three inputs
 * (experiment_summary.yaml, claude.local.md, setup_finetune.yaml), set in turn to each value of
 * {@link #SENTINELS}: the command either refuses it (exit 2, naming the field) or writes a script
 * that, run for real by bash with stand-in tune/module/conda, never runs the sentinel's command,
 * and where the destination can be read back, receives the value literally.
 */
class InjectionTest {
  /**
   * Each tries to run {@code touch PWNED} (or create PWNED by redirection) when it reaches a shell.
   */
  static final List<String> SENTINELS =
      List.of(
          "x\"; touch PWNED; \"",
          "$(touch PWNED)",
          "`touch PWNED`",
          "x\ntouch PWNED",
          "x; touch PWNED",
          "x' ; touch PWNED ; '",
          "x && touch PWNED #",
          "x > PWNED",
          "x${IFS}$(touch${IFS}PWNED)",
          "x\rtouch PWNED",
          "--output=PWNED");

  private static int scriptsRun;
  private static int accepted;
  private static int refused;

  @TempDir Path temp;

  /**
   * Where a value goes in the experiment: the field's name and how to place the (YAML-quoted)
   * value.
   */
  record ExperimentField(String field, Function<String, Map<String, String>> place) {
    @Override
    public String toString() {
      return field;
    }
  }

  private static Map<String, String> one(String token, String value) {
    return Map.of(token, value);
  }

  static final List<ExperimentField> EXPERIMENT_FIELDS =
      List.of(
          new ExperimentField("runs[].name", v -> one("RUN_NAME", v)),
          new ExperimentField("models.base[].path", v -> one("MODEL_PATH", v)),
          new ExperimentField("data.training.path", v -> one("DATA_PATH", v)),
          new ExperimentField("data.training.label", v -> one("LABEL", v)),
          new ExperimentField("output.base_directory", v -> one("OUTPUT_BASE", v)),
          new ExperimentField("output.wandb_project", v -> one("WANDB", v)),
          new ExperimentField("controls.conda_env", v -> one("CONTROL", "conda_env: " + v)),
          new ExperimentField("controls.venv", v -> one("CONTROL", "venv: " + v)),
          new ExperimentField("controls.modules", v -> one("CONTROL", "modules: " + v)),
          new ExperimentField("controls.account", v -> one("CONTROL", "account: " + v)),
          new ExperimentField("controls.partition", v -> one("CONTROL", "partition: " + v)),
          new ExperimentField("controls.constraint", v -> one("CONTROL", "constraint: " + v)),
          new ExperimentField("controls.time", v -> one("CONTROL", "time: " + v)),
          new ExperimentField("controls.mem", v -> one("CONTROL", "mem: " + v)),
          new ExperimentField("controls.custom_recipe", v -> one("CONTROL", "custom_recipe: " + v)),
          new ExperimentField("controls.system_prompt", v -> one("CONTROL", "system_prompt: " + v)),
          new ExperimentField(
              "runs[].parameters.conda_env", v -> one("PARAMETER", ", conda_env: " + v)),
          new ExperimentField(
              "runs[].slurm_overrides.account", v -> one("OVERRIDE", "account: " + v)),
          new ExperimentField(
              "runs[].slurm_overrides.partition", v -> one("OVERRIDE", "partition: " + v)),
          new ExperimentField(
              "runs[].slurm_overrides.constraint", v -> one("OVERRIDE", "constraint: " + v)),
          new ExperimentField("runs[].slurm_overrides.time", v -> one("OVERRIDE", "time: " + v)),
          new ExperimentField("runs[].slurm_overrides.mem", v -> one("OVERRIDE", "mem: " + v)));

  /** claude.local.md labels whose values reach the script, and the module block. */
  static final List<String> LOCAL_FIELDS =
      List.of(
          "Default conda environment",
          "Account",
          "Partition",
          "Constraint",
          "Default time",
          "Default GPUs",
          "Username",
          "Module System");

  /** setup_finetune.yaml keys whose values reach the script. */
  static final List<String> SETUP_FIELDS =
      List.of(
          "my_wandb_run_name",
          "conda_env",
          "venv",
          "modules",
          "account",
          "partition",
          "constraint",
          "time",
          "mem",
          "gpus",
          "cpus_per_task",
          "output_dir_base",
          "experiment_name",
          "custom_recipe",
          "model_checkpoint",
          "input_dir_base",
          "dataset_label");

  static Stream<Arguments> experimentCases() {
    return EXPERIMENT_FIELDS.stream()
        .flatMap(field -> SENTINELS.stream().map(value -> Arguments.of(field, value)));
  }

  static Stream<Arguments> localCases() {
    return LOCAL_FIELDS.stream()
        .flatMap(field -> SENTINELS.stream().map(value -> Arguments.of(field, value)));
  }

  static Stream<Arguments> setupCases() {
    return SETUP_FIELDS.stream()
        .flatMap(field -> SENTINELS.stream().map(value -> Arguments.of(field, value)));
  }

  /** A YAML double-quoted scalar holding exactly {@code value}. */
  static String yamlQuoted(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private String experimentYaml(Path directory, Map<String, String> placed) {
    Map<String, String> tokens = new LinkedHashMap<>();
    tokens.put("RUN_NAME", "r1");
    tokens.put("MODEL_PATH", "/models/Llama-3.2-1B-Instruct");
    tokens.put("DATA_PATH", "/data/words.json");
    tokens.put("LABEL", "words");
    tokens.put("OUTPUT_BASE", yamlQuoted(temp.resolve("out").resolve("inj").toString()));
    tokens.put("WANDB", "inj");
    tokens.put("CONTROL", "seed: 1");
    tokens.put("PARAMETER", "");
    tokens.put("OVERRIDE", "");
    tokens.putAll(placed);
    return "experiment:\n  name: inj\n  directory: "
        + yamlQuoted(directory.toString())
        + "\n  date: \"2026-11-29\"\n"
        + "tools:\n  preparation: torchtune\n"
        + "controls:\n  epochs: 1\n  "
        + tokens.get("CONTROL")
        + "\n"
        + "models:\n  base:\n    - name: Llama-3.2-1B-Instruct\n      path: "
        + tokens.get("MODEL_PATH")
        + "\n"
        + "data:\n  training:\n    path: "
        + tokens.get("DATA_PATH")
        + "\n    label: "
        + tokens.get("LABEL")
        + "\n    format: json\n"
        + "output:\n  base_directory: "
        + tokens.get("OUTPUT_BASE")
        + "\n  wandb_project: "
        + tokens.get("WANDB")
        + "\n"
        + "runs:\n  - name: "
        + tokens.get("RUN_NAME")
        + "\n    type: fine-tuned\n    model: Llama-3.2-1B-Instruct\n"
        + "    parameters: {lora_rank: 8"
        + tokens.get("PARAMETER")
        + "}\n"
        + "    slurm_overrides: {"
        + tokens.get("OVERRIDE")
        + "}\n";
  }

  @ParameterizedTest(name = "experiment_summary.yaml {0} = {1}")
  @MethodSource("experimentCases")
  void experimentValuesNeverRunInTheScript(ExperimentField field, String sentinel)
      throws IOException {
    Path experiment = Files.createDirectories(temp.resolve("exp"));
    String value =
        field.field().equals("output.base_directory")
            ? temp.resolve("out") + "/" + sentinel
            : sentinel;
    Fixtures.write(
        experiment.resolve("experiment_summary.yaml"),
        experimentYaml(experiment, field.place().apply(yamlQuoted(value))));
    Fixtures.write(
        experiment.resolve("claude.local.md"), "- **Default conda environment**: `env1`\n");

    CliResult result = Cli.run(experiment, "scaffold");

    assertSafe(result, field.field().replaceAll("\\[\\]", "").replaceAll(".*\\.", ""), experiment);
    if (result.exitCode() == 0) {
      Path script =
          experiment
              .resolve(field.field().equals("runs[].name") ? sentinel : "r1")
              .resolve("finetune.slurm");
      assertArrivesLiterally(field.field(), value, SlurmScript.read(script));
    }
  }

  @ParameterizedTest(name = "claude.local.md {0} = {1}")
  @MethodSource("localCases")
  void localSettingsNeverRunInTheScript(String label, String sentinel) throws IOException {
    Path experiment = Files.createDirectories(temp.resolve("exp"));
    Fixtures.write(
        experiment.resolve("experiment_summary.yaml"),
        experimentYaml(
            experiment,
            Map.of("OUTPUT_BASE", yamlQuoted(temp.resolve("out/$USER/inj").toString()))));
    String local =
        label.equals("Module System")
            ? "## Module System\n\n```bash\nmodule load " + sentinel + "\n```\n"
            : "## SLURM Defaults\n\n- **"
                + label
                + "**: `"
                + sentinel
                + "`\n- **"
                + label
                + "**: "
                + sentinel
                + "\n";
    Fixtures.write(experiment.resolve("claude.local.md"), local);

    CliResult result = Cli.run(experiment, Map.of("NO_COLOR", "1"), "scaffold");

    assertSafe(
        result,
        label.equals("Username") ? "claude.local.md's Username" : "claude.local.md",
        experiment);
  }

  @ParameterizedTest(name = "setup_finetune.yaml {0} = {1}")
  @MethodSource("setupCases")
  void setupValuesNeverRunInTheScript(String key, String sentinel) throws IOException {
    Path run = Files.createDirectories(temp.resolve("run"));
    String value = key.equals("output_dir_base") ? temp.resolve("out") + "/" + sentinel : sentinel;
    String setup =
        "my_wandb_project: p\nmy_wandb_run_name: r1\ninput_dir_base: /data/\ndataset_label: words\ndataset_ext: .json\n"
            + "torchtune_model_name: Llama-3.2-1B-Instruct\nmodel_checkpoint: /models/Llama-3.2-1B-Instruct\n"
            + "output_dir_base: "
            + temp.resolve("out")
            + "/\nexperiment_name: exp\n";
    setup = setup.replaceAll("(?m)^" + key + ":.*\n", "") + key + ": " + yamlQuoted(value) + "\n";
    Fixtures.write(run.resolve("setup_finetune.yaml"), setup);

    CliResult result = Cli.run(run, "setup");

    assertSafe(result, key, run);
    if (result.exitCode() == 0) {
      assertArrivesLiterally(key, value, SlurmScript.read(run.resolve("finetune.slurm")));
    }
  }

  static Stream<String> sentinels() {
    return SENTINELS.stream();
  }

  /**
   * The experiment directory's own path reaches the script (--config, cp): a hostile directory name
   * must not run either.
   */
  @ParameterizedTest(name = "experiment directory named {0}")
  @MethodSource("sentinels")
  void theExperimentDirectoryPathNeverRunsInTheScript(String sentinel) throws IOException {
    Path experiment = Files.createDirectories(temp.resolve("exp").resolve(sentinel));
    Fixtures.write(
        experiment.resolve("experiment_summary.yaml"), experimentYaml(experiment, Map.of()));
    Fixtures.write(
        experiment.resolve("claude.local.md"), "- **Default conda environment**: `env1`\n");

    CliResult result = Cli.run(temp, "scaffold", experiment.toString());

    assertSafe(result, "directory", experiment);
    if (result.exitCode() == 0) {
      FakeTools tools = FakeTools.install(temp.resolve("fake"));
      tools.runScript(experiment.resolve("r1/finetune.slurm"), temp, 0);
      assertThat(tools.tuneArgs())
          .as("the config path arrives literally")
          .endsWith(experiment.resolve("r1/finetune.yaml").toString());
    }
  }

  /**
   * Exit 0 or 2 and no stack trace; on 2 the error names the field and nothing was written; on 0
   * every script runs clean.
   */
  private void assertSafe(CliResult result, String field, Path written) throws IOException {
    Expect.noStackTrace(result);
    assertThat(result.exitCode())
        .as("either written safely (0) or refused as input (2)\n%s", result.describe())
        .isIn(0, 2);
    if (result.exitCode() == 2) {
      refused++;
      assertThat(result.err())
          .as("the error names the field\n%s", result.describe())
          .contains(field);
      try (Stream<Path> files = Files.walk(written)) {
        assertThat(files.map(Path::getFileName).map(Path::toString))
            .as("nothing written")
            .doesNotContain("finetune.slurm");
      }
    } else {
      accepted++;
      List<Path> scripts;
      try (Stream<Path> files = Files.walk(written)) {
        scripts =
            files
                .filter(p -> p.getFileName().toString().equals("finetune.slurm"))
                .collect(Collectors.toList());
      }
      assertThat(scripts).isNotEmpty();
      FakeTools tools = FakeTools.install(temp.resolve("fake"));
      Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
      for (Path script : scripts) {
        assertThat(SlurmScript.read(script).bashSyntaxCheck().exitCode())
            .as("bash -n %s", script)
            .isZero();
        tools.runScript(script, elsewhere, 0);
        scriptsRun++;
      }
    }
    try (Stream<Path> all = Files.walk(temp)) {
      assertThat(all.map(p -> p.getFileName().toString()).collect(Collectors.toList()))
          .as("no command from a value ran\n%s", result.describe())
          .noneMatch(name -> name.equals("PWNED"));
    }
  }

  /** Where the destination can be read back from the script, it holds exactly the value given. */
  private static void assertArrivesLiterally(String field, String value, SlurmScript script) {
    String key = field.replaceAll(".*\\.", "").replace("runs[]", "");
    Map<String, String> directive =
        Map.of(
            "account",
            "account",
            "partition",
            "partition",
            "constraint",
            "constraint",
            "time",
            "time",
            "mem",
            "mem",
            "my_wandb_run_name",
            "job-name",
            "runs[].name",
            "job-name");
    String option = directive.getOrDefault(field, directive.get(key));
    if (option != null) {
      assertThat(script.option(option)).as("#SBATCH --%s", option).contains(value);
    }
    if (key.equals("venv")) {
      assertThat(script.text())
          .as("the venv as one quoted word")
          .contains("source " + ShellQuote.quote(value + "/bin/activate") + " ");
    }
    // The script has run: its mkdir -p made the output directory under exactly the path given.
    if (field.equals("output.base_directory")) {
      assertThat(Path.of(value, "ck-out-r1", "logs", "wandb")).isDirectory();
    }
    if (field.equals("output_dir_base")) {
      assertThat(Path.of(value, "exp", "ck-out-r1", "logs", "wandb")).isDirectory();
    }
  }

  @AfterAll
  static void summary() {
    System.out.printf(
        "InjectionTest: %d hostile inputs, %d refused, %d accepted and run (%d scripts run by bash), no command ran%n",
        refused + accepted, refused, accepted, scriptsRun);
  }
}
