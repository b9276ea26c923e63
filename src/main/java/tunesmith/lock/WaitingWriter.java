package tunesmith.lock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tunesmith.files.ForcedWrites;
import tunesmith.files.StateDirectory;

/**
 * The notice {@code {experiment}/.tunesmith/waiting} of a submit that let go of the experiment lock
 * while it waits on the queue (the lock guards writing, not waiting: docs/submitting.md, "Queue
 * limits"). It names the waiting process and what cancel withdrew from it meanwhile; it is read and
 * written only under the lock, and a notice whose process is gone counts as none.
 *
 * @param holder the waiting process
 * @param withdrawn the runs and cells cancel withdrew, by name: who and when
 */
public record WaitingWriter(LockHolder holder, Map<String, String> withdrawn) {
  public static final String RELATIVE_PATH = StateDirectory.NAME + "/waiting";
  private static final String WITHDRAWN = "withdrawn=";

  public WaitingWriter {
    withdrawn = Map.copyOf(withdrawn);
  }

  /** The live waiting writer of the experiment, if any. */
  public static Optional<WaitingWriter> find(Path experimentDirectory) throws IOException {
    Path file = experimentDirectory.resolve(RELATIVE_PATH);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException none) {
      return Optional.empty();
    }
    Optional<LockHolder> holder = LockHolder.parse(text);
    if (holder.isEmpty() || holder.get().deadOn(HostName.current())) {
      return Optional.empty();
    }
    Map<String, String> withdrawn = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.startsWith(WITHDRAWN)) {
        String[] parts = line.substring(WITHDRAWN.length()).split(" ", 2);
        withdrawn.put(parts[0], parts.length > 1 ? parts[1] : "");
      }
    }
    return Optional.of(new WaitingWriter(holder.get(), withdrawn));
  }

  /** Whether this process is the waiting writer. */
  public boolean isThisProcess() {
    return holder.pid() == ProcessHandle.current().pid()
        && holder.host().equals(HostName.current());
  }

  /**
   * Withdraws {@code names} from the waiting writer: it will not send them (called under the lock).
   *
   * @param why who withdrew them, and when
   */
  public WaitingWriter withdraw(Path experimentDirectory, Collection<String> names, String why)
      throws IOException {
    Map<String, String> all = new LinkedHashMap<>(withdrawn);
    names.forEach(name -> all.putIfAbsent(name, why));
    WaitingWriter next = new WaitingWriter(holder, all);
    next.write(experimentDirectory);
    return next;
  }

  /** Announces this process as the waiting writer (called under the lock, before letting go). */
  static WaitingWriter announce(Path experimentDirectory, java.time.Instant now)
      throws IOException {
    Optional<WaitingWriter> current =
        find(experimentDirectory).filter(WaitingWriter::isThisProcess);
    if (current.isPresent()) {
      return current.get(); // already announced: keep what was withdrawn
    }
    WaitingWriter self = new WaitingWriter(LockHolder.current(HostName.current(), now), Map.of());
    self.write(experimentDirectory);
    return self;
  }

  /** Removes this process's notice (called once it has stopped sending). */
  static void withdrawNotice(Path experimentDirectory) throws IOException {
    if (find(experimentDirectory).filter(WaitingWriter::isThisProcess).isPresent()) {
      Files.deleteIfExists(experimentDirectory.resolve(RELATIVE_PATH));
    }
  }

  private void write(Path experimentDirectory) throws IOException {
    StringBuilder text = new StringBuilder(holder.text());
    withdrawn.forEach(
        (name, why) -> text.append(WITHDRAWN).append(name).append(' ').append(why).append('\n'));
    Path file = experimentDirectory.resolve(RELATIVE_PATH);
    Path staged = file.resolveSibling(".waiting." + ProcessHandle.current().pid() + ".new");
    ForcedWrites.write(
        staged,
        text,
        StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE);
    Files.move(staged, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
