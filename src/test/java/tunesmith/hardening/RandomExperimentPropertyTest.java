package tunesmith.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Json;
import tunesmith.testing.PythonLoaders;
import tunesmith.testing.Seeds;

/**
 * Random valid experiments (run names from the whole allowed alphabet, random parameter values in
 * random notations and types, random models, MIG and SLURM overrides, json or parquet, chat or
 * text) are scaffolded and verified in process; every finetune.yaml of every try is then loaded
 * once by PyYAML and OmegaConf (one Python process) and each designed value compared exactly.
 * Seeded: the seed is printed, {@code -Dtunesmith.seed=N} replays it.
 */
class RandomExperimentPropertyTest {
  private static final List<String> MODELS =
      List.of(
          "Llama-3.2-1B-Instruct",
          "Llama-3.2-1B",
          "Llama-3.2-3B-Instruct",
          "Llama-3.1-8B-Instruct",
          "Llama-3.3-70B-Instruct",
          "Mistral-7B-v0.1",
          "Mistral-7B-Instruct-v0.1",
          "Qwen2.5-3B",
          "Qwen2.5-3B-Instruct");
  private static final String NAME_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-+=";

  /** One run's design and what each value must read back as. */
  record RunDesign(
      String name,
      String model,
      int rank,
      String lrText,
      int batch,
      int epochs,
      String dropoutText,
      long seed,
      String systemPrompt,
      boolean mig,
      Map<String, String> overrides) {}

  record ExperimentDesign(
      List<RunDesign> runs, boolean parquet, boolean chat, boolean validation, String packedText) {}

  /** Files scaffolded by the tries, checked together once the property is done. */
  private static final Map<Path, RunDesign> WRITTEN = new LinkedHashMap<>();

  private static final Map<Path, ExperimentDesign> EXPERIMENT_OF = new LinkedHashMap<>();

  /** How many experiments of each kind (format, dataset type) scaffolded, for the summary line. */
  private static final Map<String, Integer> KINDS = new java.util.TreeMap<>();

  private static Path root;

  @BeforeAll
  static void createRoot() throws IOException {
    root = Files.createTempDirectory("tunesmith-properties");
  }

  static Stream<Arguments> seeds() {
    return Seeds.cases("RandomExperimentPropertyTest", 40);
  }

