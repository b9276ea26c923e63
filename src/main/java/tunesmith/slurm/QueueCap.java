package tunesmith.slurm;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps at most {@code maxQueued} of the experiment's jobs pending or running at once (a QoS's
 * MaxSubmitJobsPerUser, or a polite share of the cluster), training jobs and evaluation cells
 * alike: before each submission it waits {@code stagger} after the previous one, then asks squeue
 * which of the experiment's jobs are still queued and waits while there are too many
 * (docs/submitting.md, "Queue limits").
 */
public final class QueueCap {
  /** How the cap waits: a sleep in production. */
  @FunctionalInterface
  public interface Pause {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final SlurmClient client;
  private final int maxQueued;
  private final Duration stagger;
  private final Duration poll;
  private final Pause pause;
  private final Set<String> jobs;
  private final LockAroundWaits lock;
  private final java.util.function.Consumer<String> waiting;
  private boolean first = true;

  /**
   * @param experimentJobs the experiment's jobs submitted before (their keys: training and cell
   *     records); each new one is added by {@link #submitted}
   */
  public QueueCap(
      SlurmClient client,
      int maxQueued,
      Duration stagger,
      Duration poll,
      Pause pause,
      Set<String> experimentJobs) {
    this(client, maxQueued, stagger, poll, pause, experimentJobs, LockAroundWaits.KEPT, line -> {});
  }

  /**
   * @param lock let go of for each wait, and taken again before the next submission
   * @param waiting told when a wait for the queue begins
   */
  public QueueCap(
      SlurmClient client,
      int maxQueued,
      Duration stagger,
      Duration poll,
      Pause pause,
      Set<String> experimentJobs,
      LockAroundWaits lock,
      java.util.function.Consumer<String> waiting) {
    if (maxQueued < 1) {
      throw new IllegalArgumentException("maxQueued " + maxQueued + " < 1");
    }
    this.client = client;
    this.maxQueued = maxQueued;
    this.stagger = stagger;
    this.poll = poll;
    this.pause = pause;
    this.jobs = new LinkedHashSet<>(experimentJobs);
    this.lock = lock;
    this.waiting = waiting;
  }

  /** The most jobs queued at once, when a number caps them (a stagger alone does not). */
  public java.util.OptionalInt limit() {
    return maxQueued == Integer.MAX_VALUE
        ? java.util.OptionalInt.empty()
        : java.util.OptionalInt.of(maxQueued);
  }

  /**
   * Returns once the next job may be submitted, the lock held again: it is let go of for the wait
   * (not when the wait is interrupted: nothing is written after that).
   *
   * @throws IOException the lock cannot be taken again
   */
  public void awaitTurn() throws SlurmException, InterruptedException, IOException {
    boolean letGo = false;
    boolean interrupted = false;
    try {
      if (!first && !stagger.isZero()) {
        lock.letGo();
        letGo = true;
        pause.sleep(stagger);
      }
      first = false;
      boolean told = false;
      for (int queued = queued(); queued >= maxQueued; queued = queued()) {
        if (!letGo) {
          lock.letGo();
          letGo = true;
        }
        if (!told) {
          waiting.accept(
              "tunesmith: waiting for the queue ("
                  + queued
                  + " of the experiment's jobs queued, at most "
                  + maxQueued
                  + "); the experiment is not locked meanwhile: status and cancel work");
          told = true;
        }
        pause.sleep(poll);
      }
    } catch (InterruptedException e) {
      interrupted = true;
      throw e;
    } finally {
      if (letGo && !interrupted) {
        lock.retake();
      }
    }
  }

  /** Who withdrew {@code name} (a run or cell) while this submit waited, if cancel did. */
  public Optional<String> withdrawn(String name) throws IOException {
    return Optional.ofNullable(lock.withdrawn().get(name));
  }

  /** Counts {@code jobId} (a job or array key) among the experiment's jobs from now on. */
  public void submitted(String jobId) {
    jobs.add(jobId);
  }

  /** How many of the jobs squeue lists (pending, running, or any other state still queued). */
  int queued() throws SlurmException {
    if (jobs.isEmpty()) {
      return 0;
    }
    SlurmClient.Output output =
        client.runOrThrow(SlurmTool.SQUEUE, List.of("-h", "-r", "--me", "-o", "%i"));
    Set<String> baseIds = new LinkedHashSet<>();
    jobs.forEach(job -> baseIds.add(job.split("_", 2)[0]));
    int count = 0;
    for (String line : output.out().split("\n")) {
      String id = line.strip();
      if (!id.isEmpty() && (jobs.contains(id) || baseIds.contains(id.split("_", 2)[0]))) {
        count++;
      }
    }
    return count;
  }
}
