package tunesmith.slurm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tunesmith.files.ForcedWrites;
import tunesmith.plan.ScaffoldPlan;

/**
 * {@code run-torchtune.log}, beside the scaffold log (docs/FILES.md): every submit, state change,
 * cancel and retry, one block each, in the block format of cruijff_kit 0.3's own submitter so its
 * tools can read it (see docs/submitting.md). A SUBMIT_JOB block is the only one with a {@code Job
 * ID:} line: the harvesters pair a run with its job by that line.
 */
public final class RunLog {
  public static final String FILE_NAME = "run-torchtune.log";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final Pattern SUBMIT =
      Pattern.compile("SUBMIT_JOB: (\\S+)\\nDetails: [^\\n]*\\nJob ID: (\\S+)");
  private static final Pattern STATE_CHANGE =
      Pattern.compile("STATE_CHANGE: (\\S+)\\nDetails: job (\\S+): \\S+ -> (\\S+)");

  private final Path file;
  private final Clock clock;

  /**
   * The log beside the experiment's scaffold log: in its {@code logs/} in the cruijff_kit-0.3
   * format.
   */
  public RunLog(ScaffoldPlan plan, Clock clock) {
    this(
        plan.experiment()
            .directory()
            .resolve(plan.experiment().profile().logFile())
            .resolveSibling(FILE_NAME),
        clock);
  }

  RunLog(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  public Path file() {
    return file;
  }

  public void submitted(String run, String script, String jobId) throws IOException {
    append("SUBMIT_JOB", run, "sbatch " + script, "Job ID: " + jobId + "\nResult: success");
  }

  /**
   * A job found by its tag after tunesmith stopped between sbatch and the record: its SUBMIT_JOB
   * block, written late.
   */
  public void adopted(String run, String script, String jobId, String tag) throws IOException {
    append(
        "SUBMIT_JOB",
        run,
        "sbatch "
            + Path.of(script).getFileName()
            + " (found by its tag "
            + tag
            + ", recorded late)",
        "Job ID: " + jobId + "\nResult: success");
  }

  public void submitFailed(String run, String script, String error) throws IOException {
    append("SUBMIT_JOB", run, "sbatch " + script, "Result: failure: " + oneLine(error));
  }

  /** A SUBMIT_JOB block per run submitted, and a failed one for the run sbatch refused. */
  public void submissions(Submitter.Result result) throws IOException {
    for (SubmittedRun run : result.submitted()) {
      submitted(
          run.run(), Path.of(run.record().script()).getFileName().toString(), run.record().jobId());
    }
    for (Submitter.Stopped failed : result.failures()) {
      for (String run : failed.runs()) {
        submitFailed(run, "finetune.slurm", failed.words() + ": " + failed.message());
      }
    }
  }

  public void stateChanged(String run, String jobId, String from, String to) throws IOException {
    append("STATE_CHANGE", run, "job " + jobId + ": " + from + " -> " + to, "Result: tracked");
  }

  /** A state change of one job, for {@link #stateChanges}. */
  public record Change(String name, String jobId, String from, String to) {}

  /**
   * One STATE_CHANGE block per change, written (and forced to disk) in one go: a status after a
   * thousand jobs ended appends a thousand blocks, which one at a time cost a thousand fsyncs.
   */
  public void stateChanges(java.util.List<Change> changes) throws IOException {
    if (changes.isEmpty()) {
      return;
    }
    Files.createDirectories(file.getParent());
    StringBuilder blocks = new StringBuilder();
    for (Change change : changes) {
      blocks.append(
          block(
              "STATE_CHANGE",
              change.name(),
              "job " + change.jobId() + ": " + change.from() + " -> " + change.to(),
              "Result: tracked"));
    }
    ForcedWrites.write(file, blocks, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  public void cancelled(String run, String jobId, String by) throws IOException {
    append("CANCEL_JOB", run, "scancel " + jobId + " (by " + by + ")", "Result: cancelled");
  }

  /**
   * @param action OOM_RETRY for a CUDA out-of-memory retry (cruijff_kit's name), RETRY_JOB else
   */
  public void retried(String action, String run, String details, String newJobId)
      throws IOException {
    append(action, run, details, "Result: resubmitted as job " + newJobId);
  }

  public void notRetried(String run, String why) throws IOException {
    append("RETRY_JOB", run, oneLine(why), "Result: not retried");
  }

  /**
   * The last state the log holds for each job ({@code run|job} -> state): PENDING after its
   * SUBMIT_JOB, then each STATE_CHANGE. What status compares SLURM's answer with.
   */
  public Map<String, String> lastStates() throws IOException {
    Map<String, String> states = new HashMap<>();
    if (!Files.exists(file)) {
      return states;
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    for (String block : text.split("\n\n")) {
      Matcher submit = SUBMIT.matcher(block);
      if (submit.find()) {
        states.put(key(submit.group(1), submit.group(2)), "PENDING");
        continue;
      }
      Matcher change = STATE_CHANGE.matcher(block);
      if (change.find()) {
        states.put(key(change.group(1), change.group(2)), change.group(3));
      }
    }
    return states;
  }

  public static String key(String run, String jobId) {
    return run + "|" + jobId;
  }

  private void append(String action, String name, String details, String tail) throws IOException {
    // Forced to disk: like the scaffold log, nothing can write it again.
    Files.createDirectories(file.getParent());
    ForcedWrites.write(
        file,
        block(action, name, details, tail),
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  private String block(String action, String name, String details, String tail) {
    return "["
        + LocalDateTime.now(clock).format(STAMP)
        + "] "
        + action
        + ": "
        + name
        + "\nDetails: "
        + oneLine(details)
        + "\n"
        + tail
        + "\n\n";
  }

  private static String oneLine(String text) {
    return text.replace('\n', ' ');
  }
}
