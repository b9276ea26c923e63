package tunesmith.slurm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tunesmith.files.AtomicFiles;
import tunesmith.plan.PlannedRun;
import tunesmith.verify.SbatchDirectives;

/**
 * Runs the planned sbatch calls in order. Before each, it creates what the job needs before it
 * starts (the directory its {@code --output} names: SLURM does not create it, and a job whose log
 * cannot be opened fails in its first second without a word); after each, it records the submission
 * in every run it covers. The first refusal stops it: the runs submitted so far keep their records.
 */
public final class Submitter {
  private final SlurmClient client;
  private final Clock clock;

  /** What happened: the runs submitted, and what stopped the submissions, if anything did. */
  public record Result(
      List<SubmittedRun> submitted, Optional<Stopped> stopped, List<String> notAttempted) {
    public Result {
      submitted = List.copyOf(submitted);
      notAttempted = List.copyOf(notAttempted);
    }
  }

  /**
   * Why submitting stopped.
   *
   * @param runs the runs of the submission that failed
   * @param words what happened, in tunesmith's words ("SLURM refused run r8")
   * @param message what the failing command or file system said (for sbatch: its own stderr)
   */
  public record Stopped(List<String> runs, String words, String message) {
    public Stopped {
      runs = List.copyOf(runs);
    }
  }

  /** A step of one submission that failed, with what to say about it. */
  private static final class StepFailed extends Exception {
    private static final long serialVersionUID = 1L;
    private final String words;
    private final String detail;

    StepFailed(String words, String detail) {
      super(words + ": " + detail);
      this.words = words;
      this.detail = detail;
    }
  }

  public Submitter(SlurmClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public Result submit(List<Submission> submissions) {
    return submit(submissions, Map.of());
  }

  /**
   * @param attempts the attempt number to record per run (retries); 1 for runs not named
   */
  public Result submit(List<Submission> submissions, Map<String, Integer> attempts) {
    List<SubmittedRun> submitted = new ArrayList<>();
    for (int i = 0; i < submissions.size(); i++) {
      Submission submission = submissions.get(i);
      try {
        submitted.addAll(submitOne(submission, attempts));
      } catch (StepFailed failed) {
        List<String> notAttempted =
            submissions.subList(i + 1, submissions.size()).stream()
                .flatMap(rest -> rest.runs().stream())
                .map(run -> run.run().name())
                .toList();
        return new Result(
            submitted,
            Optional.of(new Stopped(names(submission), failed.words, failed.detail)),
            notAttempted);
      }
    }
    return new Result(submitted, Optional.empty(), List.of());
  }

  private List<SubmittedRun> submitOne(Submission submission, Map<String, Integer> attempts)
      throws StepFailed {
    String runs =
        (submission.runs().size() == 1 ? "run " : "runs ") + String.join(", ", names(submission));
    try {
      for (PlannedRun run : submission.runs()) {
        createOutputDirectory(run);
      }
      if (submission.arrayScript().isPresent()) {
        Files.createDirectories(submission.script().getParent());
        AtomicFiles.write(submission.script(), submission.arrayScript().get());
      }
    } catch (IOException e) {
      throw new StepFailed("cannot prepare " + runs + " for submission", e.toString());
    }
    List<String> command = client.command(SlurmTool.SBATCH, submission.sbatchArgs());
    String jobId;
    try {
      jobId = jobId(client.runOrThrow(SlurmTool.SBATCH, submission.sbatchArgs()));
    } catch (SlurmException refused) {
      throw new StepFailed(
          (refused.kind() == SlurmException.Kind.MISSING ? "cannot submit " : "SLURM refused ")
              + runs
              + (submission.array() ? " (one array)" : ""),
          refused.getMessage());
    }
    String now =
        OffsetDateTime.now(clock)
            .truncatedTo(ChronoUnit.SECONDS)
            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    List<SubmittedRun> submitted = new ArrayList<>();
    for (int task = 0; task < submission.runs().size(); task++) {
      PlannedRun run = submission.runs().get(task);
      SubmissionRecord record =
          submission.array()
              ? new SubmissionRecord(
                  run.run().name(),
                  jobId + "_" + task,
                  Optional.of(jobId),
                  Optional.of(task),
                  now,
                  command,
                  submission.script().toString(),
                  run.config().outputDir())
              : new SubmissionRecord(
                  run.run().name(),
                  jobId,
                  Optional.empty(),
                  Optional.empty(),
                  now,
                  command,
                  submission.script().toString(),
                  run.config().outputDir());
      record = record.withAttempt(attempts.getOrDefault(run.run().name(), 1));
      try {
        SubmissionRecords.write(run.directory(), record);
      } catch (IOException e) {
        throw new StepFailed(
            "SLURM accepted job "
                + jobId
                + " for "
                + runs
                + ", but its record "
                + SubmissionRecords.file(run.directory())
                + " cannot be written (the job is queued; cancel it or record it by hand)",
            e.toString());
      }
      submitted.add(new SubmittedRun(run.run().name(), record));
    }
    return submitted;
  }

  /** {@code sbatch --parsable} prints {@code jobid} or {@code jobid;cluster}. */
  private String jobId(SlurmClient.Output output) throws SlurmException {
    String first = output.out().strip().split("\n", 2)[0].split(";", 2)[0].strip();
    if (!first.matches("\\d+")) {
      throw new SlurmException(
          SlurmTool.SBATCH,
          SlurmException.Kind.FAILED,
          client.program(SlurmTool.SBATCH),
          "printed no job id (expected a number from --parsable, got '"
              + output.out().strip()
              + "')");
    }
    return first;
  }

  /**
   * The parent of the script's {@code --output} path (relative paths are relative to the run
   * directory).
   */
  private static void createOutputDirectory(PlannedRun run) throws IOException {
    Path script = run.directory().resolve(SubmissionPlanner.SCRIPT_NAME);
    String output =
        SbatchDirectives.parse(Files.readString(script, StandardCharsets.UTF_8)).get("output");
    if (output == null || output.isEmpty()) {
      return;
    }
    Path parent = run.directory().toAbsolutePath().resolve(output).getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }

  private static List<String> names(Submission submission) {
    return submission.runs().stream().map(run -> run.run().name()).toList();
  }
}
