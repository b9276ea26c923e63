package tunesmith.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tunesmith.plan.PlanLoader;
import tunesmith.plan.PlannedRun;
import tunesmith.render.ConfigNode;
import tunesmith.render.FinetuneLayout;
import tunesmith.render.YamlEmitter;
import tunesmith.testing.Cli;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;

/**
 * Every key of the finetune.yaml layout is held by the readiness check: for each row of {@link
 * FinetuneLayout#ROWS}, a finetune.yaml whose value at that key is edited (or, for a row this run
 * does not write, added) is not ready, and the check names the key. A row added to the layout is
 * covered here without anyone listing it.
 */
class FinetuneLayoutCoverageTest {
  private static final String EDITED = "edited-by-hand";

  @TempDir static Path temp;

  private static Path experiment;
  private static PlannedRun run;
  private static String original;

  @BeforeAll
  static void scaffold() throws IOException {
    Path root = temp.resolve("root");
    experiment = Fixtures.experiment("slurm_six", root, Map.of("/__TMP__", root.toString()));
    Expect.succeeded(Cli.run(experiment, "scaffold", "-q"));
    run =
        PlanLoader.load(
                new PlanLoader.Request(
                    experiment, experiment, Optional.empty(), Optional.empty(), Cli.DEFAULT_ENV))
            .runs()
            .get(0);
    original = Files.readString(run.directory().resolve("finetune.yaml"));
  }

  static Stream<String> paths() {
    return FinetuneLayout.ROWS.stream().map(FinetuneLayout.Row::path);
  }

  @Test
  void theRunAsScaffoldedIsReady() {
    assertThat(RunReadiness.standard().check(run.toCheck()).mismatches()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("paths")
  void anEditOfTheKeyIsNamed(String path) throws IOException {
    Path file = run.directory().resolve("finetune.yaml");
    ConfigNode.Section tree = FinetuneLayout.build(run.config());
    String header =
        original.lines().takeWhile(line -> line.startsWith("#")).collect(Collectors.joining("\n"));
    try {
      Files.writeString(
          file, header + "\n" + YamlEmitter.emit(with(tree, List.of(path.split("\\.")), EDITED)));
      Readiness readiness = RunReadiness.standard().check(run.toCheck());

      assertThat(readiness.ready()).as(path).isFalse();
      assertThat(readiness.mismatches())
          .as("a mismatch names %s", path)
          .anySatisfy(
              mismatch -> {
                assertThat(mismatch.kind()).isEqualTo(Mismatch.Kind.EDITED);
                assertThat(mismatch.text()).startsWith("finetune.yaml " + path).contains(EDITED);
              });
    } finally {
      Files.writeString(file, original);
    }
  }

  /** The tree with the value at {@code path} replaced by (or, if absent, set to) {@code text}. */
  private static ConfigNode.Section with(
      ConfigNode.Section section, List<String> path, String text) {
    Map<String, ConfigNode> entries = new LinkedHashMap<>(section.entries());
    String key = path.get(0);
    if (path.size() == 1) {
      entries.put(key, ConfigNode.text(text));
    } else {
      ConfigNode child = entries.get(key);
      ConfigNode.Section inner =
          child instanceof ConfigNode.Section existing
              ? existing
              : new ConfigNode.Section(Map.of());
      entries.put(key, with(inner, path.subList(1, path.size()), text));
    }
    return new ConfigNode.Section(entries);
  }
}
