package tunesmith.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Json;
import tunesmith.testing.PythonLoaders;

/**
 * Random valid experiments (run names from the whole allowed alphabet, random parameter values in
 * random notations and types, random models, MIG and SLURM overrides, json or parquet, chat or
 * text) are scaffolded and verified in process; every finetune.yaml of every try is then loaded
 * once by PyYAML and OmegaConf (one Python process) and each designed value compared exactly.
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
  private static Path root;

  @BeforeContainer
  static void createRoot() throws IOException {
    root = Files.createTempDirectory("tunesmith-properties");
  }

  @Provide
  Arbitrary<String> runNames() {
    Arbitrary<String> name =
        Arbitraries.strings().withChars(NAME_CHARS).ofMinLength(1).ofMaxLength(40);
    return name.filter(text -> !text.startsWith("-") && !text.equals(".") && !text.equals(".."));
  }

  @Provide
  Arbitrary<String> learningRates() {
    Arbitrary<Integer> mantissa = Arbitraries.integers().between(1, 9);
    Arbitrary<Integer> exponent = Arbitraries.integers().between(3, 7);
    return Combinators.combine(mantissa, exponent, Arbitraries.integers().between(0, 3))
        .as(
            (m, e, style) ->
                switch (style) {
                  case 0 -> m + "e-" + e;
                  case 1 -> m + "E-" + e;
                  case 2 -> m + ".5e-" + e;
                  default -> new BigDecimal(m).movePointLeft(e).toPlainString();
                });
  }

  Arbitrary<Map<String, String>> overrides() {
    Arbitrary<String> time =
        Arbitraries.of("30", "45:00", "01:30:00", "1-00", "2-12:00", "0-01:00:00");
    Arbitrary<String> mem = Arbitraries.of("16G", "40G", "120G", "32000M", "1T");
    Arbitrary<Integer> cpus = Arbitraries.integers().between(1, 32);
    Arbitrary<Integer> gpus = Arbitraries.integers().between(1, 4);
    Arbitrary<String> word = Arbitraries.of("", "gpu", "gpu80", "a100|h100", "nomig", "pli-c");
    return Combinators.combine(
            time, mem, cpus, gpus, word, word, Arbitraries.integers().between(0, 63))
        .as(
            (t, m, c, g, p, k, mask) -> {
              Map<String, String> chosen = new LinkedHashMap<>();
              if ((mask & 1) != 0) {
                chosen.put("time", t);
              }
              if ((mask & 2) != 0) {
                chosen.put("mem", m);
              }
              if ((mask & 4) != 0) {
                chosen.put("cpus_per_task", Integer.toString(c));
              }
              if ((mask & 8) != 0) {
                chosen.put("gpus", Integer.toString(g));
              }
              if ((mask & 16) != 0) {
                chosen.put("partition", p);
              }
              if ((mask & 32) != 0) {
                chosen.put("constraint", k);
              }
              return chosen;
            });
  }

  @Provide
  Arbitrary<ExperimentDesign> experiments() {
    Arbitrary<RunDesign> run =
        Combinators.combine(
                runNames(),
                Arbitraries.of(MODELS),
                Arbitraries.integers().between(1, 512),
                learningRates(),
                Arbitraries.integers().between(1, 64),
                Arbitraries.integers().between(1, 5),
                Arbitraries.of("0.0", "0", "0.05", "0.1", "0.5", "0.95", "1e-2"))
            .flatAs(
                (name, model, rank, lr, batch, epochs, dropout) ->
                    Combinators.combine(
                            Arbitraries.longs().between(-1_000_000L, 1L << 40),
                                Arbitraries.of(YamlRoundTripTest.TRICKY),
                            Arbitraries.of(true, false), overrides())
                        .as(
                            (seed, prompt, mig, overrides) ->
                                new RunDesign(
                                    name, model, rank, lr, batch, epochs, dropout, seed, prompt,
                                    mig, overrides)));
    Arbitrary<List<RunDesign>> runs =
        run.list().ofMinSize(1).ofMaxSize(5).uniqueElements(RunDesign::name);
    return Combinators.combine(
            runs,
            Arbitraries.of(true, false),
            Arbitraries.of(true, false),
            Arbitraries.of(true, false),
            Arbitraries.of("true", "false", "yes", "no", "'true'", "0"))
        .as(ExperimentDesign::new);
  }

  @Property(tries = 40)
  void aRandomValidExperimentScaffoldsAndVerifies(@ForAll("experiments") ExperimentDesign design)
      throws IOException {
    Path experiment = Files.createTempDirectory(root, "exp");
    Files.writeString(experiment.resolve("experiment_summary.yaml"), yaml(experiment, design));
    Files.writeString(
        experiment.resolve("claude.local.md"), "- **Default conda environment**: `env1`\n");

    CliResult scaffold = Cli.run(experiment, "scaffold");
    if (design.parquet() || !design.chat()) {
      // The January target's cruijff_kit reads json with chat_completion only (docs/TARGETS.md).
      assertThat(scaffold.exitCode()).as(scaffold.describe()).isEqualTo(2);
      assertThat(scaffold.err()).contains("target cruijff_kit-2026.01 cannot run");
      assertThat(Files.exists(experiment.resolve(design.runs().get(0).name()))).isFalse();
      return;
    }
    assertThat(scaffold.exitCode())
        .as(
            scaffold.describe()
                + "\n"
                + Files.readString(experiment.resolve("experiment_summary.yaml")))
        .isZero();
    CliResult verify = Cli.run(experiment, "verify");
    assertThat(verify.exitCode()).as(verify.describe()).isZero();

    for (RunDesign run : design.runs()) {
      Path file = experiment.resolve(run.name()).resolve("finetune.yaml");
      WRITTEN.put(file, run);
      EXPERIMENT_OF.put(file, design);
    }
  }

  @AfterContainer
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
          "RandomExperimentPropertyTest: %d runs, %d values read back by PyYAML and OmegaConf, %d wrong%n",
          WRITTEN.size(), compared, problems.size());
      assertThat(problems).as("values that do not read back exactly").isEmpty();
    } finally {
      WRITTEN.clear();
      EXPERIMENT_OF.clear();
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  static String yaml(Path directory, ExperimentDesign design) {
    StringBuilder out = new StringBuilder();
    out.append("experiment:\n  name: random\n  directory: ")
        .append(directory)
        .append("\n  date: \"2026-11-29\"\n");
    out.append("tools:\n  preparation: torchtune\n");
    out.append("controls:\n  num_warmup_steps: 5\n  validation_during_training: ")
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
