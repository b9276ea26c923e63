package tunesmith.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
      assertThat(cell.logDirectory()).isDirectory();
    }
    assertThat(temp.resolve("base/artifacts")).doesNotExist();
    assertThat(Files.readString(plan.cells().get(0).script())).contains("conda activate cruijff ");
  }
}
