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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tunesmith.files.AtomicFiles;
import tunesmith.plan.PlannedRun;
import tunesmith.verify.SbatchDirectives;

/**
 * Runs the planned sbatch calls in order. Before each, it creates what the job needs before it
 * starts (the directory its {@code --output} names: SLURM does not create it, and a job whose log
 * cannot be opened fails in its first second without a word) and writes each run's intent with the
 * job's tag ({@link SbatchCall}); after each, it records the submission in every run it covers. A
 * run SLURM refuses is reported and the others still go (unless told to stop at the first refusal);
 * SLURM unreachable, or an sbatch that does not answer in time, stops the rest (docs/submitting.md,
 * "Faults while submitting").
 */
public final class Submitter {
  private final SlurmClient client;
  private final Clock clock;
  private final String experimentId;
  private final boolean stopOnRefusal;

  /**
   * What happened: the runs submitted, the submissions SLURM refused, and what stopped the
   * submissions, if anything did.
   */
  public record Result(
      List<SubmittedRun> submitted,
      List<Stopped> refused,
      Optional<Stopped> stopped,
      List<String> notAttempted) {
    public Result {
      submitted = List.copyOf(submitted);
      refused = List.copyOf(refused);
      notAttempted = List.copyOf(notAttempted);
    }

    /** Every run refused or stopped. */
    public List<Stopped> failures() {
      List<Stopped> all = new ArrayList<>(refused);
      stopped.ifPresent(all::add);
      return all;
    }
  }

  /**
   * Why a submission was not made, or not known to be.
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
    private final boolean stopsAll;

    StepFailed(String words, String detail, boolean stopsAll) {
      super(words + ": " + detail);
      this.words = words;
      this.detail = detail;
      this.stopsAll = stopsAll;
    }
  }

  /**
   * @param experimentDirectory the experiment, whose id goes into every job's tag
   */
  public Submitter(SlurmClient client, Clock clock, Path experimentDirectory) {
    this(client, clock, experimentDirectory, false);
  }

  /**
   * @param stopOnRefusal the first run SLURM refuses stops the rest (submit --stop-on-refusal)
   */
  public Submitter(
      SlurmClient client, Clock clock, Path experimentDirectory, boolean stopOnRefusal) {
    this.client = client;
    this.clock = clock;
    this.experimentId = JobTag.experimentId(experimentDirectory);
    this.stopOnRefusal = stopOnRefusal;
  }

  public Result submit(List<Submission> submissions) {
    return submit(submissions, Map.of());
  }

  /**
   * @param attempts the attempt number to record per run (retries); for the others, {@link
   *     #attempt}
   */
  public Result submit(List<Submission> submissions, Map<String, Integer> attempts) {
    List<SubmittedRun> submitted = new ArrayList<>();
    List<Stopped> refused = new ArrayList<>();
    for (int i = 0; i < submissions.size(); i++) {
      Submission submission = submissions.get(i);
      try {
        submitted.addAll(submitOne(submission, attempts));
      } catch (StepFailed failed) {
        Stopped stop = new Stopped(names(submission), failed.words, failed.detail);
        if (!failed.stopsAll && !stopOnRefusal) {
          refused.add(stop);
          continue;
        }
        List<String> notAttempted =
            submissions.subList(i + 1, submissions.size()).stream()
                .flatMap(rest -> rest.runs().stream())
                .map(run -> run.run().name())
                .toList();
        return new Result(submitted, refused, Optional.of(stop), notAttempted);
      }
    }
    return new Result(submitted, refused, Optional.empty(), List.of());
  }

  /** The arguments after the program name, with the job's tag: what is run and recorded. */
  public List<String> arguments(Submission submission, int attempt) {
    List<String> args = new ArrayList<>(submission.sbatchArgs());
    args.add(args.isEmpty() ? 0 : 1, tag(submission, attempt).sbatchOption());
    return args;
  }

  /**
   * The attempt a submission is: the one retry decided, else one more than the last recorded of its
   * runs (1 for runs never submitted), so the count goes on across --force.
   */
  public int attempt(Submission submission, Map<String, Integer> attempts) {
    Integer decided = attempts.get(submission.runs().get(0).run().name());
    if (!submission.array() && decided != null) {
      return decided;
    }
    int last = 0;
    for (PlannedRun run : submission.runs()) {
      try {
        last =
            Math.max(
                last,
                SubmissionRecords.read(run.directory()).map(SubmissionRecord::attempt).orElse(0));
      } catch (IOException unreadable) {
        // refused by the selection before it gets here
      }
    }
    return last + 1;
  }

  private JobTag tag(Submission submission, int attempt) {
    String name =
        submission.array()
            ? submission.script().getFileName().toString().replaceFirst("\\.slurm$", "")
            : submission.runs().get(0).run().name();
    return new JobTag(experimentId, name, attempt);
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
      throw new StepFailed("cannot prepare " + runs + " for submission", e.toString(), false);
    }
    int attempt = attempt(submission, attempts);
    List<String> args = arguments(submission, attempt);
    List<String> command = client.command(SlurmTool.SBATCH, args);
    JobTag tag = tag(submission, attempt);
    String now =
        OffsetDateTime.now(clock)
            .truncatedTo(ChronoUnit.SECONDS)
            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    Map<Path, Intent> intents = new LinkedHashMap<>();
    for (int task = 0; task < submission.runs().size(); task++) {
      PlannedRun run = submission.runs().get(task);
      intents.put(
          run.directory(),
          new Intent(
              tag,
              run.run().name(),
              submission.array() ? Optional.of(task) : Optional.empty(),
              now,
              command,
              submission.script().toString(),
              run.config().outputDir()));
    }
    SbatchCall.Answer answer;
    try {
      answer = SbatchCall.submit(client, args, intents);
    } catch (IOException e) {
      throw new StepFailed("cannot record the intent to submit " + runs, e.toString(), true);
    }
    String what = runs + (submission.array() ? " (one array)" : "");
    if (answer instanceof SbatchCall.Refused refused) {
      throw new StepFailed("SLURM refused " + what, refused.message(), false);
    }
    if (answer instanceof SbatchCall.Unreachable unreachable) {
      throw new StepFailed(
          "cannot submit " + what + " (nothing was sent)", unreachable.message(), true);
    }
    if (answer instanceof SbatchCall.Unanswered unanswered) {
      throw new StepFailed(
          "no answer from SLURM about "
              + what
              + ": whether it was accepted is not known; the next tunesmith submit, status,"
              + " cancel or retry finds its job by the tag "
              + tag.text()
              + " and records it, or submits it again if there is none",
          unanswered.message(),
          true);
    }
    String jobId = ((SbatchCall.Accepted) answer).jobId();
    List<SubmittedRun> submitted = new ArrayList<>();
    for (Map.Entry<Path, Intent> intent : intents.entrySet()) {
      SubmissionRecord record = intent.getValue().record(jobId);
      try {
        SubmissionRecords.write(intent.getKey(), record);
      } catch (IOException e) {
        throw new StepFailed(
            "SLURM accepted job "
                + jobId
                + " for "
                + runs
                + ", but its record "
                + SubmissionRecords.file(intent.getKey())
                + " cannot be written (the job is queued; the next tunesmith command records it"
                + " from its intent and tag "
                + tag.text()
                + ")",
            e.toString(),
            true);
      }
      submitted.add(new SubmittedRun(intent.getValue().name(), record));
    }
    return submitted;
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
