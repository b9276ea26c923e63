package tunesmith.results;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import tunesmith.evaluation.JsonTree;

/**
 * The confusion matrix of a log whose every target is {@code "0"} or {@code "1"}, read from its
 * samples ({@code samples/*.json}) as cruijff_kit's summary_binary reads them: the prediction is
 * the output's completion, stripped, else the last assistant message's text; a prediction other
 * than 0 or 1 counts as neither.
 */
final class BinarySamples {
  private static final String SAMPLES = "samples/";
  private static final String SUMMARIES = "summaries.json";
  private static final Set<String> TARGET_AND_OUTPUT = Set.of("target", "output");

  private BinarySamples() {}

  /** Balanced accuracy and F1, or nothing when the log has no samples or a target not 0/1. */
  static List<Metric> metrics(ZipFile zip) throws IOException {
    if (!binaryTargets(zip)) {
      return List.of();
    }
    long tp = 0;
    long tn = 0;
    long fp = 0;
    long fn = 0;
    int samples = 0;
    Enumeration<? extends ZipEntry> entries = zip.entries();
    while (entries.hasMoreElements()) {
      ZipEntry entry = entries.nextElement();
      if (!entry.getName().startsWith(SAMPLES) || !entry.getName().endsWith(".json")) {
        continue;
      }
      Object sample = fields(zip, entry, TARGET_AND_OUTPUT);
      Optional<String> target = JsonTree.text(sample, "target");
      if (target.isEmpty() || !(target.get().equals("0") || target.get().equals("1"))) {
        return List.of();
      }
      samples++;
      Optional<String> completion = JsonTree.text(sample, "output", "completion");
      String predicted = completion.map(String::strip).orElse("");
      if (completion.isEmpty() || completion.get().isEmpty()) {
        // No completion: the last assistant message, read only now (messages can be long).
        predicted = lastAssistantMessage(fields(zip, entry, Set.of("messages")));
      }
      boolean actual = target.get().equals("1");
      if (predicted.equals("1")) {
        if (actual) {
          tp++;
        } else {
          fp++;
        }
      } else if (predicted.equals("0")) {
        if (actual) {
          fn++;
        } else {
          tn++;
        }
      }
    }
    if (samples == 0) {
      return List.of();
    }
    double precision = ratio(tp, tp + fp);
    double recall1 = ratio(tp, tp + fn);
    double recall0 = ratio(tn, tn + fp);
    double f1 = precision + recall1 > 0 ? 2 * precision * recall1 / (precision + recall1) : 0;
    return List.of(
        new Metric("balanced_accuracy", (recall0 + recall1) / 2, CellMetrics.FROM_SAMPLES),
        new Metric("f1", f1, CellMetrics.FROM_SAMPLES));
  }

  /**
   * Whether summaries.json (one small entry per sample) shows only 0/1 targets; without it the
   * samples themselves decide.
   */
  private static boolean binaryTargets(ZipFile zip) throws IOException {
    ZipEntry summaries = zip.getEntry(SUMMARIES);
    if (summaries == null) {
      return true;
    }
    Object list = read(zip, summaries);
    if (!(list instanceof List<?> items) || items.isEmpty()) {
      return false;
    }
    for (Object item : items) {
      Optional<String> target = JsonTree.text(item, "target");
      if (target.isEmpty() || !(target.get().equals("0") || target.get().equals("1"))) {
        return false;
      }
    }
    return true;
  }

  private static Object fields(ZipFile zip, ZipEntry entry, Set<String> names) throws IOException {
    try (InputStream in = zip.getInputStream(entry)) {
      return JsonTree.readFields(in, names);
    }
  }

  private static String lastAssistantMessage(Object sample) {
    Object messages = JsonTree.at(sample, "messages").orElse(List.of());
    if (messages instanceof List<?> list) {
      List<Object> reversed = new ArrayList<>(list);
      java.util.Collections.reverse(reversed);
      for (Object message : reversed) {
        if (JsonTree.text(message, "role").filter("assistant"::equals).isPresent()) {
          return text(JsonTree.at(message, "content").orElse("")).strip();
        }
      }
    }
    return "";
  }

  /** A message's content: a string, or a list of parts whose text parts are joined. */
  private static String text(Object content) {
    if (content instanceof String string) {
      return string;
    }
    StringBuilder text = new StringBuilder();
    if (content instanceof List<?> parts) {
      for (Object part : parts) {
        if (part instanceof Map<?, ?>
            && JsonTree.text(part, "type").filter("text"::equals).isPresent()) {
          text.append(JsonTree.text(part, "text").orElse(""));
        }
      }
    }
    return text.toString();
  }

  private static Object read(ZipFile zip, ZipEntry entry) throws IOException {
    try (InputStream in = zip.getInputStream(entry)) {
      return JsonTree.read(in);
    }
  }

  private static double ratio(long part, long whole) {
    return whole > 0 ? (double) part / whole : 0;
  }
}
