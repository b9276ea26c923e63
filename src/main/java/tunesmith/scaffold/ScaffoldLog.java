package tunesmith.scaffold;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tunesmith.files.ForcedWrites;
import tunesmith.parallel.ProgressListener;
import tunesmith.parallel.RunPool;

/**
 * scaffold-torchtune.log: one entry per action, appended, in the format the manual workflow used.
 */
public final class ScaffoldLog {
  public static final String FILE_NAME = "scaffold-torchtune.log";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** The actions a log entry may record. */
  public enum Action {
    DISCOVER_EXPERIMENT,
    PARSE_YAML,
    READ_LOCAL_MD,
    RESOLVE_DATASET,
    CREATE_RUN_DIR,
    GENERATE_YAML,
    RUN_SETUP,
    VERIFY,
    WRITE_CELL,
    SKIP_CONTROL,
    WARNING,
    ERROR,
    COMPLETE
  }

  private final Clock clock;

  /** The last second stamped and its text: a scaffold writes thousands of entries a second. */
  private record Stamp(long epochSecond, String text) {}

  private volatile Stamp lastStamp = new Stamp(Long.MIN_VALUE, "");
  private final StringBuilder pending = new StringBuilder();

  /** The section the current thread writes into, if it opened one. */
  private final ThreadLocal<Section> open = new ThreadLocal<>();

  public ScaffoldLog(Clock clock) {
    this.clock = clock;
  }

  /**
   * Entries for one piece of work done in parallel with others. While it is open, what this thread
   * adds goes into the section, not the log; {@link #append} then puts sections into the log in
   * plan order, so the log reads the same however the threads ran.
   */
  public final class Section implements AutoCloseable {
    private final StringBuilder text = new StringBuilder();

    @Override
    public void close() {
      open.remove();
    }
  }

  /** Opens a section for the calling thread (see {@link Section}); close it on the same thread. */
  public Section openSection() {
    Section section = new Section();
    open.set(section);
    return section;
  }

  /**
   * {@code work} applied to every item on the pool's threads, each item logging into its own
   * section; results come back, and sections join the log, in item order, so both are byte for byte
   * what one thread would have produced.
   */
  <T, R> List<R> mapInSections(
      RunPool pool, List<T> items, Function<T, R> work, ProgressListener progress) {
    record Done<V>(V result, Section entries) {}
    List<Done<R>> done =
        pool.map(
            items,
            item -> {
              try (Section entries = openSection()) {
                return new Done<>(work.apply(item), entries);
              }
            },
            progress);
    List<R> results = new ArrayList<>(done.size());
    for (Done<R> one : done) {
      append(one.entries());
      results.add(one.result());
    }
    return results;
  }

  /** Adds a closed section's entries to the log. */
  public synchronized void append(Section section) {
    pending.append(section.text);
  }

  public void add(Action action, String description, String details, String result) {
    Section section = open.get();
    if (section != null) {
      entry(section.text, action, description, details, result);
      return;
    }
    synchronized (this) {
      entry(pending, action, description, details, result);
    }
  }

  private void entry(
      StringBuilder into, Action action, String description, String details, String result) {
    into.append('[')
        .append(stamp())
        .append("] ")
        .append(action.name())
        .append(": ")
        .append(oneLine(description))
        .append('\n')
        .append("Details: ")
        .append(details)
        .append('\n')
        .append("Result: ")
        .append(result)
        .append("\n\n");
  }

  private String stamp() {
    Instant now = clock.instant();
    Stamp last = lastStamp;
    if (last.epochSecond() != now.getEpochSecond()) {
      last =
          new Stamp(
              now.getEpochSecond(), LocalDateTime.ofInstant(now, clock.getZone()).format(STAMP));
      lastStamp = last;
    }
    return last.text();
  }

  /** Appends the entries gathered so far to the experiment's log, {@link #FILE_NAME} in it. */
  public void flush(Path experimentDirectory) throws IOException {
    flushTo(experimentDirectory.resolve(FILE_NAME));
  }

  /** Appends the entries gathered so far to {@code logFile}, creating its directory. */
  public synchronized void flushTo(Path logFile) throws IOException {
    if (pending.length() == 0) {
      return;
    }
    java.nio.file.Files.createDirectories(logFile.getParent());
    // Forced to disk: unlike the run files, the log cannot be written again from the inputs.
    ForcedWrites.write(logFile, pending, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    pending.setLength(0);
  }

  private static String oneLine(String text) {
    return text.replace('\n', ' ');
  }
}
