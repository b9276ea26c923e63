package tunesmith.lock;

import java.nio.file.Path;

/**
 * Another process holds the experiment's lock (or its lock file cannot be read): an environment
 * problem, exit 3.
 */
public final class LockHeldException extends Exception {
  private static final long serialVersionUID = 1L;

  LockHeldException(Path lockFile, String message) {
    super(lockFile + ": " + message);
  }
}
