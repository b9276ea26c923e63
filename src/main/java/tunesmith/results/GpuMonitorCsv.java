package tunesmith.results;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.DoubleSummaryStatistics;
import java.util.OptionalDouble;

/**
 * Reads {@code gpu_metrics.csv} as tunesmith's scripts write it: nvidia-smi's header, then rows of
 * {@code timestamp, utilization.gpu [%], utilization.memory [%], memory.used [MiB], memory.total
 * [MiB], power.draw [W], temperature.gpu}. Like cruijff_kit's own reader it takes the columns by
 * position, skips the header and short rows, and reads each field alone ({@code [N/A]} is no
 * value).
 */
public final class GpuMonitorCsv {
  public static final String FILE_NAME = "gpu_metrics.csv";
  private static final int UTILIZATION = 1;
  private static final int MEMORY_USED = 3;
  private static final int MEMORY_TOTAL = 4;
  private static final int COLUMNS = 6;

  private GpuMonitorCsv() {}

  public static GpuUse read(Path file) throws IOException {
    DoubleSummaryStatistics utilization = new DoubleSummaryStatistics();
    DoubleSummaryStatistics used = new DoubleSummaryStatistics();
    DoubleSummaryStatistics total = new DoubleSummaryStatistics();
    int rows = 0;
    try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = lines.readLine()) != null) {
        String[] fields = line.split(",", -1);
        if (fields.length < COLUMNS
            || fields[0].toLowerCase().contains("timestamp")
            || fields[UTILIZATION].toLowerCase().contains("utilization")) {
          continue;
        }
        rows++;
        add(fields[UTILIZATION], utilization);
        add(fields[MEMORY_USED], used);
        add(fields[MEMORY_TOTAL], total);
      }
    }
    return new GpuUse(
        rows, mean(utilization), peak(utilization), mean(used), peak(used), peak(total));
  }

  /** {@code 87 %}, {@code 40536 MiB}: the number before the unit; {@code [N/A]} adds nothing. */
  private static void add(String field, DoubleSummaryStatistics into) {
    String text = field.strip();
    if (text.isEmpty() || text.contains("[N/A]")) {
      return;
    }
    int space = text.indexOf(' ');
    String number = space < 0 ? text : text.substring(0, space);
    if (number.endsWith("%")) {
      number = number.substring(0, number.length() - 1);
    }
    try {
      double value = Double.parseDouble(number);
      if (Double.isFinite(value)) {
        into.accept(value);
      }
    } catch (NumberFormatException notANumber) {
      // cruijff_kit's reader skips such a field too.
    }
  }

  private static OptionalDouble mean(DoubleSummaryStatistics values) {
    return values.getCount() == 0 ? OptionalDouble.empty() : OptionalDouble.of(values.getAverage());
  }

  private static OptionalDouble peak(DoubleSummaryStatistics values) {
    return values.getCount() == 0 ? OptionalDouble.empty() : OptionalDouble.of(values.getMax());
  }
}
