package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;
import tunesmith.testing.Json;

/** status --runs shows only the runs it names, as submit, cancel and retry select them. */
class StatusRunsTest {
  @TempDir Path temp;

  @Test
  void statusShowsOnlyTheNamedRuns() {
    Path experiment = Fixtures.experiment("lr_sweep", temp);
    Expect.succeeded(Cli.run(experiment, "scaffold", "-q"));

    CliResult json =
        Expect.succeeded(
            Cli.run(experiment, "status", "--runs", "rank8_lr1e-5,rank16_lr5e-5", "--json"));
    List<?> runs = (List<?>) Json.parseObject(json.out()).get("runs");
    assertThat(runs.stream().map(run -> (Object) ((Map<?, ?>) run).get("run")).toList())
        .containsExactly("rank8_lr1e-5", "rank16_lr5e-5");

    CliResult text = Expect.succeeded(Cli.run(experiment, "status", "--runs", "rank8_lr1e-5"));
    assertThat(text.out()).contains("| rank8_lr1e-5 |").doesNotContain("rank16_lr5e-5");
  }
}
