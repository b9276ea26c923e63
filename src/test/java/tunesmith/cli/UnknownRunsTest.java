package tunesmith.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;
import tunesmith.testing.Json;

/**
 * {@code --runs} naming no fine-tuned run is invalid input for every command that takes it: exit 2
 * from the one failure handler, the fine-tuned runs listed, nothing written, no SLURM needed.
 */
class UnknownRunsTest {
  @TempDir Path temp;

  @ParameterizedTest
  @ValueSource(strings = {"submit", "status", "cancel", "retry"})
  void anUnknownRunIsInvalidInput(String command) {
    Path experiment = Fixtures.experiment("slurm_six", temp, Map.of("/__TMP__", temp.toString()));
    var before = Fixtures.snapshot(experiment);
    CliResult result = Cli.run(experiment, command, "--runs", "r8_lr1e-5,r99");
    Expect.exitCode(result, 2);
    Expect.noStackTrace(result);
    assertThat(result.err())
        .contains(
            "--runs",
            "r99",
            "the fine-tuned runs are: r8_lr1e-5, r8_lr1e-4, r16_lr1e-5, r16_lr1e-4, r32_lr1e-5, r32_lr1e-4")
        .doesNotContain("found r8_lr1e-5");
    assertThat(Fixtures.snapshot(experiment)).isEqualTo(before);

    CliResult json = Cli.run(experiment, command, "--runs", "r99", "--json");
    Expect.exitCode(json, 2);
    assertThat(Json.at(Json.parseObject(json.out()), "status")).isEqualTo("invalid_input");
    assertThat(Json.at(Json.parseObject(json.out()), "problems.0.field")).isEqualTo("--runs");
  }
}
