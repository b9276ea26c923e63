package tunesmith.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tunesmith.report.SummaryJson;
import tunesmith.testing.Json;

/** docs/JSON.md lists exactly the fields summarize's object has, no more and no fewer. */
class SummaryJsonDocTest {
  private static final Pattern ROW = Pattern.compile("(?m)^\\| `([a-z_0-9\\[\\].]+)` \\|");

  @Test
  void theDocumentedFieldsAreTheObjectsFields() throws Exception {
    String doc = Files.readString(Path.of("docs/JSON.md"));
    TreeSet<String> documented = new TreeSet<>();
    Matcher m = ROW.matcher(doc);
    while (m.find()) {
      documented.add(m.group(1));
    }
    GpuUse gpu =
        new GpuUse(
            2,
            OptionalDouble.of(50),
            OptionalDouble.of(90),
            OptionalDouble.of(1000),
            OptionalDouble.of(2000),
            OptionalDouble.of(40960));
    RunResult run =
        new RunResult(
            "r8",
            Optional.of("12"),
            "COMPLETED",
            1,
            Optional.of("00:10:00"),
            1,
            OptionalDouble.of(1 / 6.0),
            List.of(new LossPoint(1, 10, 0.5)),
            Optional.of("/o/slurm-12.out"),
            Optional.of(gpu),
            "/data/d.json",
            Map.of("lora_rank", "8"),
            List.of());
    // Every metric at once, so that every documented metric field is present.
    List<Metric> metrics = new ArrayList<>();
    CellMetrics.NAMES.forEach(name -> metrics.add(new Metric(name, 0.5, "match")));
    CellResult cell =
        new CellResult(
            "r8",
            "cap_epoch0",
            "cap",
            Optional.of(0L),
            "/data/t.json",
            "COMPLETED",
            Optional.of("/l.eval"),
            Optional.of("success"),
            Optional.of(
                new CellMetrics(
                    OptionalLong.of(10), metrics, Optional.of(WilsonInterval.of95(0.5, 10)))),
            Optional.empty());
    Summary summary =
        new Summary(
            "exp",
            Path.of("/exp"),
            Map.of("lora_rank", List.of("8", "32")),
            List.of(run),
            List.of(cell));
    Map<String, Object> object = Json.parseObject(SummaryJson.file(summary));
    TreeSet<String> fields = new TreeSet<>();
    paths("", object, fields);
    assertThat(fields).isEqualTo(documented);
  }

  /** Field paths as JSON.md spells them: {@code runs[].final_loss.epoch}. */
  private static void paths(String prefix, Object value, TreeSet<String> into) {
    if (value instanceof Map<?, ?> map) {
      boolean open =
          prefix.endsWith("varying_parameters")
              || prefix.endsWith("parameters")
              || prefix.endsWith("scorers");
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String path = (prefix.isEmpty() ? "" : prefix + ".") + entry.getKey();
        if (open) {
          continue;
        }
        into.add(path);
        if (!path.endsWith("loss_curve") && !path.endsWith("accuracy_ci95")) {
          paths(path, entry.getValue(), into);
        }
      }
    } else if (value instanceof List<?> list && !list.isEmpty()) {
      paths(prefix + "[]", list.get(0), into);
    }
  }
}
