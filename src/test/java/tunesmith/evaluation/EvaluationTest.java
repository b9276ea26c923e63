package tunesmith.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Json;

class EvaluationTest {
  @TempDir Path temp;

  /**
   * The fixture in the cruijff_kit-2026.01 format: experiment.directory, output.base_directory, and
   * no eval-only run (a type of the cruijff_kit-0.3 format).
   */
  private static String january(String evaluation) {
    String runs = EvalFixture.RUNS.substring(0, EvalFixture.RUNS.indexOf("  - name: old"));
    return EvalFixture.summary(EvalFixture.CONTROLS, runs, evaluation)
        .replace("  dir: /tmp/not-used", "  directory: /x")
        .replace("output: {wandb_project: p}", "output: {wandb_project: p, base_directory: /out}");
  }

  @Test
  void theJanuaryFormatHasNoCellsAndSaysSo() {
    EvalFixture.Planned planned = EvalFixture.plan(temp, january(EvalFixture.EVALUATION));

    assertThat(planned.rendered()).isEmpty();
    assertThat(planned.plan().cells()).isEmpty();
    assertThat(planned.warnings())
        .filteredOn(warning -> warning.contains("evaluation"))
        .singleElement()
        .satisfies(
            warning ->
                assertThat(warning)
                    .contains("the cruijff_kit-2026.01 format has no evaluation scaffolding"));
  }

  @Test
  void theJanuaryFormatWithoutEvaluationIsQuiet() {
    EvalFixture.Planned planned = EvalFixture.plan(temp, january("evaluation: {}\n"));

    assertThat(planned.rendered()).isEmpty();
    assertThat(planned.warnings())
        .noneSatisfy(warning -> assertThat(warning).contains("evaluation"));
  }

  @SuppressWarnings("unchecked")
  private static List<String> cellStatuses(CliResult scaffold) {
    assertThat(scaffold.exitCode()).as(scaffold.describe()).isZero();
    return ((List<Map<String, Object>>) Json.parseObject(scaffold.out()).get("cells"))
        .stream().map(cell -> (String) cell.get("status")).toList();
  }

  @Test
  void scaffoldingTwiceChangesNoCellTheSecondTime() throws IOException {
    EvalFixture.Planned planned = EvalFixture.plan(temp, EvalFixture.summary());
    assertThat(planned.rendered()).isEmpty();

    assertThat(cellStatuses(Cli.run(temp, "scaffold", "--json")))
        .hasSize(7)
        .containsOnly("created");
    assertThat(cellStatuses(Cli.run(temp, "scaffold", "--json")))
        .hasSize(7)
        .containsOnly("unchanged");
    for (EvalCell cell : planned.plan().cells()) {
      assertThat(cell.evalYaml()).isRegularFile();
      assertThat(cell.script()).isExecutable();
      assertThat(cell.logDirectory()).doesNotExist();
    }
    assertThat(temp.resolve("base/artifacts")).doesNotExist();
    assertThat(Files.readString(planned.plan().cells().get(0).script()))
        .contains("conda activate cruijff ");
  }

  @Test
  void anUnchangedCellIsNotChmoddedAgainButALostExecutableBitIsRestored()
      throws IOException, InterruptedException {
    EvalFixture.Planned planned = EvalFixture.plan(temp, EvalFixture.summary());
    assertThat(cellStatuses(Cli.run(temp, "scaffold", "--json"))).containsOnly("created");
    Path script = planned.plan().cells().get(0).script();
    Object ctime = Files.getAttribute(script, "unix:ctime");
    Thread.sleep(20);

    assertThat(cellStatuses(Cli.run(temp, "scaffold", "--json"))).containsOnly("unchanged");
    // chmod sets the change time even when the mode stays the same.
    assertThat(Files.getAttribute(script, "unix:ctime")).isEqualTo(ctime);

    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(cellStatuses(Cli.run(temp, "scaffold", "--json"))).containsOnly("unchanged");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(script)))
        .isEqualTo("rwxr-xr-x");
  }
}
