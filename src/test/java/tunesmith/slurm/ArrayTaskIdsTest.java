package tunesmith.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArrayTaskIdsTest {
  @Test
  void indexExpressionsAsSlurmPrintsThemExpand() {
    assertThat(ArrayTaskIds.expand("4")).containsExactly(4);
    assertThat(ArrayTaskIds.expand("1-5%2")).containsExactly(1, 2, 3, 4, 5);
    assertThat(ArrayTaskIds.expand("[3,5,7-9]")).containsExactly(3, 5, 7, 8, 9);
    assertThat(ArrayTaskIds.expand("0-9:3")).containsExactly(0, 3, 6, 9);
  }

  @Test
  void textThatIsNoIndexExpressionIsNoTask() {
    assertThat(ArrayTaskIds.expand("N/A")).isEmpty();
    assertThat(ArrayTaskIds.expand("")).isEmpty();
    assertThat(ArrayTaskIds.expand("1-x")).isEmpty();
  }
}
