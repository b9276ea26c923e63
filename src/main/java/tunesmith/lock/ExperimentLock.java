package tunesmith.lock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tunesmith.files.ForcedWrites;
import tunesmith.files.StateDirectory;

/**
 * One writer per experiment: {@code {experiment}/.tunesmith/lock} names the process that holds it
 * (pid, host, since). Taken by the commands that write (scaffold, submit); the read-only ones
 * (plan, verify, status) never need it.
 *
 * <pre>{@code
 * try (ExperimentLock lock = ExperimentLock.acquire(directory, WaitPolicy.NO_WAIT, clock)) {
 *     ... write ...
 * }
 * }</pre>
 *
 * <p>The record is written to a private file and hard-linked into place, so the lock appears with
 * its content in one step and exactly one of two racing processes gets it. A lock whose holder is
 * dead (same host, pid gone or reused) is taken over; {@link #takenOverFrom()} says from whom.
 */
public final class ExperimentLock implements AutoCloseable {
  public static final String RELATIVE_PATH = StateDirectory.NAME + "/lock";
  private static final Duration POLL = Duration.ofMillis(100);

  /**
   * How long a lock file that is not (yet) a record is given to become one, on file systems without
   * hard links.
   */
  private static final int UNREADABLE_RETRIES = 20;

  /**
   * A takeover takes microseconds; a takeover file this old was left by a process killed in the
   * middle of one.
   */
  private static final Duration ABANDONED_TAKEOVER = Duration.ofSeconds(10);

  private final Path file;
  private final LockHolder self;
  private final Optional<LockHolder> takenOverFrom;
  private boolean released;

  private ExperimentLock(Path file, LockHolder self, Optional<LockHolder> takenOverFrom) {
    this.file = file;
    this.self = self;
    this.takenOverFrom = takenOverFrom;
  }

  /**
   * Takes the lock of {@code experimentDirectory}, waiting as {@code wait} says.
   *
   * @throws LockHeldException another live process holds it (and waiting was not asked for, or ran
   *     out)
   * @throws IOException the lock file cannot be created or read
   */
  public static ExperimentLock acquire(Path experimentDirectory, WaitPolicy wait, Clock clock)
      throws LockHeldException, IOException {
    Path file = experimentDirectory.resolve(RELATIVE_PATH);
    Files.createDirectories(file.getParent());
    String host = HostName.current();
    Optional<Instant> deadline = wait.limit().map(limit -> clock.instant().plus(limit));
    Optional<LockHolder> takenOver = Optional.empty();
    int unreadable = 0;
    while (true) {
      LockHolder me = LockHolder.current(host, clock.instant());
      if (create(file, me)) {
        return new ExperimentLock(file, me, takenOver);
      }
      Optional<String> text = read(file);
      if (text.isEmpty()) {
        continue; // released between our attempt and our look: try again at once
      }
      Optional<LockHolder> holder = LockHolder.parse(text.get());
      if (holder.isPresent() && holder.get().deadOn(host)) {
        if (removeStale(file, text.get())) {
          takenOver = holder;
        }
        continue;
      }
      if (holder.isEmpty() && ++unreadable > UNREADABLE_RETRIES) {
        throw new LockHeldException(
            file,
            "is not a tunesmith lock record; if no tunesmith command is running on this experiment, delete it");
      }
      boolean timedOut = deadline.map(limit -> !clock.instant().isBefore(limit)).orElse(false);
      if (holder.isPresent() && (!wait.waits() || timedOut)) {
        throw new LockHeldException(
            file,
            "held by "
                + holder.get().describe()
                + (wait.waits()
                    ? "; still held after waiting "
                        + wait.limit().map(ExperimentLock::seconds).orElse("")
                    : "")
                + ": another tunesmith scaffold or submit is working on this experiment; let it finish, or use --wait"
                + (holder.get().host().equals(host)
                    ? ""
                    : " (it runs on another host, so tunesmith cannot tell whether it is"
                        + " still alive: if it is not, delete "
                        + file
                        + ")"));
      }
      sleep();
    }
  }

