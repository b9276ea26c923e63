package tunesmith.environment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueFormatTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "59",
        "59:30",
        "0:59:00",
        "12:00:00",
        "1-0",
        "2-12",
        "1-12:30",
        "1-12:30:15",
        "120"
      })
  void acceptsSlurmTimes(String time) {
    assertThat(ValueFormat.SLURM_TIME.accepts(time)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "an hour",
        "1h",
        "0:60:00",
        "1:2:3:4",
        "1-24",
        "1-",
        "-1",
        "1:",
        "12:00:00 ",
        "1.5"
      })
  void rejectsOtherTimes(String time) {
    assertThat(ValueFormat.SLURM_TIME.accepts(time)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "2", "8", "01"})
  void acceptsPositiveWholeGpuCounts(String gpus) {
    assertThat(ValueFormat.GPU_COUNT.accepts(gpus)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "1.5", "two", "2 GPUs", "", "99999999999999999999"})
  void rejectsOtherGpuCounts(String gpus) {
    assertThat(ValueFormat.GPU_COUNT.accepts(gpus)).isFalse();
  }
}
