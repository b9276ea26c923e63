package tunesmith.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static tunesmith.testing.TextPositions.lineOf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tunesmith.problem.InputProblem;
import tunesmith.problem.InputProblems;
import tunesmith.profile.Profiles;

class ModelCatalogTest {

  /**
   * The built-in catalog (models.yaml, README "Model catalog"), row by row. null checkpoint max =
   * the listed [model.safetensors].
   */
  static Stream<Arguments> specTable() {
    return Stream.of(
        Arguments.of(
            "Llama-3.2-1B-Instruct",
            "torchtune.models.llama3_2.lora_llama3_2_1b",
            null,
            "LLAMA3_2",
            "llama",
            "40G",
            "nomig",
            null,
            4,
            1),
        Arguments.of(
            "Llama-3.2-1B",
            "torchtune.models.llama3_2.lora_llama3_2_1b",
            null,
            "LLAMA3_2",
            "llama",
            "40G",
            "nomig",
            null,
            4,
            1),
        Arguments.of(
            "Llama-3.2-3B-Instruct",
            "torchtune.models.llama3_2.lora_llama3_2_3b",
            "00002",
            "LLAMA3_2",
            "llama",
            "80G",
            null,
            "gpu80",
            4,
            1),
        Arguments.of(
            "Llama-3.1-8B-Instruct",
            "torchtune.models.llama3_1.lora_llama3_1_8b",
            "00004",
            "LLAMA3",
            "llama",
            "80G",
            null,
            "gpu80",
            8,
            1),
        Arguments.of(
            "Llama-3.3-70B-Instruct",
            "torchtune.models.llama3_3.lora_llama3_3_70b",
            "00030",
            "LLAMA3",
            "llama",
            "320G",
            null,
            "gpu80",
            8,
            4),
        Arguments.of(
            "Mistral-7B-v0.1",
            "torchtune.models.mistral.lora_mistral_7b",
            "00002",
            "MISTRAL",
            "mistral",
            "80G",
            null,
            "gpu80",
            4,
            1),
        Arguments.of(
            "Mistral-7B-Instruct-v0.1",
            "torchtune.models.mistral.lora_mistral_7b",
            "00002",
            "MISTRAL",
            "mistral",
            "80G",
            null,
            "gpu80",
            4,
            1),
        Arguments.of(
            "Qwen2.5-3B",
            "torchtune.models.qwen2_5.lora_qwen2_5_3b",
            "00002",
            "QWEN2",
            "qwen",
            "80G",
            null,
            "gpu80",
            4,
            1),
        Arguments.of(
            "Qwen2.5-3B-Instruct",
            "torchtune.models.qwen2_5.lora_qwen2_5_3b",
            "00002",
            "QWEN2",
            "qwen",
            "80G",
            null,
            "gpu80",
            4,
            1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specTable")
  void builtInCatalogMatchesSpecSection6(
      String name,
      String component,
      String maxFilename,
      String modelType,
      String family,
      String mem,
      String partition,
      String constraint,
      int cpus,
      int gpus) {
    ModelSpec spec =
        ModelCatalogReader.builtIn()
            .find(name)
            .orElseThrow(() -> new AssertionError("missing " + name));
    assertThat(spec.name()).isEqualTo(name);
    assertThat(spec.component()).isEqualTo(component);
    if (maxFilename == null) {
      assertThat(spec.checkpointFiles())
          .isEqualTo(new CheckpointFiles.Listed(java.util.List.of("model.safetensors")));
    } else {
      assertThat(spec.checkpointFiles())
          .isEqualTo(new CheckpointFiles.Sharded("model-{}-of-{}.safetensors", maxFilename));
    }
    assertThat(spec.modelType()).isEqualTo(modelType);
    assertThat(spec.tokenizer()).isEqualTo(tokenizer(family));
    assertThat(spec.mem()).isEqualTo(mem);
    assertThat(spec.partition()).isEqualTo(Optional.ofNullable(partition));
    assertThat(spec.constraint()).isEqualTo(Optional.ofNullable(constraint));
    assertThat(spec.cpus()).isEqualTo(cpus);
    assertThat(spec.gpus()).isEqualTo(gpus);
  }

  private static TokenizerSpec tokenizer(String family) {
    return switch (family) {
      case "llama" ->
          new TokenizerSpec(
              "torchtune.models.llama3.llama3_tokenizer",
              "original/tokenizer.model",
              Optional.empty());
      case "mistral" ->
          new TokenizerSpec(
              "torchtune.models.mistral.mistral_tokenizer", "tokenizer.model", Optional.empty());
      case "qwen" ->
          new TokenizerSpec(
              "torchtune.models.qwen2_5.qwen2_5_tokenizer",
              "vocab.json",
              Optional.of("merges.txt"));
      default -> throw new IllegalArgumentException(family);
    };
  }

  @Test
  void builtInCatalogHasExactlyTheSpecModels() {
    assertThat(ModelCatalogReader.builtIn().names())
        .containsExactlyInAnyOrderElementsOf(
            specTable().map(arguments -> (String) arguments.get()[0]).toList());
  }

  @Test
  void unknownNameGivesANearestNameHint() {
    ModelCatalog catalog = ModelCatalogReader.builtIn();
    assertThat(catalog.find("Llama-3.2-1B-Instrut")).isEmpty();
    assertThat(catalog.hintFor("Llama-3.2-1B-Instrut")).contains("Llama-3.2-1B-Instruct");
    assertThat(catalog.hintFor("completely-different-model-name-xyz")).isEmpty();
  }

  /** A model's targets block replaces its names' order and resources for that target only. */
  @Test
  void aTargetsBlockReplacesTheResourcesForItsTargetOnly(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("models.yaml");
    Files.writeString(
        file,
        """
                models:
                  - names: [My-Model-1B, My-Model-1B-Chat]
                    component: my_pkg.models.lora_my_model
                    checkpoint_files: [model.safetensors]
                    model_type: LLAMA3
                    family: llama
                    mem: 24G
                    partition: gpu
                    cpus: 2
                    gpus: 2
                    targets:
                      cruijff_kit-0.3: {names: [My-Model-1B-Chat, My-Model-1B], mem: 160G, cpus: 2, gpus: 2}
                """);
    InputProblems problems = new InputProblems();
    ModelCatalog own = ModelCatalogReader.load(Optional.of(file), Profiles.fallback(), problems);
    ModelCatalog next =
        ModelCatalogReader.load(Optional.of(file), Profiles.CRUIJFF_KIT_0_3, problems);
    assertThat(problems.list()).isEmpty();
    ModelSpec mine = own.find("My-Model-1B").orElseThrow();
    assertThat(mine.mem()).isEqualTo("24G");
    assertThat(mine.partition()).contains("gpu");
    ModelSpec theirs = next.find("My-Model-1B").orElseThrow();
    assertThat(theirs.mem()).isEqualTo("160G");
    assertThat(theirs.partition()).as("the block replaces every resource").isEmpty();
    assertThat(next.names()).endsWith("My-Model-1B-Chat", "My-Model-1B");
    assertThat(own.names()).endsWith("My-Model-1B", "My-Model-1B-Chat");
  }

  @Test
  void aTargetsBlockForNoTargetIsAnError(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("models.yaml");
    Files.writeString(
        file,
        """
                models:
                  - names: [My-Model-1B]
                    component: my_pkg.models.lora_my_model
                    checkpoint_files: [model.safetensors]
                    model_type: LLAMA3
                    family: llama
                    mem: 24G
                    cpus: 2
                    gpus: 1
                    targets:
                      cruijff_kit-03: {mem: 80G, cpus: 1, gpus: 1}
                """);
    InputProblems problems = new InputProblems();
    ModelCatalogReader.load(Optional.of(file), problems);
    assertThat(problems.list())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.field()).isEqualTo("models[0].targets.cruijff_kit-03");
              assertThat(problem.line()).isEqualTo(11);
              assertThat(problem.expected()).contains("cruijff_kit-0.3");
            });
  }

