package tunesmith.slurm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Submits training jobs one sbatch call at a time under a {@link QueueCap}. Each submission is
 * recorded as it is made, so an interrupted run of it (Ctrl-C) leaves the rest for the next {@code
 * submit}.
 */
public final class QueuedSubmitter {
  private final Submitter submitter;
  private final QueueCap cap;

  public QueuedSubmitter(Submitter submitter, QueueCap cap) {
    this.submitter = submitter;
    this.cap = cap;
  }

  /**
   * @param progress told of each submission as it is made
   */
  public Submitter.Result submit(
      List<Submission> submissions, java.util.function.Consumer<Submitter.Result> progress)
      throws SlurmException, InterruptedException {
    List<SubmittedRun> submitted = new ArrayList<>();
    List<Submitter.Stopped> refused = new ArrayList<>();
    for (int i = 0; i < submissions.size(); i++) {
      cap.awaitTurn();
      Submitter.Result one = submitter.submit(List.of(submissions.get(i)), Map.of());
      progress.accept(one);
      submitted.addAll(one.submitted());
      refused.addAll(one.refused());
      one.submitted().forEach(run -> cap.submitted(run.record().jobId()));
      if (one.stopped().isPresent()) {
        List<String> notAttempted =
            submissions.subList(i + 1, submissions.size()).stream()
                .flatMap(rest -> rest.runs().stream())
                .map(run -> run.run().name())
                .toList();
        return new Submitter.Result(submitted, refused, one.stopped(), notAttempted);
      }
    }
    return new Submitter.Result(submitted, refused, Optional.empty(), List.of());
  }
}
