package tunesmith.slurm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code {run}/.tunesmith/submission.json} says: how and when the run was submitted.
 *
 * @param jobId the job to ask SLURM about: {@code 123}, or {@code 123_4} for task 4 of array job
 *     123
 * @param arrayJobId the array job, when the run went in as an array task
 * @param arrayTaskId the run's task index in that array
 * @param submittedAt ISO-8601 time of the submission
 * @param command the exact argv that was run
 * @param script the batch script sbatch was given (the run's finetune.slurm, or the array's
 *     wrapper)
 * @param attempt 1 for the first submission, one more for each {@code tunesmith retry}
 * @param cancellation set once {@code tunesmith cancel} cancelled the job on purpose
 */
public record SubmissionRecord(
    String run,
    String jobId,
    Optional<String> arrayJobId,
    Optional<Integer> arrayTaskId,
    String submittedAt,
    List<String> command,
    String script,
    String outputDir,
    int attempt,
    Optional<Cancellation> cancellation) {
  private static final JsonFactory JSON = new JsonFactory();

  /** Who cancelled the job on purpose, and when (ISO-8601). */
  public record Cancellation(String by, String at) {}

  public SubmissionRecord {
    command = List.copyOf(command);
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt " + attempt + " < 1");
    }
  }

  /** A first attempt, not cancelled. */
  public SubmissionRecord(
      String run,
      String jobId,
      Optional<String> arrayJobId,
      Optional<Integer> arrayTaskId,
      String submittedAt,
      List<String> command,
      String script,
      String outputDir) {
    this(
        run,
        jobId,
        arrayJobId,
        arrayTaskId,
        submittedAt,
        command,
        script,
        outputDir,
        1,
        Optional.empty());
  }

  public SubmissionRecord withAttempt(int number) {
    return new SubmissionRecord(
        run,
        jobId,
        arrayJobId,
        arrayTaskId,
        submittedAt,
        command,
        script,
        outputDir,
        number,
        cancellation);
  }

  public SubmissionRecord cancelled(Cancellation how) {
    return new SubmissionRecord(
        run,
        jobId,
        arrayJobId,
        arrayTaskId,
        submittedAt,
        command,
        script,
        outputDir,
        attempt,
        Optional.of(how));
  }

  public String toJson() {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeStringField("run", run);
      json.writeStringField("job_id", jobId);
      if (arrayJobId.isPresent()) {
        json.writeStringField("array_job_id", arrayJobId.get());
        json.writeNumberField("array_task_id", arrayTaskId.orElseThrow());
      }
      json.writeStringField("submitted_at", submittedAt);
      json.writeArrayFieldStart("command");
      for (String arg : command) {
        json.writeString(arg);
      }
      json.writeEndArray();
      json.writeStringField("script", script);
      json.writeStringField("output_dir", outputDir);
      json.writeNumberField("attempt", attempt);
      if (cancellation.isPresent()) {
        json.writeObjectFieldStart("cancelled");
        json.writeStringField("by", cancellation.get().by());
        json.writeStringField("at", cancellation.get().at());
        json.writeEndObject();
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text + "\n";
  }

  /** Reads a record; an IOException says what is wrong with it (not JSON, no job id). */
  public static SubmissionRecord parse(String text) throws IOException {
    FlatJson json = FlatJson.read(text);
    Map<String, String> fields = json.fields();
    Map<String, String> cancelled = json.objects().getOrDefault("cancelled", Map.of());
    List<String> command = json.command();
    String jobId = fields.get("job_id");
    if (jobId == null || !jobId.matches("\\d+(_\\d+)?")) {
      throw new IOException("no job_id (a SLURM job id such as 123 or 123_4) in it");
    }
    Optional<String> arrayJobId = Optional.ofNullable(fields.get("array_job_id"));
    Optional<Integer> arrayTaskId =
        Optional.ofNullable(fields.get("array_task_id"))
            .filter(id -> id.matches("\\d+"))
            .map(Integer::valueOf);
    return new SubmissionRecord(
        fields.getOrDefault("run", ""),
        jobId,
        arrayJobId,
        arrayTaskId,
        fields.getOrDefault("submitted_at", ""),
        command,
        fields.getOrDefault("script", ""),
        fields.getOrDefault("output_dir", ""),
        Optional.ofNullable(fields.get("attempt"))
            .filter(number -> number.matches("[1-9]\\d{0,5}"))
            .map(Integer::valueOf)
            .orElse(1),
        !cancelled.isEmpty()
            ? Optional.of(
                new Cancellation(
                    cancelled.getOrDefault("by", ""), cancelled.getOrDefault("at", "")))
            : Optional.empty());
  }
}
