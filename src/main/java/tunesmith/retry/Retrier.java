package tunesmith.retry;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import tunesmith.adjust.Adjustment;
import tunesmith.adjust.RecordedAdjustments;
import tunesmith.files.AtomicFiles;
import tunesmith.plan.PlannedRun;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.scaffold.RunFiles;
import tunesmith.slurm.DataJobSubmitter;
import tunesmith.slurm.FailureCause;
import tunesmith.slurm.RunLog;
import tunesmith.slurm.Submission;
import tunesmith.slurm.SubmissionPlanner;
import tunesmith.slurm.SubmittedRun;
import tunesmith.slurm.Submitter;
import tunesmith.verify.RunReadiness;

/**
 * Carries out retry decisions: records each run's adjustment in its {@code .tunesmith/}, plans the
 * experiment again (so the run's setup resolves as {@code tunesmith setup} would resolve the
 * changed file), writes the run's three files, checks them as verify does, and submits the run as
 * its next attempt; every step is logged in the run log.
 */
public final class Retrier {
  private final Submitter submitter;
  private final Optional<DataJobSubmitter> dataJobs;
  private final Clock clock;

  /** What happened to one run that was to be retried. */
  public record Outcome(
      RetryDecision.Retry decision,
      Adjustment adjustment,
      Optional<String> jobId,
      Optional<String> problem) {}

  public Retrier(Submitter submitter, Clock clock) {
    this(submitter, clock, Optional.empty());
  }

  /**
   * @param dataJobs sends the data-preparation job first when a retried run trains on a dataset it
   *     makes that does not exist (docs/submitting.md)
   */
  public Retrier(Submitter submitter, Clock clock, Optional<DataJobSubmitter> dataJobs) {
    this.submitter = submitter;
    this.clock = clock;
    this.dataJobs = dataJobs;
  }

  /**
   * @param replan plans the experiment again, reading the adjustments just recorded
   */
  public List<Outcome> retry(
      List<RetryDecision.Retry> retries,
      ScaffoldPlan plan,
      Supplier<ScaffoldPlan> replan,
      RunLog log)
      throws IOException {
    Map<String, Adjustment> adjustments = new LinkedHashMap<>();
    for (RetryDecision.Retry retry : retries) {
      Path directory = directory(plan, retry.run());
      Adjustment adjustment =
          new Adjustment(retry.attempt(), retry.failure().cause().name(), now(), retry.changes());
      if (!retry.alreadyAdjusted()) {
        RecordedAdjustments.read(directory).append(directory, adjustment);
      }
      adjustments.put(retry.run(), adjustment);
    }
    ScaffoldPlan adjusted = retries.isEmpty() ? plan : replan.get();
    List<Outcome> outcomes = new ArrayList<>();
    List<Submission> submissions = new ArrayList<>();
    Map<String, Integer> attempts = new LinkedHashMap<>();
    Map<String, RetryDecision.Retry> byRun = new LinkedHashMap<>();
    for (RetryDecision.Retry retry : retries) {
      PlannedRun run = find(adjusted, retry.run());
      for (Map.Entry<Path, String> file : RunFiles.of(run).entrySet()) {
        AtomicFiles.writeIfChanged(file.getKey(), file.getValue());
      }
      List<String> mismatches = RunReadiness.standard().check(run.toCheck()).texts();
      if (!mismatches.isEmpty()) {
        String problem = "its rewritten files do not verify: " + mismatches.get(0);
        log.notRetried(retry.run(), problem);
        outcomes.add(
            new Outcome(
                retry, adjustments.get(retry.run()), Optional.empty(), Optional.of(problem)));
        continue;
      }
      submissions.addAll(SubmissionPlanner.perRun(List.of(run)));
      attempts.put(retry.run(), retry.attempt());
      byRun.put(retry.run(), retry);
    }
    submissions = withDataJob(adjusted, submissions, byRun, adjustments, outcomes, log);
    Submitter.Result result = submitter.submit(submissions, attempts);
    for (SubmittedRun submitted : result.submitted()) {
      RetryDecision.Retry retry = byRun.remove(submitted.run());
      Adjustment adjustment = adjustments.get(submitted.run());
      log.retried(
          retry.failure().cause() == FailureCause.CUDA_OUT_OF_MEMORY ? "OOM_RETRY" : "RETRY_JOB",
          submitted.run(),
          retry.failure().describe()
              + "; "
              + retry.describeChanges(adjustment)
              + " (attempt "
              + retry.attempt()
              + ")",
          submitted.record().jobId());
      outcomes.add(
          new Outcome(
              retry, adjustment, Optional.of(submitted.record().jobId()), Optional.empty()));
    }
    Map<String, String> whys = new LinkedHashMap<>();
    for (Submitter.Stopped failed : result.failures()) {
      failed.runs().forEach(run -> whys.put(run, failed.words() + ": " + failed.message()));
    }
    for (RetryDecision.Retry retry : byRun.values()) {
      String why = whys.getOrDefault(retry.run(), "not submitted");
      log.notRetried(retry.run(), why);
      outcomes.add(
          new Outcome(retry, adjustments.get(retry.run()), Optional.empty(), Optional.of(why)));
    }
    return outcomes;
  }

  /**
   * The retried runs on a data job's dataset wait for it (sent again while the dataset is missing);
   * when it cannot be sent, they are not retried, with why.
   */
  private List<Submission> withDataJob(
      ScaffoldPlan plan,
      List<Submission> submissions,
      Map<String, RetryDecision.Retry> byRun,
      Map<String, Adjustment> adjustments,
      List<Outcome> outcomes,
      RunLog log)
      throws IOException {
    if (dataJobs.isEmpty() || submissions.isEmpty()) {
      return submissions;
    }
    List<PlannedRun> runs = submissions.stream().flatMap(one -> one.runs().stream()).toList();
    Optional<DataJobSubmitter.Outcome> data = dataJobs.get().prepare(plan.dataJob(), runs, false);
    if (data.isEmpty() || data.get().refusal().isEmpty()) {
      return DataJobSubmitter.waitingFor(data, submissions);
    }
    List<Submission> kept = new ArrayList<>();
    for (Submission submission : submissions) {
      String run = submission.runs().get(0).run().name();
      if (!data.get().job().runs().contains(run)) {
        kept.add(submission);
        continue;
      }
      String why = data.get().refusal().get();
      log.notRetried(run, why);
      outcomes.add(
          new Outcome(byRun.remove(run), adjustments.get(run), Optional.empty(), Optional.of(why)));
    }
    return kept;
  }

  private static Path directory(ScaffoldPlan plan, String run) {
    return find(plan, run).directory();
  }

  private static PlannedRun find(ScaffoldPlan plan, String name) {
    return plan.runs().stream()
        .filter(run -> run.run().name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no run " + name + " in the plan"));
  }

  private String now() {
    return OffsetDateTime.now(clock)
        .truncatedTo(ChronoUnit.SECONDS)
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}
