package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;

/**
 * A command run in a run's directory, or deeper, names the experiment it is inside and gives the
 * command to run on it, and that command runs (issue 23.15).
 */
class InsideAnExperimentTest {
  @TempDir Path temp;

  @ParameterizedTest
  @ValueSource(strings = {"plan", "verify", "status", "summarize"})
  void aRunDirectoryHintsTheExperimentWithACommandThatRuns(String command) throws IOException {
    Path experiment = Fixtures.experiment("lr_sweep", temp.resolve("exp"));
    Expect.succeeded(Cli.run(experiment, "scaffold", "-q"));
    Path deeper = Files.createDirectories(experiment.resolve("rank8_lr1e-5/logs"));
    for (Path inside : new Path[] {experiment.resolve("rank8_lr1e-5"), deeper}) {
      CliResult result = Expect.exitCode(Cli.run(inside, command), 2);
      assertThat(result.err())
          .contains(inside + " is inside the experiment " + experiment)
          .doesNotContain("Exception");
      Matcher hint = Pattern.compile("run: `tunesmith (\\S+) (\\S+)`").matcher(result.err());
      assertThat(hint.find()).as(result.err()).isTrue();
      assertThat(hint.group(1)).isEqualTo(command);
      CliResult hinted = Cli.run(inside, hint.group(1), hint.group(2));
      assertThat(hinted.exitCode()).as(hinted.describe()).isNotEqualTo(2);
    }
  }
}