  /** A run name from the whole allowed alphabet, 1 to 40 characters, not an option or a dot. */
  static String runName(Random random) {
    while (true) {
      StringBuilder name = new StringBuilder();
      int length = 1 + random.nextInt(40);
      for (int i = 0; i < length; i++) {
        name.append(NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length())));
      }
      String text = name.toString();
      if (!text.startsWith("-") && !text.equals(".") && !text.equals("..")) {
        return text;
      }
    }
  }

  /** A learning rate in one of four notations. */
  static String learningRate(Random random) {
    int m = 1 + random.nextInt(9);
    int e = 3 + random.nextInt(5);
    return switch (random.nextInt(4)) {
      case 0 -> m + "e-" + e;
      case 1 -> m + "E-" + e;
      case 2 -> m + ".5e-" + e;
      default -> new BigDecimal(m).movePointLeft(e).toPlainString();
    };
  }

  static <T> T oneOf(Random random, List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  static Map<String, String> overrides(Random random) {
    List<String> words = List.of("", "gpu", "gpu80", "a100|h100", "nomig", "pli-c");
    Map<String, String> chosen = new LinkedHashMap<>();
    int mask = random.nextInt(64);
    String time =
        oneOf(random, List.of("30", "45:00", "01:30:00", "1-00", "2-12:00", "0-01:00:00"));
    String mem = oneOf(random, List.of("16G", "40G", "120G", "32000M", "1T"));
    int cpus = 1 + random.nextInt(32);
    int gpus = 1 + random.nextInt(4);
    String partition = oneOf(random, words);
    String constraint = oneOf(random, words);
    if ((mask & 1) != 0) {
      chosen.put("time", time);
    }
    if ((mask & 2) != 0) {
      chosen.put("mem", mem);
    }
    if ((mask & 4) != 0) {
      chosen.put("cpus_per_task", Integer.toString(cpus));
    }
    if ((mask & 8) != 0) {
      chosen.put("gpus", Integer.toString(gpus));
    }
    if ((mask & 16) != 0) {
      chosen.put("partition", partition);
    }
    if ((mask & 32) != 0) {
      chosen.put("constraint", constraint);
    }
    return chosen;
  }

  static RunDesign run(Random random, String name) {
    return new RunDesign(
        name,
        oneOf(random, MODELS),
        1 + random.nextInt(512),
        learningRate(random),
        1 + random.nextInt(64),
        1 + random.nextInt(5),
        oneOf(random, List.of("0.0", "0", "0.05", "0.1", "0.5", "0.95", "1e-2")),
        -1_000_000L + (long) (random.nextDouble() * ((1L << 40) + 1_000_001L)),
        oneOf(random, YamlRoundTripTest.TRICKY),
        random.nextBoolean(),
        overrides(random));
  }

  static ExperimentDesign experiment(Random random) {
    int count = 1 + random.nextInt(5);
    Set<String> names = new LinkedHashSet<>();
    while (names.size() < count) {
      names.add(runName(random));
    }
    List<RunDesign> runs = names.stream().map(name -> run(random, name)).toList();
    return new ExperimentDesign(
        runs,
        random.nextBoolean(),
        random.nextBoolean(),
        random.nextBoolean(),
        oneOf(random, List.of("true", "false", "yes", "no", "'true'", "0")));
  }

  /**
   * A drawn experiment made one its format's target runs (docs/TARGETS.md): the cruijff_kit-2026.01
   * target reads json with chat_completion only; cruijff_kit 0.3 (the cruijff_kit-0.3 format,
   * {@code experiment.dir}) reads json, chat or text.
   */
  static ExperimentDesign runnable(ExperimentDesign drawn, boolean dirFormat) {
    return new ExperimentDesign(
        drawn.runs(), false, !dirFormat || drawn.chat(), drawn.validation(), drawn.packedText());
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aRandomValidExperimentScaffoldsAndVerifies(long seed) throws IOException {
    Random random = new Random(seed);
    ExperimentDesign drawn = experiment(random);
    boolean dirFormat = random.nextBoolean();
    ExperimentDesign design = runnable(drawn, dirFormat);
    Path experiment = Files.createTempDirectory(root, "exp");
    Files.writeString(
        experiment.resolve("experiment_summary.yaml"), yaml(experiment, design, dirFormat));
    Files.writeString(
        experiment.resolve("claude.local.md"), "- **Default conda environment**: `env1`\n");

    CliResult scaffold = Cli.run(experiment, "scaffold");
    assertThat(scaffold.exitCode())
        .as(
            "seed "
                + seed
                + "\n"
                + scaffold.describe()
                + "\n"
                + Files.readString(experiment.resolve("experiment_summary.yaml")))
        .isZero();
    CliResult verify = Cli.run(experiment, "verify");
    assertThat(verify.exitCode()).as("seed " + seed + "\n" + verify.describe()).isZero();

    KINDS.merge(
        (dirFormat ? "2026 " : "January ") + (design.chat() ? "chat" : "text"), 1, Integer::sum);
    for (RunDesign run : design.runs()) {
      Path file = experiment.resolve(run.name()).resolve("finetune.yaml");
      WRITTEN.put(file, run);
      EXPERIMENT_OF.put(file, design);
    }
  }

  @AfterAll
  static void everyValueReadsBackExactlyInPyYamlAndOmegaConf() throws IOException {
    try {
      if (WRITTEN.isEmpty()) {
        return;
      }
      Map<Path, PythonLoaders.Loaded> loaded =
          PythonLoaders.loadAll(new ArrayList<>(WRITTEN.keySet()));
      List<String> problems = new ArrayList<>();
      int compared = 0;
      for (Map.Entry<Path, RunDesign> entry : WRITTEN.entrySet()) {
        RunDesign run = entry.getValue();
        ExperimentDesign design = EXPERIMENT_OF.get(entry.getKey());
        PythonLoaders.Loaded one = loaded.get(entry.getKey());
        if (!one.errors().isEmpty()) {
          problems.add(entry.getKey() + ": " + one.errors());
          continue;
        }
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("my_wandb_run_name", run.name());
        expected.put("model.lora_rank", (long) run.rank());
        expected.put("model.lora_alpha", 2L * run.rank());
        expected.put("batch_size", (long) run.batch());
        expected.put("epochs", (long) run.epochs());
        expected.put("seed", run.seed());
        expected.put("optimizer.lr", new BigDecimal(run.lrText()));
        expected.put("model.lora_dropout", new BigDecimal(run.dropoutText()));
        expected.put(
            "dataset.packed", Set.of("true", "yes", "'true'").contains(design.packedText()));
        if (design.chat()) {
          expected.put("dataset.system_prompt", run.systemPrompt());
        }
        for (String loader : List.of("pyyaml", "omegaconf")) {
          Object tree = loader.equals("pyyaml") ? one.pyyaml() : one.omegaconf();
          for (Map.Entry<String, Object> value : expected.entrySet()) {
            Object actual = Json.at(tree, value.getKey());
            boolean same =
                value.getValue() instanceof BigDecimal number
                    ? (actual instanceof Number found
                        && new BigDecimal(found.toString()).compareTo(number) == 0)
                    : value.getValue().equals(actual);
            if (value.getKey().equals("dataset.system_prompt")
                && loader.equals("pyyaml")
                && run.systemPrompt().contains("${")) {
              same = true; // escaped for OmegaConf, torchtune's reader
            }
            if (!same) {
              problems.add(
                  entry.getKey()
                      + " "
                      + loader
                      + " "
                      + value.getKey()
                      + ": "
                      + Json.describe(actual)
                      + ", expected "
                      + value.getValue());
            }
            compared++;
          }
        }
      }
      System.out.printf(
          "RandomExperimentPropertyTest: %s; %d runs, %d values read back by PyYAML and OmegaConf,"
              + " %d wrong%n",
          KINDS, WRITTEN.size(), compared, problems.size());
      assertThat(problems).as("values that do not read back exactly").isEmpty();
    } finally {
      WRITTEN.clear();
      EXPERIMENT_OF.clear();
      KINDS.clear();
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  /** The design in the cruijff_kit-2026.01 format, or the 2026 one ({@code experiment.dir}). */
  static String yaml(Path directory, ExperimentDesign design, boolean dirFormat) {
    StringBuilder out = new StringBuilder();
    out.append("experiment:\n  name: random\n  ")
        .append(dirFormat ? "dir: " : "directory: ")
        .append(directory)
        .append("\n  date: \"2026-11-29\"\n");
    out.append("tools:\n  preparation: torchtune\n");
    // The runs set epochs, batch_size and (chat) system_prompt; the rest of what cruijff_kit's
    // template requires is here.
    out.append("controls:\n  num_warmup_steps: 5\n  gradient_accumulation_steps: 1\n")
        .append(design.chat() ? "" : "  system_prompt: \"\"\n")
        .append("  validation_during_training: ")
        .append(design.validation())
        .append("\n  dataset_type: ")
        .append(design.chat() ? "chat_completion" : "text_completion")
        .append("\n  packed: ")
        .append(design.packedText())
        .append('\n');
    out.append("models:\n  base:\n");
    design.runs().stream()
        .map(RunDesign::model)
        .distinct()
        .forEach(
            model ->
                out.append("    - name: ")
                    .append(model)
                    .append("\n      path: /models/")
                    .append(model)
                    .append('\n'));
    out.append("data:\n  training:\n    path: /data/")
        .append(design.parquet() ? "words" : "words.json")
        .append("\n    label: words\n    format: ")
        .append(design.parquet() ? "parquet" : "json")
        .append("\n    splits: {train: 240, validation: 30, test: 30}\n");
    // The cruijff_kit-0.3 format does not read base_directory (a warning): kept so both formats'
    // files match.
    out.append("output:\n  base_directory: /out/random\n  wandb_project: random\n");
    out.append("runs:\n");
    for (RunDesign run : design.runs()) {
      out.append("  - name: ")
          .append(InjectionTest.yamlQuoted(run.name()))
          .append("\n    type: fine-tuned\n    model: ")
          .append(run.model())
          .append("\n    parameters: {lora_rank: ")
          .append(run.rank())
          .append(", learning_rate: ")
          .append(run.lrText())
          .append(", batch_size: ")
          .append(run.batch())
          .append(", epochs: \"")
          .append(run.epochs())
          .append("\", lora_dropout: ")
          .append(run.dropoutText())
          .append(", seed: ")
          .append(run.seed());
      if (design.chat()) {
        out.append(", system_prompt: ").append(InjectionTest.yamlQuoted(run.systemPrompt()));
      }
      out.append("}\n    mig: ").append(run.mig()).append('\n');
      if (!run.overrides().isEmpty()) {
        out.append("    slurm_overrides: {")
            .append(
                run.overrides().entrySet().stream()
                    .map(e -> e.getKey() + ": " + InjectionTest.yamlQuoted(e.getValue()))
                    .collect(Collectors.joining(", ")))
            .append("}\n");
      }
    }
    return out.toString();
  }
}
