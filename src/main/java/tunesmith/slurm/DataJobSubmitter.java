package tunesmith.slurm;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tunesmith.files.AtomicFiles;
import tunesmith.plan.DataJob;
import tunesmith.plan.PlannedRun;

/**
 * Sends the data-preparation job before the trainings that wait for it, through the same intent,
 * tag and record as runs and cells ({@link SbatchCall}): only while its dataset does not exist, and
 * not again while a job of it is queued or running (docs/submitting.md, "The data-preparation
 * job"). The trainings on its dataset then carry {@code --dependency=afterok:<its job>} and {@code
 * --kill-on-invalid-dep=yes}, so a failed data job has SLURM remove them.
 */
public final class DataJobSubmitter {
  /** What {@code --dependency} names in a dry run, where no job id exists yet. */
  public static final String PREVIEW_ID = "<job of " + DataJob.NAME + ">";

  /**
   * What happened to the data job.
   *
   * @param command the sbatch command (run, or that would run in a dry run); empty when none
   * @param jobId the job the trainings wait for, when they wait
   * @param words what happened, in tunesmith's words
   * @param refusal why it could not be sent: the trainings on its dataset are not sent either
   */
  public record Outcome(
      DataJob job,
      List<String> command,
      Optional<String> jobId,
      String words,
      Optional<String> refusal) {
    public Outcome {
      command = List.copyOf(command);
    }

    /** Sent by this submit. */
    public boolean sent() {
      return !command.isEmpty() && jobId.isPresent() && refusal.isEmpty();
    }
  }

  private final SlurmClient client;
  private final Clock clock;

