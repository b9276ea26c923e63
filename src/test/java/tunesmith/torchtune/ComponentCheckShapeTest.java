package tunesmith.torchtune;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tunesmith.problem.InputProblems;
import tunesmith.profile.Profile;
import tunesmith.profile.Profiles;
import tunesmith.render.FinetuneLayout;
import tunesmith.render.YamlEmitter;
import tunesmith.setup.SetupFixtures;
import tunesmith.testing.Seeds;
import tunesmith.verify.ConsumerYaml;

/**
 * The component check keeps its verdict per tree shape (docs/TARGETS.md): runs that differ only in
 * values the check never reads share one verdict, and no change the check does read is hidden by a
 * kept verdict.
 */
class ComponentCheckShapeTest {
  private static final String STABLE =
      "cruijff_kit.tools.torchtune.custom_recipes.lora_finetune_single_device_stable.__main__";

  /** Values the check reads (components, guarded values) and values it never reads. */
  private static final List<Object> VALUES =
      List.of(
          "json",
          "parquet",
          "text",
          "torchtune.datasets.chat_dataset",
          "cruijff_kit.tools.torchtune.datasets.chat_completion.chat_dataset",
          "torchtune.models.llama3_2.lora_llama3_2_1b",
          "no.such.component",
          "mine.own_builder",
          0L,
          8L,
          true,
          "",
          new LinkedHashMap<>(Map.of("_component_", "torchtune.datasets.chat_dataset")),
          List.of("a", "b"));

  @TempDir Path dir;

  private Map<String, Object> typical() throws IOException {
    Path file = dir.resolve("finetune-" + System.nanoTime() + ".yaml");
    Files.writeString(
        file, YamlEmitter.emit(FinetuneLayout.build(SetupFixtures.typical().resolve())));
    Map<String, Object> tree =
        ConsumerYaml.load(file, new InputProblems(), new ArrayList<>()).orElseThrow();
    return tree;
  }

  static Stream<Long> seeds() {
    long base = Seeds.base();
    return LongStream.range(0, 6).mapToObj(i -> base + i);
  }

  @Test
  void runsDifferingOnlyInValuesTheCheckIgnoresShareOneVerdict() throws IOException {
    Map<String, Object> first = typical();
    Map<String, Object> second = deepCopy(first);
    second.put("output_dir", "/elsewhere/ck-out-other/");
    second.put("my_wandb_run_name", "other");
    section(second, "optimizer").put("lr", "0.000321");
    section(second, "model").put("lora_rank", 128L);
    List<ComponentProblem> verdict =
        ComponentCheck.check(Profiles.CRUIJFF_KIT_2026_01, STABLE, first);
    assertThat(ComponentCheck.check(Profiles.CRUIJFF_KIT_2026_01, STABLE, second))
        .isSameAs(verdict);
  }

  @Test
  void aKeptVerdictNeverHidesAChangeTheCheckReads() throws IOException {
    Map<String, Object> tree = typical();
    assertThat(ComponentCheck.check(Profiles.CRUIJFF_KIT_2026_01, STABLE, tree)).isEmpty();

    Map<String, Object> guard = deepCopy(tree);
    section(guard, "dataset").put("source", "parquet");
    assertThat(ComponentCheck.check(Profiles.CRUIJFF_KIT_2026_01, STABLE, guard))
        .extracting(ComponentProblem::key)
        .contains("source");

    Map<String, Object> component = deepCopy(tree);
    section(component, "dataset").put("_component_", "torchtune.datasets.no_such_dataset");
    assertThat(ComponentCheck.check(Profiles.CRUIJFF_KIT_2026_01, STABLE, component))
        .extracting(ComponentProblem::key)
        .contains("_component_");

    Map<String, Object> extraKey = deepCopy(tree);
    section(extraKey, "optimizer").put("momentum_of_doom", 0.5);
    assertThat(ComponentCheck.check(Profiles.CRUIJFF_KIT_2026_01, STABLE, extraKey))
        .extracting(ComponentProblem::key)
        .contains("momentum_of_doom");

    // The same tree for the other target, or another recipe, is another verdict.
    assertThat(ComponentCheck.check(Profiles.CRUIJFF_KIT_0_3, STABLE, tree))
        .isEqualTo(ComponentCheck.checkUncached(Profiles.CRUIJFF_KIT_0_3, STABLE, tree));
  }

  /** Random edits of a generated tree: the kept verdict always equals the check run afresh. */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void keptVerdictsEqualFreshChecks(long seed) throws IOException {
    System.out.println(
        "ComponentCheckShapeTest seed " + seed + " (rerun with -Dtunesmith.seed=" + seed + ")");
    Random random = new Random(seed);
    Map<String, Object> base = typical();
    for (int round = 0; round < 60; round++) {
      Map<String, Object> tree = deepCopy(base);
      int edits = 1 + random.nextInt(3);
      for (int i = 0; i < edits; i++) {
        edit(tree, random);
      }
      for (Profile target : Profiles.all()) {
        List<ComponentProblem> kept = ComponentCheck.check(target, STABLE, tree);
        assertThat(kept)
            .as("seed %d round %d target %s", seed, round, target.id())
            .isEqualTo(ComponentCheck.checkUncached(target, STABLE, tree));
      }
    }
  }

  /** Sets, removes or adds one key somewhere in the tree. */
  @SuppressWarnings("unchecked")
  private static void edit(Map<String, Object> tree, Random random) {
    Map<String, Object> node = tree;
    while (true) {
      List<String> sections =
          node.entrySet().stream()
              .filter(entry -> entry.getValue() instanceof Map)
              .map(Map.Entry::getKey)
              .toList();
      if (sections.isEmpty() || random.nextInt(3) == 0) {
        break;
      }
      node = (Map<String, Object>) node.get(sections.get(random.nextInt(sections.size())));
    }
    List<String> keys = new ArrayList<>(node.keySet());
    Object value = VALUES.get(random.nextInt(VALUES.size()));
    if (value instanceof Map<?, ?> map) {
      value = new LinkedHashMap<>(map); // edits may descend into it later
    }
    switch (random.nextInt(4)) {
      case 0 -> {
        if (!keys.isEmpty()) {
          node.remove(keys.get(random.nextInt(keys.size())));
        }
      }
      case 1 -> node.put("extra_" + random.nextInt(3), value);
      case 2 -> node.put(random.nextBoolean() ? "_component_" : "source", value);
      default -> {
        if (!keys.isEmpty()) {
          node.put(keys.get(random.nextInt(keys.size())), value);
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Map<String, Object> tree, String key) {
    return (Map<String, Object>) tree.get(key);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> tree) {
    Map<String, Object> copy = new LinkedHashMap<>();
    tree.forEach(
        (key, value) ->
            copy.put(
                key, value instanceof Map<?, ?> map ? deepCopy((Map<String, Object>) map) : value));
    return copy;
  }
}
