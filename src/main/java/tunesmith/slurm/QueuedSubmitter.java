package tunesmith.slurm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tunesmith.plan.PlannedRun;

/**
 * Submits training jobs one sbatch call at a time under a {@link QueueCap}. Each submission is
 * recorded as it is made, so an interrupted run of it (Ctrl-C) leaves the rest for the next {@code
 * submit}. The cap lets go of the experiment lock while it waits; once it holds it again, each run
 * is checked anew: one cancel withdrew, or another command submitted meanwhile, is not sent.
 */
public final class QueuedSubmitter {
  private final Submitter submitter;
  private final QueueCap cap;

  /**
   * What was sent, and what was not because it was withdrawn or submitted while this waited.
   *
   * @param withdrawn the runs not sent, and why
   */
  public record Sent(Submitter.Result result, List<Refusal> withdrawn) {
    public Sent {
      withdrawn = List.copyOf(withdrawn);
    }
  }

  public QueuedSubmitter(Submitter submitter, QueueCap cap) {
    this.submitter = submitter;
    this.cap = cap;
  }

  /**
   * @param progress told of each submission as it is made
   */
  public Submitter.Result submit(
      List<Submission> submissions, java.util.function.Consumer<Submitter.Result> progress)
      throws SlurmException, InterruptedException, IOException {
    return send(submissions, progress).result();
  }

  /**
   * @param progress told of each submission as it is made
   */
  public Sent send(
      List<Submission> submissions, java.util.function.Consumer<Submitter.Result> progress)
      throws SlurmException, InterruptedException, IOException {
    Map<String, Optional<String>> recordedBefore = new HashMap<>();
    for (Submission submission : submissions) {
      for (PlannedRun run : submission.runs()) {
        recordedBefore.put(run.run().name(), jobOf(run));
      }
    }
    List<SubmittedRun> submitted = new ArrayList<>();
    List<Submitter.Stopped> refused = new ArrayList<>();
    List<Refusal> withdrawn = new ArrayList<>();
    for (int i = 0; i < submissions.size(); i++) {
      cap.awaitTurn();
      List<Refusal> gone = changedMeanwhile(submissions.get(i), recordedBefore);
      if (!gone.isEmpty()) {
        withdrawn.addAll(gone);
        continue;
      }
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
        return new Sent(
            new Submitter.Result(submitted, refused, one.stopped(), notAttempted), withdrawn);
      }
    }
    return new Sent(
        new Submitter.Result(submitted, refused, Optional.empty(), List.of()), withdrawn);
  }

  /**
   * The runs of {@code submission} that cancel withdrew, or that got another job, while this
   * waited: then the submission is not sent (an array with one such run, none of its runs).
   */
  private List<Refusal> changedMeanwhile(
      Submission submission, Map<String, Optional<String>> recordedBefore) throws IOException {
    List<Refusal> changed = new ArrayList<>();
    for (PlannedRun run : submission.runs()) {
      String name = run.run().name();
      Optional<String> why =
          cap.withdrawn(name)
              .map(by -> "cancelled " + by + " while submit waited on the queue: not sent");
      if (why.isEmpty() && !jobOf(run).equals(recordedBefore.get(name))) {
        why =
            Optional.of(
                "submitted as job "
                    + jobOf(run).orElse("?")
                    + " by another command while submit waited on the queue: not sent again");
      }
      why.ifPresent(reason -> changed.add(new Refusal(name, reason)));
    }
    if (changed.isEmpty() || changed.size() == submission.runs().size()) {
      return changed;
    }
    List<Refusal> all = new ArrayList<>(changed);
    for (PlannedRun run : submission.runs()) {
      if (changed.stream().noneMatch(refusal -> refusal.run().equals(run.run().name()))) {
        all.add(
            new Refusal(
                run.run().name(),
                "not sent: its array also held "
                    + changed.get(0).run()
                    + ", "
                    + changed.get(0).reason()
                    + "; submit again to send it"));
      }
    }
    return all;
  }

  private static Optional<String> jobOf(PlannedRun run) throws IOException {
    return SubmissionRecords.read(run.directory()).map(SubmissionRecord::jobId);
  }
}