  @Test
  void userFileAddsAModelAndOverridesOne(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("models.yaml");
    Files.writeString(
        file,
        """
                models:
                  - names: [My-Model-1B]
                    component: my_pkg.models.lora_my_model
                    checkpoint_files: {filename_format: "model-{}-of-{}.safetensors", max_filename: "00007"}
                    model_type: LLAMA3
                    family: mistral
                    mem: 24G
                    partition: gpu
                    cpus: 2
                    gpus: 2
                  - names: [Llama-3.2-1B-Instruct]
                    component: torchtune.models.llama3_2.lora_llama3_2_1b
                    checkpoint_files: [model.safetensors]
                    model_type: LLAMA3_2
                    family: llama
                    mem: 48G
                    constraint: a100
                    cpus: 6
                    gpus: 1
                """);
    InputProblems problems = new InputProblems();
    ModelCatalog catalog = ModelCatalogReader.load(Optional.of(file), problems);
    assertThat(problems.list()).isEmpty();

    ModelSpec added = catalog.find("My-Model-1B").orElseThrow();
    assertThat(added.component()).isEqualTo("my_pkg.models.lora_my_model");
    assertThat(added.checkpointFiles())
        .isEqualTo(new CheckpointFiles.Sharded("model-{}-of-{}.safetensors", "00007"));
    assertThat(added.tokenizer().component())
        .isEqualTo("torchtune.models.mistral.mistral_tokenizer");
    assertThat(added.partition()).contains("gpu");
    assertThat(added.gpus()).isEqualTo(2);

    ModelSpec overridden = catalog.find("Llama-3.2-1B-Instruct").orElseThrow();
    assertThat(overridden.mem()).isEqualTo("48G");
    assertThat(overridden.partition()).isEmpty();
    assertThat(overridden.constraint()).contains("a100");
    assertThat(overridden.cpus()).isEqualTo(6);

    // untouched models stay, including the other name of the overridden entry
    assertThat(catalog.find("Llama-3.2-1B").orElseThrow().mem()).isEqualTo("40G");
    assertThat(catalog.find("Qwen2.5-3B")).isPresent();
    // the built-in catalog itself is not changed
    assertThat(ModelCatalogReader.builtIn().find("My-Model-1B")).isEmpty();
    assertThat(ModelCatalogReader.builtIn().find("Llama-3.2-1B-Instruct").orElseThrow().mem())
        .isEqualTo("40G");
  }

