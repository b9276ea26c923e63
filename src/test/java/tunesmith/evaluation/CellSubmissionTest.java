package tunesmith.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CellSubmissionTest {
  @TempDir Path temp;

  @Test
  void aFineTunedCellWaitsForItsTrainingJobOrArrayTask() {
    EvalFixture.Planned planned = EvalFixture.plan(temp, EvalFixture.summary());
    EvalCell cell = planned.cell("r8", "cap_epoch0");

    assertThat(CellSubmission.sbatchArguments(cell, Optional.of(TrainingJob.single("4711"))))
        .containsExactly(
            "--parsable",
            "--dependency=afterok:4711",
            "--kill-on-invalid-dep=yes",
            cell.script().toString());
    assertThat(CellSubmission.sbatchArguments(cell, Optional.of(TrainingJob.arrayTask("4711", 3))))
        .contains("--dependency=afterok:4711_3");
    assertThatThrownBy(() -> CellSubmission.sbatchArguments(cell, Optional.empty()))
        .hasMessageContaining("r8/cap_epoch0");
  }

  @Test
  void controlAndEvalOnlyCellsGoAtOnce() {
    EvalFixture.Planned planned = EvalFixture.plan(temp, EvalFixture.summary());
    for (String run : new String[] {"base", "old"}) {
      EvalCell cell = planned.cell(run, "cap");
      assertThat(CellSubmission.sbatchArguments(cell, Optional.of(TrainingJob.single("1"))))
          .containsExactly("--parsable", cell.script().toString());
    }
  }

  @Test
  void aJobIdIsDigits() {
    assertThatThrownBy(() -> TrainingJob.single("12;rm -rf"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
