package tunesmith.lock;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who holds an experiment lock: the process (and, to tell a reused pid apart, when that process
 * started), its host, and since when. Stored as {@code key=value} lines.
 */
public record LockHolder(long pid, String host, Instant since, Optional<Instant> processStart) {

  /** This process, now. */
  static LockHolder current(String host, Instant now) {
    ProcessHandle self = ProcessHandle.current();
    return new LockHolder(self.pid(), host, now, self.info().startInstant());
  }

  String text() {
    StringBuilder text = new StringBuilder();
    text.append("pid=").append(pid).append('\n');
    text.append("host=").append(host).append('\n');
    text.append("since=").append(since).append('\n');
    processStart.ifPresent(start -> text.append("process_start=").append(start).append('\n'));
    return text.toString();
  }

  /** Empty when the text is not a lock record (an empty or foreign file). */
  static Optional<LockHolder> parse(String text) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int equals = line.indexOf('=');
      if (equals > 0) {
        fields.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
      }
    }
    try {
      return Optional.of(
          new LockHolder(
              Long.parseLong(fields.get("pid")),
              fields.getOrDefault("host", ""),
              Instant.parse(fields.get("since")),
              Optional.ofNullable(fields.get("process_start")).map(Instant::parse)));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** "pid 123 on host login1 since 2026-11-29T00:41:02Z" */
  public String describe() {
    return "pid " + pid + " on host " + host + " since " + since;
  }

  /**
   * Whether the holder is certainly gone: it ran on this host and its pid is dead, or now belongs
   * to a process that started at another time. A holder on another host is never judged.
   */
  boolean deadOn(String thisHost) {
    if (!host.equals(thisHost)) {
      return false;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (process.isEmpty()) {
      return true;
    }
    Optional<Instant> started = process.get().info().startInstant();
    return processStart.isPresent()
        && started.isPresent()
        && !sameSecond(processStart.get(), started.get());
  }

  /** Start times come from /proc in clock ticks; compare them to the second. */
  private static boolean sameSecond(Instant a, Instant b) {
    return Math.abs(a.getEpochSecond() - b.getEpochSecond()) <= 1;
  }
}
