package tunesmith.slurm;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
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
    if (maxQueued < 1) {
      throw new IllegalArgumentException("maxQueued " + maxQueued + " < 1");
    }
    this.client = client;
    this.maxQueued = maxQueued;
    this.stagger = stagger;
    this.poll = poll;
    this.pause = pause;
    this.jobs = new LinkedHashSet<>(experimentJobs);
  }

  /** The most jobs queued at once, when a number caps them (a stagger alone does not). */
  public java.util.OptionalInt limit() {
    return maxQueued == Integer.MAX_VALUE
        ? java.util.OptionalInt.empty()
        : java.util.OptionalInt.of(maxQueued);
  }

  /** Returns once the next job may be submitted. */
  public void awaitTurn() throws SlurmException, InterruptedException {
    if (!first && !stagger.isZero()) {
      pause.sleep(stagger);
    }
    first = false;
    while (queued() >= maxQueued) {
      pause.sleep(poll);
    }
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
