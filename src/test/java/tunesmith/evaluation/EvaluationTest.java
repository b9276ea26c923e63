package tunesmith.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.environment.LocalSettings;
import tunesmith.problem.InputProblems;

class EvaluationTest {
  @TempDir Path temp;

  private Evaluation.Plan planFile(String text, InputProblems problems) throws IOException {
    Path file = temp.resolve("experiment_summary.yaml");
    Files.writeString(file, text);
    return Evaluation.planFile(
        file,
        temp,
        LocalSettings.none(List.of()),
        EvalModels.cruijffKit(),
        ConditionDatasets.UNAVAILABLE,
        problems);
  }

  @Test
  void theJanuaryFormatHasNoCellsAndSaysSo() throws IOException {
    String january = EvalFixture.summary().replace("  dir: /tmp/not-used", "  directory: /x");
    InputProblems problems = new InputProblems();

    Evaluation.Plan plan = planFile(january, problems);

    assertThat(problems.list()).isEmpty();
    assertThat(plan.cells()).isEmpty();
    assertThat(plan.warnings())
        .singleElement()
        .satisfies(w -> assertThat(w.render()).contains("January format"));
  }

  @Test
  void theJanuaryFormatWithoutEvaluationIsQuiet() throws IOException {
    String january =
        EvalFixture.summary(EvalFixture.CONTROLS, EvalFixture.RUNS, "evaluation: {}\n")
            .replace("  dir: /tmp/not-used", "  directory: /x");
    Evaluation.Plan plan = planFile(january, new InputProblems());
    assertThat(plan.warnings()).isEmpty();
  }

  @Test
  void writingEveryCellTwiceChangesNothingTheSecondTime() throws IOException {
    InputProblems problems = new InputProblems();
    Evaluation.Plan plan = planFile(EvalFixture.summary(), problems);
    assertThat(problems.list()).isEmpty();

    assertThat(plan.write(List.of())).isEqualTo(7);
    assertThat(plan.write(List.of())).isZero();
    for (EvalCell cell : plan.cells()) {
      assertThat(cell.evalYaml()).isRegularFile();
      assertThat(cell.script()).isExecutable();
      assertThat(cell.logDirectory()).doesNotExist();
    }
    assertThat(temp.resolve("base/artifacts")).doesNotExist();
    assertThat(Files.readString(plan.cells().get(0).script())).contains("conda activate cruijff ");
  }

  @Test
  void anUnchangedCellIsNotChmoddedAgainButALostExecutableBitIsRestored()
      throws IOException, InterruptedException {
    Evaluation.Plan plan = planFile(EvalFixture.summary(), new InputProblems());
    plan.write(List.of());
    Path script = plan.cells().get(0).script();
    Object ctime = Files.getAttribute(script, "unix:ctime");
    Thread.sleep(20);

    assertThat(plan.write(List.of())).isZero();
    // chmod sets the change time even when the mode stays the same.
    assertThat(Files.getAttribute(script, "unix:ctime")).isEqualTo(ctime);

    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(plan.write(List.of())).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(script)))
        .isEqualTo("rwxr-xr-x");
  }
}
