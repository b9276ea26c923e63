package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tunesmith.plan.PlanLoader;
import tunesmith.plan.PlannedRun;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.profile.Profiles;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Processes;

/**
 * bench/generate, which the benchmark and the progress-bar test rely on: N valid, distinct runs.
 */
class BenchGeneratorTest {
  private static final Path REPO = Path.of("").toAbsolutePath();

  @TempDir Path temp;

  private Path generate(int runs, String name) {
    Path experiment = temp.resolve(name);
    CliResult result =
        Processes.run(
            List.of(
                REPO.resolve("bench/generate").toString(),
                Integer.toString(runs),
                experiment.toString()),
            temp,
            null,
            60);
    Expect.succeeded(result);
    return experiment;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 10, 181})
  void generatesExactlyNDistinctFineTunedRunsThatPlanWithoutProblems(int runs) {
    Path experiment = generate(runs, "exp" + runs);
    ScaffoldPlan plan =
        PlanLoader.load(
            new PlanLoader.Request(
                experiment, experiment, Optional.empty(), Optional.empty(), Cli.DEFAULT_ENV));

    assertThat(plan.runs()).hasSize(runs);
    assertThat(plan.runs().stream().map(run -> run.run().name()).distinct()).hasSize(runs);
    assertThat(plan.experiment().controlRuns()).hasSize(1);
    if (runs > 180) {
      // 5 models x 6 ranks x 6 learning rates per seed: the 181st run starts the second seed.
      assertThat(
              plan.runs().stream()
                  .map(PlannedRun::config)
                  .map(config -> config.model().name())
                  .distinct())
          .hasSize(5);
      assertThat(plan.varying()).containsKeys("lora_rank", "lr", "seed");
    }
  }

  /**
   * The cruijff_kit-0.3 format: the same runs, each evaluated after both epochs, the control once.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 37})
  void the2026FormatPlansNRunsAnd2NPlus1Cells(int runs) {
    Path experiment = temp.resolve("c" + runs);
    Expect.succeeded(
        Processes.run(
            List.of(
                REPO.resolve("bench/generate").toString(),
                "--format",
                "2026",
                Integer.toString(runs),
                experiment.toString()),
            temp,
            null,
            60));
    ScaffoldPlan plan =
        PlanLoader.load(
            new PlanLoader.Request(
                experiment, experiment, Optional.empty(), Optional.empty(), Cli.DEFAULT_ENV));
    assertThat(plan.target()).isEqualTo(Profiles.CRUIJFF_KIT_0_3);
    assertThat(plan.runs()).hasSize(runs);
    assertThat(plan.evaluation().cells()).hasSize(2 * runs + 1);
  }

  @Test
  void theSameSizeGivesTheSameBytes() throws IOException {
    Path first = generate(50, "first");
    Path second = generate(50, "second");
    String one =
        Files.readString(first.resolve("experiment_summary.yaml")).replace(first.toString(), "DIR");
    String two =
        Files.readString(second.resolve("experiment_summary.yaml"))
            .replace(second.toString(), "DIR");
    assertThat(one).isEqualTo(two);
  }

  @Test
  void refusesANonNumber() {
    CliResult result =
        Processes.run(
            List.of(REPO.resolve("bench/generate").toString(), "ten", temp.resolve("x").toString()),
            temp,
            null,
            60);
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("usage: bench/generate [--format 2026|january] N DIR");
  }
}
