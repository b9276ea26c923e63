package tunesmith.lock;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The experiment lock of a submit that may wait on the queue: it lets go of the lock for each wait
 * and takes it again before it writes, so cancel and status work meanwhile; a notice ({@link
 * WaitingWriter}) says who waits, and cancel withdraws runs from it there. A second submit is
 * refused while one waits, as it is while one holds the lock (docs/submitting.md, "Queue limits").
 */
public final class WritingLock implements AutoCloseable {
  private final Path directory;
  private final Clock clock;
  private final List<String> takeoverWarnings;
  private ExperimentLock held;

  private WritingLock(Path directory, Clock clock, ExperimentLock held) {
    this.directory = directory;
    this.clock = clock;
    this.held = held;
    this.takeoverWarnings = held.takeoverWarnings();
  }

  /**
   * @throws LockHeldException another process holds the lock, or another submit waits on the queue
   */
  public static WritingLock acquire(Path experimentDirectory, WaitPolicy wait, Clock clock)
      throws LockHeldException, IOException {
    ExperimentLock lock = ExperimentLock.acquire(experimentDirectory, wait, clock);
    Optional<WaitingWriter> other =
        WaitingWriter.find(experimentDirectory).filter(writer -> !writer.isThisProcess());
    if (other.isPresent()) {
      lock.close();
      throw new LockHeldException(
          experimentDirectory.resolve(WaitingWriter.RELATIVE_PATH),
          "another tunesmith submit ("
              + other.get().holder().describe()
              + ") is waiting on the queue to send the rest of this experiment; let it finish,"
              + " or stop it (Ctrl-C) and submit again");
    }
    return new WritingLock(experimentDirectory, clock, lock);
  }

  public List<String> takeoverWarnings() {
    return takeoverWarnings;
  }

  /** Before a wait: announces this process as waiting, then lets others take the lock. */
  public void letGo() throws IOException {
    if (held != null) {
      WaitingWriter.announce(directory, clock.instant());
      held.close();
      held = null;
    }
  }

  /** After a wait: takes the lock again, waiting as long as a cancel or scaffold holds it. */
  public void retake() throws IOException {
    if (held == null) {
      try {
        held = ExperimentLock.acquire(directory, WaitPolicy.FOREVER, clock);
      } catch (LockHeldException unreadable) {
        throw new IOException(unreadable.getMessage(), unreadable);
      }
    }
  }

  /** What cancel withdrew from this process while it waited: name, and who and when. */
  public Map<String, String> withdrawn() throws IOException {
    return WaitingWriter.find(directory)
        .filter(WaitingWriter::isThisProcess)
        .map(WaitingWriter::withdrawn)
        .orElse(Map.of());
  }

  @Override
  public void close() {
    try {
      WaitingWriter.withdrawNotice(directory);
    } catch (IOException e) {
      // Left behind, the notice names a dead process once this one ends, and counts as none.
    }
    if (held != null) {
      held.close();
    }
  }
}
