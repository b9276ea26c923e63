package tunesmith.lock;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Another process holds the experiment's lock (or its lock file cannot be read): an environment
 * problem, exit 3.
 */
public final class LockHeldException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Optional<LockHolder> holder;

  LockHeldException(Path lockFile, Optional<LockHolder> holder, String message) {
    super(lockFile + ": " + message);
    this.holder = holder;
  }

  public Optional<LockHolder> holder() {
    return holder;
  }
}
