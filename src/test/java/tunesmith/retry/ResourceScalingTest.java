package tunesmith.retry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceScalingTest {
  @ParameterizedTest
  @CsvSource({
    "16G, 24G",
    "40G, 60G",
    "15G, 23040M",
    "1G, 1536M",
    "32000M, 48000M",
    "32001M, 48002M",
    "1000, 1500M",
    "1T, 1536G",
    "3K, 5K"
  })
  void memoryTimesOneAndAHalfRoundsUp(String mem, String expected) {
    assertThat(ResourceScaling.memory(mem, 3, 2)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "00:15:00, 00:23:00",
    "01:00:00, 01:30:00",
    "10, 00:15:00",
    "1:30, 00:03:00",
    "1-00, 1-12:00:00",
    "1-10:00, 2-03:00:00",
    "20:00:00, 1-06:00:00",
    "0:01:01, 00:02:00"
  })
  void timeTimesOneAndAHalfRoundsUpToAMinute(String time, String expected) {
    assertThat(ResourceScaling.time(time, 3, 2)).isEqualTo(expected);
  }
}
