package tunesmith.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.Fixtures;

/** gpu_metrics.csv as nvidia-smi writes it with the query tunesmith's scripts use. */
class GpuMonitorCsvTest {
  @TempDir Path temp;

  @Test
  void meanAndPeakOfUtilisationAndMemoryWithNotAvailableFieldsLeftOut() throws Exception {
    Path csv = temp.resolve(GpuMonitorCsv.FILE_NAME);
    Fixtures.write(
        csv,
        """
        timestamp, utilization.gpu [%], utilization.memory [%], memory.used [MiB], memory.total [MiB], power.draw [W], temperature.gpu
        2026/12/06 01:00:00.000, 80 %, 40 %, 30000 MiB, 40960 MiB, 250.00 W, 61
        2026/12/06 01:00:30.000, 100 %, 45 %, 34000 MiB, 40960 MiB, 260.00 W, 63
        2026/12/06 01:01:00.000, [N/A], 45 %, 32000 MiB, 40960 MiB, [N/A], 63
        2026/12/06 01:01:30.000, 60 %
        """);
    GpuUse use = GpuMonitorCsv.read(csv);
    assertThat(use.samples()).isEqualTo(3);
    assertThat(use.utilizationMean()).hasValue(90.0);
    assertThat(use.utilizationPeak()).hasValue(100.0);
    assertThat(use.memoryUsedMeanMib()).hasValue(32000.0);
    assertThat(use.memoryUsedPeakMib()).hasValue(34000.0);
    assertThat(use.memoryTotalMib()).hasValue(40960.0);
  }

  @Test
  void aMigSliceWithoutUtilisationHasMemoryOnly() throws Exception {
    Path csv = temp.resolve(GpuMonitorCsv.FILE_NAME);
    Fixtures.write(
        csv,
        "timestamp, utilization.gpu [%], utilization.memory [%], memory.used [MiB],"
            + " memory.total [MiB], power.draw [W], temperature.gpu\n"
            + "2026/12/06 01:00:00.000, [N/A], [N/A], 9000 MiB, 9856 MiB, [N/A], [N/A]\n");
    GpuUse use = GpuMonitorCsv.read(csv);
    assertThat(use.samples()).isEqualTo(1);
    assertThat(use.utilizationMean()).isEmpty();
    assertThat(use.memoryUsedPeakMib()).hasValue(9000.0);
  }
}
