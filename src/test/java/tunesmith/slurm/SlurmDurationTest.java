package tunesmith.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlurmDurationTest {
  @ParameterizedTest
  @CsvSource({
    "0:00, 00:00:00",
    "5:07, 00:05:07",
    "1:02:03, 01:02:03",
    "00:00:05, 00:00:05",
    "2-03:04:05, 2-03:04:05",
    "0-00:00:09, 00:00:09",
    "INVALID, INVALID",
    "' 12:34 ', 00:12:34"
  })
  void squeueSacctAndScontrolTimesAreSpelledAlike(String slurm, String expected) {
    assertThat(SlurmDuration.normalize(slurm)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"5:07, 307", "1:02:03, 3723", "2-03:04:05, 183845", "' 0:09 ', 9"})
  void aDurationInSecondsForGpuHours(String slurm, long seconds) {
    assertThat(SlurmDuration.seconds(slurm)).hasValue(seconds);
  }

  @org.junit.jupiter.api.Test
  void textThatIsNotADurationHasNoSeconds() {
    assertThat(SlurmDuration.seconds("INVALID")).isEmpty();
  }
}
