package tunesmith.lock;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) or SIGTERM during a job that writes, turned into a request to stop at the next
 * safe point. The JVM runs shutdown hooks while the job's threads keep running, so the hook asks
 * the job to stop, waits until it has (the job calls {@link #close()} once it has finished its last
 * file and its log), and only then runs {@code afterStop} (releasing the lock). The JVM then exits
 * with 130 (SIGINT) or 143 (SIGTERM).
 */
public final class Interruption implements AutoCloseable {
  /**
   * Long enough to finish the run in progress; a job that hangs past it loses only the lock, which
   * goes stale.
   */
  private static final long STOP_WAIT_SECONDS = 20;

  private volatile boolean requested;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread hook;

  private Interruption(Runnable afterStop, boolean requested) {
    this(afterStop);
    this.requested = requested;
  }

  private Interruption(Runnable afterStop) {
    this.hook =
        afterStop == null
            ? null
            : new Thread(
                () -> {
                  requested = true;
                  try {
                    stopped.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  afterStop.run();
                },
                "tunesmith-interrupt");
  }

  /**
   * Watches for the process being asked to stop; {@code afterStop} runs once the job has stopped.
   */
  public static Interruption onShutdown(Runnable afterStop) {
    Interruption interruption = new Interruption(afterStop);
    try {
      Runtime.getRuntime().addShutdownHook(interruption.hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The signal came before the hook could be set: stop at once. The lock is released as the
      // command unwinds, or,
      // if the JVM halts first, found stale (dead pid) and taken over by the next command.
      return new Interruption(null, true);
    }
    return interruption;
  }

  /** One that only stops when {@link #request()} is called: for embedding and tests. */
  public static Interruption manual() {
    return new Interruption(null);
  }

  /** Ask the job to stop (what the hook does on Ctrl-C). */
  public void request() {
    requested = true;
  }

  /** Whether the job should stop before starting its next unit of work. */
  public boolean requested() {
    return requested;
  }

  /** The job has stopped: lets the hook go on, or, when no signal came, removes the hook. */
  @Override
  public void close() {
    stopped.countDown();
    if (hook != null && !requested) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running or about to; it finds the job stopped.
      }
    }
  }
}