  /** The dead holder whose lock this one replaced, if any: worth a warning. */
  public Optional<LockHolder> takenOverFrom() {
    return takenOverFrom;
  }

  /** The warning every writing command gives when it took over a dead process's lock. */
  public List<String> takeoverWarnings() {
    return takenOverFrom
        .map(
            dead ->
                List.of(
                    "took over the stale lock "
                        + file
                        + " of "
                        + dead.describe()
                        + ": that process is gone (killed or crashed); its runs are checked again"))
        .orElse(List.of());
  }

  public Path file() {
    return file;
  }

  /**
   * Removes the lock if it is still this process's; safe to call twice and from a shutdown hook.
   */
  @Override
  public synchronized void close() {
    if (released) {
      return;
    }
    released = true;
    try {
      Optional<LockHolder> current = read(file).flatMap(LockHolder::parse);
      if (current.isPresent()
          && current.get().pid() == self.pid()
          && current.get().since().equals(self.since())) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // Left behind, the lock names a dead process and the next command takes it over.
    }
  }

  private static boolean create(Path file, LockHolder me) throws IOException {
    Path own = file.resolveSibling("." + file.getFileName() + "." + attempt() + ".new");
    try {
      ForcedWrites.write(
          own, me.text(), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
      try {
        Files.createLink(file, own);
      } catch (FileAlreadyExistsException held) {
        return false;
      } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
        return createInPlace(file, me);
      }
      ForcedWrites.forceDirectory(file.getParent());
      return true;
    } finally {
      Files.deleteIfExists(own);
    }
  }

  /**
   * For file systems without hard links: CREATE_NEW still lets exactly one process win, but a
   * reader may briefly see the record empty (acquire gives such a lock time to fill in).
   */
  static boolean createInPlace(Path file, LockHolder me) throws IOException {
    try {
      ForcedWrites.write(file, me.text(), StandardOpenOption.CREATE_NEW);
    } catch (FileAlreadyExistsException held) {
      return false;
    }
    ForcedWrites.forceDirectory(file.getParent());
    return true;
  }

  /**
   * Removes the lock if it still holds {@code staleText}. Only the holder of {@code lock.takeover}
   * (created with CREATE_NEW) may remove a lock it did not create, so two processes that both saw
   * the same stale lock cannot remove each other's new one.
   */
  private static boolean removeStale(Path file, String staleText) throws IOException {
    Path takeover = file.resolveSibling(file.getFileName() + ".takeover");
    try {
      ForcedWrites.write(takeover, attempt() + "\n", StandardOpenOption.CREATE_NEW);
    } catch (FileAlreadyExistsException busy) {
      // Another process is taking over right now. One killed in that microsecond leaves the file
      // behind: clear it when old.
      clearAbandoned(takeover);
      return false;
    }
    try {
      if (read(file).filter(staleText::equals).isEmpty()) {
        return false;
      }
      Files.delete(file);
      return true;
    } finally {
      Files.deleteIfExists(takeover);
    }
  }

  private static void clearAbandoned(Path takeover) throws IOException {
    try {
      if (Files.getLastModifiedTime(takeover)
          .toInstant()
          .isBefore(Instant.now().minus(ABANDONED_TAKEOVER))) {
        Files.deleteIfExists(takeover);
      }
    } catch (NoSuchFileException gone) {
      // Finished meanwhile.
    }
    sleep();
  }

  /** A name private to this process and thread, for the files a lock attempt prepares. */
  private static String attempt() {
    return ProcessHandle.current().pid() + "-" + Thread.currentThread().getId();
  }

  private static Optional<String> read(Path file) throws IOException {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private static String seconds(Duration duration) {
    return duration.toSeconds() + " s";
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the experiment lock", e);
    }
  }
}