  @Test
  void userFileMayDefineANewFamily(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("models.yaml");
    Files.writeString(
        file,
        """
                families:
                  gemma:
                    tokenizer: torchtune.models.gemma.gemma_tokenizer
                    tokenizer_path: tokenizer.model
                models:
                  - names: [gemma-2b]
                    component: torchtune.models.gemma.lora_gemma_2b
                    checkpoint_files: [model-00001-of-00002.safetensors, model-00002-of-00002.safetensors]
                    model_type: GEMMA
                    family: gemma
                    mem: 40G
                    cpus: 4
                    gpus: 1
                """);
    InputProblems problems = new InputProblems();
    ModelSpec gemma =
        ModelCatalogReader.load(Optional.of(file), problems).find("gemma-2b").orElseThrow();
    assertThat(problems.list()).isEmpty();
    assertThat(gemma.tokenizer().component()).isEqualTo("torchtune.models.gemma.gemma_tokenizer");
    assertThat(gemma.checkpointFiles())
        .isEqualTo(
            new CheckpointFiles.Listed(
                java.util.List.of(
                    "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors")));
  }

  @Test
  void badCatalogFileGivesProblemsWithLineNumbers(@TempDir Path dir) throws IOException {
    String text =
        """
                models:
                  - names: [Bad-Model]
                    component: x.y
                    checkpoint_files: {filename_format: "model-{}-of-{}.safetensors"}
                    model_type: LLAMA3
                    family: klingon
                    mem: 40G
                    cpus: many
                    gpus: 0
                """;
    Path file = dir.resolve("models.yaml");
    Files.writeString(file, text);
    InputProblems problems = new InputProblems();
    ModelCatalog catalog = ModelCatalogReader.load(Optional.of(file), problems);
    assertThat(catalog.find("Bad-Model")).isEmpty();
    assertThat(problems.list())
        .extracting(InputProblem::field)
        .contains(
            "models[0].checkpoint_files.max_filename",
            "models[0].family",
            "models[0].cpus",
            "models[0].gpus");
    assertThat(problems.list())
        .allSatisfy(
            problem -> {
              assertThat(problem.file()).isEqualTo(file);
              assertThat(problem.line()).isPositive();
            });
    assertThat(problem(problems, "models[0].cpus").line()).isEqualTo(lineOf(text, "cpus: many"));
    assertThat(problem(problems, "models[0].gpus").line()).isEqualTo(lineOf(text, "gpus: 0"));
    assertThat(problem(problems, "models[0].family").line())
        .isEqualTo(lineOf(text, "family: klingon"));
    assertThat(problem(problems, "models[0].family").expected()).contains("llama");
  }

  @Test
  void catalogFileWithoutModelsListIsAProblem(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("models.yaml");
    Files.writeString(file, "families: {}\nmodel:\n  - names: [x]\n");
    InputProblems problems = new InputProblems();
    ModelCatalogReader.load(Optional.of(file), problems);
    assertThat(problems.list())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.field()).isEqualTo("models");
              assertThat(problem.file()).isEqualTo(file);
            });
  }

  @Test
  void malformedCatalogFileIsAProblemAtItsLine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("models.yaml");
    Files.writeString(file, "models:\n  - names: [a\n    mem: 1G\n");
    InputProblems problems = new InputProblems();
    ModelCatalog catalog = ModelCatalogReader.load(Optional.of(file), problems);
    assertThat(problems.list()).isNotEmpty();
    assertThat(problems.list().get(0).line()).isPositive();
    assertThat(catalog.names()).isEqualTo(ModelCatalogReader.builtIn().names());
  }

  private static InputProblem problem(InputProblems problems, String field) {
    return problems.list().stream().filter(p -> p.field().equals(field)).findFirst().orElseThrow();
  }
}
