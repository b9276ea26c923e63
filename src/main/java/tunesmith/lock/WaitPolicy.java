package tunesmith.lock;

import java.time.Duration;
import java.util.Optional;

/**
 * What to do when another process holds the lock: give up at once, or wait (for at most a duration,
 * or as long as it takes).
 */
public record WaitPolicy(boolean waits, Optional<Duration> limit) {
  public static final WaitPolicy NO_WAIT = new WaitPolicy(false, Optional.empty());
  public static final WaitPolicy FOREVER = new WaitPolicy(true, Optional.empty());

  public static WaitPolicy upTo(Duration limit) {
    return new WaitPolicy(true, Optional.of(limit));
  }
}
