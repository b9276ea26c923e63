package tunesmith.slurm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Submits one sbatch call at a time so that at most {@code maxQueued} of the experiment's jobs are
 * pending or running at once (a QoS's MaxSubmitJobsPerUser, or a polite share of the cluster): it
 * asks squeue which of the experiment's jobs are still queued, waits while there are too many, and
 * waits {@code stagger} between two submissions. Each submission is recorded as it is made, so an
 * interrupted run of it (Ctrl-C) leaves the rest for the next {@code submit}.
 */
public final class QueuedSubmitter {
  private final Submitter submitter;
  private final SlurmClient client;
  private final int maxQueued;
  private final Duration stagger;
  private final Duration poll;
  private final Pause pause;

  /** How the submitter waits: a sleep in production. */
  @FunctionalInterface
  public interface Pause {
    void sleep(Duration duration) throws InterruptedException;
  }

  public QueuedSubmitter(
      Submitter submitter,
      SlurmClient client,
      int maxQueued,
      Duration stagger,
      Duration poll,
      Pause pause) {
    if (maxQueued < 1) {
      throw new IllegalArgumentException("maxQueued " + maxQueued + " < 1");
    }
    this.submitter = submitter;
    this.client = client;
    this.maxQueued = maxQueued;
    this.stagger = stagger;
    this.poll = poll;
    this.pause = pause;
  }

  /**
   * @param experimentJobs the experiment's jobs submitted before (their keys); the new ones are
   *     added as they are submitted
   * @param progress told of each submission as it is made
   */
  public Submitter.Result submit(
      List<Submission> submissions,
      Set<String> experimentJobs,
      java.util.function.Consumer<Submitter.Result> progress)
      throws SlurmException, InterruptedException {
    Set<String> jobs = new LinkedHashSet<>(experimentJobs);
    List<SubmittedRun> submitted = new ArrayList<>();
    for (int i = 0; i < submissions.size(); i++) {
      Submission submission = submissions.get(i);
      if (i > 0 && !stagger.isZero()) {
        pause.sleep(stagger);
      }
      while (queued(jobs) >= maxQueued) {
        pause.sleep(poll);
      }
      Submitter.Result one = submitter.submit(List.of(submission), Map.of());
      progress.accept(one);
      submitted.addAll(one.submitted());
      one.submitted().forEach(run -> jobs.add(run.record().jobId()));
      if (one.stopped().isPresent()) {
        List<String> notAttempted =
            submissions.subList(i + 1, submissions.size()).stream()
                .flatMap(rest -> rest.runs().stream())
                .map(run -> run.run().name())
                .toList();
        return new Submitter.Result(submitted, one.stopped(), notAttempted);
      }
    }
    return new Submitter.Result(submitted, Optional.empty(), List.of());
  }

  /** How many of the jobs squeue lists (pending, running, or any other state still queued). */
  int queued(Set<String> jobs) throws SlurmException {
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
