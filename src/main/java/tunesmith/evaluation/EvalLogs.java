package tunesmith.evaluation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds and reads a cell's inspect logs. inspect names each {@code {created}_{task}_{id}.eval}, so
 * the newest is the greatest name; the file is a zip whose {@code header.json} holds the status and
 * results once the evaluation ends ({@code _journal/start.json} alone while it runs).
 */
public final class EvalLogs {
  private static final String HEADER = "header.json";
  private static final String JOURNAL_START = "_journal/start.json";

  private EvalLogs() {}

  /** The newest {@code .eval} file in the cell's log directory. */
  public static Optional<Path> newest(Path logDirectory) throws IOException {
    if (!Files.isDirectory(logDirectory)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(logDirectory)) {
      return files
          .filter(file -> file.getFileName().toString().endsWith(".eval"))
          .filter(Files::isRegularFile)
          .max(Comparator.comparing(file -> file.getFileName().toString()));
    }
  }

  /** The newest log of a cell, summarised; empty when the cell has none. */
  public static Optional<EvalLogSummary> newestSummary(Path logDirectory) throws IOException {
    Optional<Path> file = newest(logDirectory);
    return file.isEmpty() ? Optional.empty() : Optional.of(read(file.get()));
  }

  /** Never throws for a bad file: it is summarised as {@code unreadable} with the reason. */
  public static EvalLogSummary read(Path file) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      ZipEntry header = zip.getEntry(HEADER);
      if (header == null) {
        String status = zip.getEntry(JOURNAL_START) != null ? "started" : EvalLogSummary.UNREADABLE;
        return new EvalLogSummary(
            file,
            status,
            status.equals("started") ? Optional.empty() : Optional.of("no " + HEADER));
      }
      Object root;
      try (InputStream in = zip.getInputStream(header)) {
        root = JsonTree.read(in);
      }
      String status = JsonTree.text(root, "status").orElse(EvalLogSummary.UNREADABLE);
      Optional<String> error = JsonTree.text(root, "error", "message");
      return new EvalLogSummary(
          file, status, error, scores(root), count(root, "results", "completed_samples"));
    } catch (IOException | RuntimeException e) {
      return new EvalLogSummary(
          file, EvalLogSummary.UNREADABLE, Optional.of(String.valueOf(e.getMessage())));
    }
  }

  private static List<EvalLogSummary.Score> scores(Object root) {
    List<EvalLogSummary.Score> scores = new ArrayList<>();
    Object list = JsonTree.at(root, "results", "scores").orElse(List.of());
    if (!(list instanceof List<?> items)) {
      return scores;
    }
    for (Object item : items) {
      String scorer = JsonTree.text(item, "name").orElse("?");
      OptionalLong scored = count(item, "scored_samples");
      Object metrics = JsonTree.at(item, "metrics").orElse(Map.of());
      if (metrics instanceof Map<?, ?> byName) {
        for (Map.Entry<?, ?> metric : byName.entrySet()) {
          Optional<Object> value = JsonTree.at(metric.getValue(), "value");
          if (value.isPresent() && value.get() instanceof Number number) {
            scores.add(
                new EvalLogSummary.Score(
                    scorer, String.valueOf(metric.getKey()), number.doubleValue(), scored));
          }
        }
      }
    }
    return scores;
  }

  /** A whole number at the path, when there is one. */
  private static OptionalLong count(Object root, String... keys) {
    Optional<Object> value = JsonTree.at(root, keys);
    return value.isPresent()
            && value.get() instanceof Number number
            && number.doubleValue() == Math.rint(number.doubleValue())
        ? OptionalLong.of(number.longValue())
        : OptionalLong.empty();
  }
}
