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

  /** The most runs handed to a thread at once (see {@link #chunkSize}). */
  private static final int MAX_CHUNK = 8;

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
   * is thrown here, as it was thrown (after the work already started has ended; the items after it
   * in its thread's chunk are not started).
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
    int chunk = chunkSize(items.size(), threads);
    int chunks = (items.size() + chunk - 1) / chunk;
    ExecutorService executor =
        Executors.newFixedThreadPool(
            Math.min(threads, chunks),
            runnable -> {
              Thread thread = new Thread(runnable, "tunesmith-run");
              thread.setDaemon(true); // never keeps the JVM alive after the command is done
              return thread;
            });
    Deque<Future<List<R>>> pending = new ArrayDeque<>();
    try {
      List<R> results = new ArrayList<>(items.size());
      int next = 0;
      int ahead = Math.max(2, threads * AHEAD_PER_THREAD / chunk);
      while (results.size() < items.size()) {
        while (next < items.size() && pending.size() < ahead) {
          List<T> slice = items.subList(next, Math.min(next + chunk, items.size()));
          next += slice.size();
          pending.add(
              executor.submit(
                  () -> {
                    List<R> done = new ArrayList<>(slice.size());
                    for (T item : slice) {
                      try {
                        done.add(work.apply(item));
                      } finally {
                        progress.runDone();
                      }
                    }
                    return done;
                  }));
        }
        results.addAll(await(pending.removeFirst()));
      }
      return results;
    } finally {
      // Never interrupt a run mid-write: drop what has not started, let the rest finish.
      pending.forEach(future -> future.cancel(false));
      executor.shutdown();
      awaitTermination(executor);
    }
  }

  /**
   * Runs handed to a thread at a time: a few, so that the waiting thread is woken once per few runs
   * rather than per run (a wake-up per run was a twentieth of a large scaffold's CPU), and never so
   * many that a small list is not spread over every thread.
   */
  static int chunkSize(int items, int threads) {
    return Math.max(1, Math.min(MAX_CHUNK, items / (threads * 4)));
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
