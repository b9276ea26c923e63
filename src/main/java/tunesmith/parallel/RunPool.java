package tunesmith.parallel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Does one piece of work per run on a few threads (as many as there are processors) and hands the
 * results back in plan order, so reports and logs come out the same however the threads were
 * scheduled. Runs are independent (each has its own directory), which makes this safe.
 */
public final class RunPool {
  /** Work handed out ahead of the slowest unfinished run: keeps memory flat for huge sweeps. */
  private static final int AHEAD_PER_THREAD = 16;

  private final int threads;

  public RunPool(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }
    this.threads = threads;
  }

  /** One thread per processor this process may use. */
  public static RunPool sizedToMachine() {
    return new RunPool(Runtime.getRuntime().availableProcessors());
  }

  public int threads() {
    return threads;
  }

  /**
   * {@code work} applied to every item, the results in item order. An exception thrown by the work
   * is thrown here, as it was thrown (after the work already started has ended).
   */
  public <T, R> List<R> map(List<T> items, Function<T, R> work, ProgressListener progress) {
    progress.started(items.size());
    try {
      if (threads == 1 || items.size() < 2) {
        List<R> results = new ArrayList<>(items.size());
        for (T item : items) {
          results.add(work.apply(item));
          progress.runDone();
        }
        return results;
      }
      return parallel(items, work, progress);
    } finally {
      progress.finished();
    }
  }

  private <T, R> List<R> parallel(List<T> items, Function<T, R> work, ProgressListener progress) {
    ExecutorService executor =
        Executors.newFixedThreadPool(
            Math.min(threads, items.size()),
            runnable -> {
              Thread thread = new Thread(runnable, "tunesmith-run");
              thread.setDaemon(true); // never keeps the JVM alive after the command is done
              return thread;
            });
    Deque<Future<R>> pending = new ArrayDeque<>();
    try {
      List<R> results = new ArrayList<>(items.size());
      int next = 0;
      int ahead = threads * AHEAD_PER_THREAD;
      while (results.size() < items.size()) {
        while (next < items.size() && pending.size() < ahead) {
          T item = items.get(next++);
          pending.add(
              executor.submit(
                  () -> {
                    try {
                      return work.apply(item);
                    } finally {
                      progress.runDone();
                    }
                  }));
        }
        results.add(await(pending.removeFirst()));
      }
      return results;
    } finally {
      // Never interrupt a run mid-write: drop what has not started, let the rest finish.
      pending.forEach(future -> future.cancel(false));
      executor.shutdown();
      awaitTermination(executor);
    }
  }

  private static void awaitTermination(ExecutorService executor) {
    try {
      while (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
        // a run still writing; keep waiting
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static <R> R await(Future<R> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a run", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }
}
