package tunesmith.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.lock.Interruption;
import tunesmith.parallel.ProgressListener;
import tunesmith.plan.PlanLoader;
import tunesmith.plan.PlannedRun;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.problem.InvalidInputException;
import tunesmith.profile.Profile;
import tunesmith.profile.Profiles;
import tunesmith.scaffold.Scaffolder;
import tunesmith.testing.PythonLoaders;

/**
 * docs/KEYS.md's finetune.yaml table against what scaffold writes, not against the rows that render
 * it: both examples are scaffolded for each target, every finetune.yaml is read by PyYAML, and the
 * keys found must be the ones the table lists for that target (none it says are not written; every
 * key found is listed; every key listed without a condition is found).
 */
class KeysDocOracleTest {
  @TempDir Path root;

  /** The table's rows: key, then one column per target, as the committed file has them. */
  private static Map<String, List<String>> table() throws IOException {
    String doc = Files.readString(Path.of("docs/KEYS.md"));
    String section =
        doc.substring(doc.indexOf("## finetune.yaml"), doc.indexOf("## setup_finetune"));
    Map<String, List<String>> rows = new LinkedHashMap<>();
    for (String line : section.split("\n")) {
      if (line.startsWith("| `")) {
        String[] cells = line.split(" \\| ", -1);
        String key = cells[0].substring(3, cells[0].length() - 1);
        List<String> columns = new ArrayList<>();
        for (int i = 1; i < cells.length; i++) {
          columns.add(cells[i].replace(" |", ""));
        }
        rows.put(key, columns);
      }
    }
    return rows;
  }

  /** Keys at the table's granularity: top-level keys, and a.b where the table lists a.b keys. */
  @SuppressWarnings("unchecked")
  private static Set<String> keysOf(Map<String, Object> tree, Set<String> documented) {
    Set<String> keys = new TreeSet<>();
    tree.forEach(
        (key, value) -> {
          boolean nested = documented.stream().anyMatch(path -> path.startsWith(key + "."));
          if (nested && value instanceof Map<?, ?> section) {
            ((Map<String, Object>) section).keySet().forEach(child -> keys.add(key + "." + child));
          } else {
            keys.add(key);
          }
        });
    return keys;
  }

  private List<Path> scaffold(Profile target) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String example : List.of("capitalization_sweep", "capitalization_sweep_2026")) {
      Path directory = Files.createDirectories(root.resolve(target.id()).resolve(example));
      for (String file : List.of("experiment_summary.yaml", "claude.local.md")) {
        Files.copy(Path.of("examples", example, file), directory.resolve(file));
      }
      ScaffoldPlan plan;
      try {
        plan =
            PlanLoader.load(
                new PlanLoader.Request(
                    directory,
                    directory,
                    Optional.of(directory.resolve("claude.local.md")),
                    Optional.empty(),
                    Map.of("USER", "ada"),
                    Optional.of(target)));
      } catch (InvalidInputException refused) {
        // An experiment the target cannot run (docs/TARGETS.md) writes nothing to look at.
        continue;
      }
      new Scaffolder(Clock.systemUTC(), false, ProgressListener.NONE, ProgressListener.NONE)
          .run(plan, Interruption.manual(), List.of());
      for (PlannedRun run : plan.runs()) {
        files.add(run.directory().resolve("finetune.yaml"));
      }
    }
    return files;
  }

  @Test
  void eachTargetsColumnSaysWhatItsFinetuneYamlHolds() throws Exception {
    Map<String, List<String>> table = table();
    assertThat(table).hasSizeGreaterThan(40);
    List<Profile> targets = Profiles.all();
    for (int column = 0; column < targets.size(); column++) {
      Profile target = targets.get(column);
      Set<String> found = new TreeSet<>();
      List<Path> files = scaffold(target);
      assertThat(files).isNotEmpty();
      PythonLoaders.loadAll(files)
          .values()
          .forEach(loaded -> found.addAll(keysOf(loaded.pyyamlMap(), table.keySet())));
      for (Map.Entry<String, List<String>> row : table.entrySet()) {
        String says = row.getValue().get(column);
        String key = row.getKey();
        if (says.startsWith("not written")) {
          assertThat(found)
              .as(target + ": KEYS.md says " + key + " is not written")
              .doesNotContain(key);
        } else if (!says.contains("only") && !says.contains("when")) {
          assertThat(found).as(target + ": KEYS.md says " + key + " is written").contains(key);
        }
      }
      assertThat(table.keySet())
          .as(target + ": every key written is in KEYS.md")
          .containsAll(found);
    }
  }
}
