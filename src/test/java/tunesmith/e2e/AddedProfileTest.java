package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
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
import tunesmith.verify.RunReadiness;

/**
 * Adding a version is one profile plus its resources (docs/TARGETS.md, "Adding a version"): a
 * fictional next cruijff_kit, known only to this test, that renames experiment.dir to
 * experiment.root and logs every 10 steps instead of every step. Its resources are its component
 * catalog (src/test/resources/tunesmith/targets/cruijff_kit-0.9-test.yaml, 0.3's with its own
 * target name) and 0.3's model catalog. The whole pipeline plans, scaffolds and verifies with it,
 * and what it writes differs from 0.3's only where the profile differs.
 */
class AddedProfileTest {
  private static final String ID = "cruijff_kit-0.9-test";
  private static final Profile NEXT = nextVersion(Profiles.CRUIJFF_KIT_0_3);
  private static final List<Profile> WITH_NEXT = withNext();

  @TempDir Path root;

  /** 0.3 with one key renamed (experiment.dir: experiment.root) and one default changed. */
  private static Profile nextVersion(Profile base) {
    Profile.Reading reading = base.reading();
    Map<String, Set<String>> known = new HashMap<>(reading.knownKeys());
    Set<String> experiment = new HashSet<>(known.get("experiment"));
    experiment.remove("dir");
    experiment.add("root");
    known.put("experiment", experiment);
    Profile.Layering layering = base.layering();
    List<Profile.Preset> presets =
        layering.presets().stream()
            .map(
                preset ->
                    preset.key().equals("log_every_n_steps")
                        ? new Profile.Preset(preset.key(), "10", ID + " default")
                        : preset)
            .toList();
    return new Profile(
        ID,
        new Profile.Reading(
            "the next format (a test's)",
            "root",
            reading.rules(),
            known,
            reading.ignoredKeys(),
            reading.ignoredControls()),
        new Profile.Layering(
            presets,
            layering.modelsDir(),
            layering.checkpointBase(),
            layering.textDropsSystemPrompt(),
            layering.cpusPerGpu(),
            layering.trainingSamples()),
        base.resolving(),
        base.recipes(),
        base.jobSteps(),
        base.modelTarget(),
        base.logFile());
  }

  private static List<Profile> withNext() {
    List<Profile> profiles = new ArrayList<>(Profiles.all());
    profiles.add(NEXT);
    return List.copyOf(profiles);
  }

  /** The 0.3 example in {root}/{parent}/sweep (one name, so experiment_name is the same). */
  private Path example(String parent, boolean renamed) throws IOException {
    Path directory = Files.createDirectories(root.resolve(parent).resolve("sweep"));
    Path example = Path.of("examples", "capitalization_sweep_2026");
    String summary = Files.readString(example.resolve("experiment_summary.yaml"));
    assertThat(summary).contains("\n  dir: ");
    Files.writeString(
        directory.resolve("experiment_summary.yaml"),
        renamed ? summary.replace("\n  dir: ", "\n  root: ") : summary);
    Files.copy(example.resolve("claude.local.md"), directory.resolve("claude.local.md"));
    return directory;
  }

  private static PlanLoader.Request request(Path directory, List<Profile> profiles) {
    return new PlanLoader.Request(
        directory,
        directory,
        Optional.of(directory.resolve("claude.local.md")),
        Optional.empty(),
        Map.of("USER", "ada"),
        Optional.empty(),
        profiles);
  }

  /**
   * Every file in the experiment directory but the log, by relative path, with the directory's
   * parent written as {parent}.
   */
  private static Map<String, List<String>> written(Path directory) throws IOException {
    Map<String, List<String>> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path file : paths.filter(Files::isRegularFile).toList()) {
        String name = directory.relativize(file).toString();
        if (!name.endsWith(".log") && !name.startsWith(".tunesmith")) {
          files.put(
              name,
              Files.readAllLines(file).stream()
                  .map(line -> line.replace(directory.getParent().toString(), "{parent}"))
                  .toList());
        }
      }
    }
    return files;
  }

  @Test
  void aTestOnlyProfileIsChosenScaffoldedAndVerifiedDifferingOnlyWhereItSays() throws Exception {
    Path next = example("next", true);
    ScaffoldPlan plan = PlanLoader.load(request(next, WITH_NEXT));
    assertThat(plan.experiment().profile()).isEqualTo(NEXT);
    assertThat(plan.target()).isEqualTo(NEXT);
    assertThat(plan.runs()).isNotEmpty();
    assertThat(plan.evaluation().cells()).isNotEmpty();
    Scaffolder.Result result =
        new Scaffolder(Clock.systemUTC(), false, ProgressListener.NONE, ProgressListener.NONE)
            .run(plan, Interruption.manual(), List.of());
    assertThat(result.failedCount()).isZero();
    RunReadiness readiness = RunReadiness.standard();
    for (PlannedRun run : plan.runs()) {
      assertThat(readiness.check(run.toCheck()).ready()).as(run.run().name()).isTrue();
      assertThat(Files.readString(run.directory().resolve("finetune.yaml")))
          .contains("\nlog_every_n_steps: 10\n");
    }
    assertThat(next.resolve(NEXT.logFile())).isRegularFile();

    Path same = example("same", false);
    ScaffoldPlan baseline = PlanLoader.load(request(same, Profiles.all()));
    assertThat(baseline.target()).isEqualTo(Profiles.CRUIJFF_KIT_0_3);
    new Scaffolder(Clock.systemUTC(), false, ProgressListener.NONE, ProgressListener.NONE)
        .run(baseline, Interruption.manual(), List.of());
    Map<String, List<String>> nextFiles = written(next);
    Map<String, List<String>> sameFiles = written(same);
    assertThat(nextFiles.keySet()).isEqualTo(sameFiles.keySet());
    int differing = 0;
    for (String name : nextFiles.keySet()) {
      List<String> mine = nextFiles.get(name);
      List<String> theirs = sameFiles.get(name);
      assertThat(mine).as(name).hasSameSizeAs(theirs);
      for (int i = 0; i < mine.size(); i++) {
        if (!mine.get(i).equals(theirs.get(i))) {
          differing++;
          assertThat(mine.get(i) + " | " + theirs.get(i))
              .as(name + " line " + (i + 1))
              .containsAnyOf("log_every_n_steps", "root: ", "dir: ");
        }
      }
    }
    assertThat(differing).isGreaterThanOrEqualTo(2 * plan.runs().size());
  }

  @Test
  void withoutTheProfileTheRenamedKeyIsAnInputError() throws Exception {
    Path next = example("next", true);
    assertThatThrownBy(() -> PlanLoader.load(request(next, Profiles.all())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("neither experiment.directory nor experiment.dir");
  }
}