  public DataJobSubmitter(SlurmClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /**
   * @param trainings the runs about to be submitted: the job goes only when one trains on its
   *     dataset
   */
  public Optional<Outcome> prepare(
      Optional<DataJob> planned, List<PlannedRun> trainings, boolean dryRun) {
    if (planned.isEmpty()) {
      return Optional.empty();
    }
    DataJob job = planned.get();
    Set<String> waiting = Set.copyOf(job.runs());
    if (trainings.stream().noneMatch(run -> waiting.contains(run.run().name()))) {
      return Optional.empty();
    }
    if (!job.needed()) {
      return Optional.of(none(job, job.dataset() + " exists: no data job"));
    }
    Optional<String> unsettled = SubmissionRecords.unsettled(job.directory());
    if (unsettled.isPresent()) {
      return Optional.of(refused(job, List.of(), unsettled.get()));
    }
    Optional<SubmissionRecord> record;
    try {
      record = SubmissionRecords.read(job.directory());
    } catch (IOException e) {
      return Optional.of(refused(job, List.of(), "its record cannot be read: " + e.getMessage()));
    }
    Optional<Outcome> queued = stillQueued(job, record);
    if (queued.isPresent()) {
      return queued;
    }
    int attempt = record.map(r -> r.attempt() + 1).orElse(1);
    JobTag tag = new JobTag(JobTag.experimentId(job.experimentDirectory()), DataJob.NAME, attempt);
    List<String> args =
        List.of(
            "--parsable",
            tag.sbatchOption(),
            "--chdir=" + job.experimentDirectory(),
            job.script().toString());
    List<String> command = client.command(SlurmTool.SBATCH, args);
    if (dryRun) {
      return Optional.of(
          new Outcome(
              job,
              command,
              Optional.of(PREVIEW_ID),
              "would make " + job.dataset() + " before " + String.join(", ", job.runs()),
              Optional.empty()));
    }
    return Optional.of(send(job, tag, args, command));
  }

  /** A data job an earlier submit sent that is still queued or running: waited for, not sent. */
  private Optional<Outcome> stillQueued(DataJob job, Optional<SubmissionRecord> record) {
    if (record.isEmpty()) {
      return Optional.empty();
    }
    String id = record.get().jobId();
    Optional<ObservedJob> observed;
    try {
      observed = Optional.ofNullable(new JobObserver(client).observe(Set.of(id)).get(id));
    } catch (SlurmException e) {
      return Optional.of(
          refused(job, List.of(), "SLURM cannot say how job " + id + " is: " + e.getMessage()));
    }
    if (observed.isPresent()
        && (observed.get().state() == RunState.PENDING
            || observed.get().state() == RunState.RUNNING)) {
      return Optional.of(
          new Outcome(
              job,
              List.of(),
              Optional.of(id),
              "job " + id + " (" + observed.get().state() + ") is making " + job.dataset(),
              Optional.empty()));
    }
    return Optional.empty();
  }

  private Outcome send(DataJob job, JobTag tag, List<String> args, List<String> command) {
    String now =
        OffsetDateTime.now(clock)
            .truncatedTo(ChronoUnit.SECONDS)
            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    Intent intent =
        new Intent(
            tag,
            DataJob.NAME,
            Optional.empty(),
            now,
            command,
            job.script().toString(),
            job.directory().toString());
    SbatchCall.Answer answer;
    try {
      Files.createDirectories(job.directory());
      AtomicFiles.write(job.script(), job.tree().emit());
      answer = SbatchCall.submit(client, args, Map.of(job.directory(), intent));
    } catch (IOException e) {
      return refused(job, command, "cannot prepare it: " + e.getMessage());
    }
    if (answer instanceof SbatchCall.Accepted accepted) {
      try {
        SubmissionRecords.write(job.directory(), intent.record(accepted.jobId()));
      } catch (IOException e) {
        return refused(
            job,
            command,
            "SLURM accepted job "
                + accepted.jobId()
                + " but its record cannot be written ("
                + e.getMessage()
                + "): the next tunesmith command records it from its tag "
                + tag.text());
      }
      return new Outcome(
          job,
          command,
          Optional.of(accepted.jobId()),
          "job " + accepted.jobId() + " makes " + job.dataset(),
          Optional.empty());
    }
    String why;
    if (answer instanceof SbatchCall.Refused refused) {
      why = "SLURM refused it: " + refused.message();
    } else if (answer instanceof SbatchCall.Unreachable unreachable) {
      why = "SLURM could not be reached: " + unreachable.message();
    } else {
      why =
          "no answer from SLURM ("
              + ((SbatchCall.Unanswered) answer).message()
              + "): the next tunesmith command finds its job by the tag "
              + tag.text();
    }
    return refused(job, command, why);
  }

  private static Outcome none(DataJob job, String words) {
    return new Outcome(job, List.of(), Optional.empty(), words, Optional.empty());
  }

  private static Outcome refused(DataJob job, List<String> command, String why) {
    return new Outcome(
        job,
        command,
        Optional.empty(),
        "not sent: " + why,
        Optional.of("data job not sent: " + why));
  }

  /**
   * The submissions with the trainings on the data job's dataset waiting for it: {@code
   * --dependency=afterok:<id>} and {@code --kill-on-invalid-dep=yes} before the script.
   */
  public static List<Submission> waitingFor(Optional<Outcome> data, List<Submission> submissions) {
    if (data.isEmpty() || data.get().jobId().isEmpty()) {
      return submissions;
    }
    Set<String> waiting = Set.copyOf(data.get().job().runs());
    String id = data.get().jobId().get();
    List<Submission> result = new ArrayList<>();
    for (Submission submission : submissions) {
      if (submission.runs().stream().noneMatch(run -> waiting.contains(run.run().name()))) {
        result.add(submission);
        continue;
      }
      List<String> args = new ArrayList<>(submission.sbatchArgs());
      int script = args.size() - 1;
      args.add(script, "--kill-on-invalid-dep=yes");
      args.add(script, "--dependency=afterok:" + id);
      result.add(
          new Submission(
              submission.runs(),
              args,
              submission.script(),
              submission.arrayScript(),
              submission.shape()));
    }
    return result;
  }
}
