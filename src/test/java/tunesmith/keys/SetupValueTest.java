package tunesmith.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SetupValue and Origin spell out equals and hashCode: they must still compare every component. */
class SetupValueTest {
  private static final SetupValue.Origin ORIGIN =
      new SetupValue.Origin(Path.of("experiment_summary.yaml"), "runs[0].lr", 12, 5);

  @Test
  void equalComponentsAreEqualWithTheSameHash() {
    SetupValue a = new SetupValue("1e-5", ORIGIN);
    SetupValue b =
        new SetupValue(
            new String("1e-5"),
            new SetupValue.Origin(Path.of("experiment_summary.yaml"), "runs[0].lr", 12, 5));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(new SetupValue(null, ORIGIN)).isEqualTo(new SetupValue(null, ORIGIN));
  }

  @Test
  void anyComponentThatDiffersMakesThemUnequal() {
    List<SetupValue.Origin> others =
        List.of(
            new SetupValue.Origin(Path.of("other.yaml"), "runs[0].lr", 12, 5),
            new SetupValue.Origin(Path.of("experiment_summary.yaml"), "runs[1].lr", 12, 5),
            new SetupValue.Origin(Path.of("experiment_summary.yaml"), "runs[0].lr", 13, 5),
            new SetupValue.Origin(Path.of("experiment_summary.yaml"), "runs[0].lr", 12, 6),
            new SetupValue.Origin(null, "runs[0].lr", 12, 5));
    for (SetupValue.Origin other : others) {
      assertThat(other).isNotEqualTo(ORIGIN);
      assertThat(new SetupValue("1e-5", other)).isNotEqualTo(new SetupValue("1e-5", ORIGIN));
    }
    assertThat(new SetupValue("2e-5", ORIGIN)).isNotEqualTo(new SetupValue("1e-5", ORIGIN));
    assertThat(new SetupValue(null, ORIGIN)).isNotEqualTo(new SetupValue("1e-5", ORIGIN));
    assertThat(new SetupValue("1e-5", ORIGIN)).isNotEqualTo("1e-5");
  }
}
