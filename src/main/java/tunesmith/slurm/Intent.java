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
 * What {@code .tunesmith/intent.json} says: a submission about to be made, written before sbatch
 * runs. Once sbatch answers it becomes the submission record; if tunesmith dies in between, the
 * next command finds the job by {@link #tag} and makes the record from this (see {@link
 * SubmissionJournal}).
 *
 * @param arrayTaskId the run's task in the array the tag names, when it goes in as one
 * @param intendedAt ISO-8601 time, just before sbatch
 */
public record Intent(
    JobTag tag,
    String name,
    Optional<Integer> arrayTaskId,
    String intendedAt,
    List<String> command,
    String script,
    String outputDir) {
  private static final JsonFactory JSON = new JsonFactory();

  public Intent {
    command = List.copyOf(command);
  }

  /** The record of the job SLURM gave this submission ({@code jobId}: a job, or an array job). */
  public SubmissionRecord record(String jobId) {
    SubmissionRecord record =
        arrayTaskId.isPresent()
            ? new SubmissionRecord(
                name,
                jobId + "_" + arrayTaskId.get(),
                Optional.of(jobId),
                arrayTaskId,
                intendedAt,
                command,
                script,
                outputDir)
            : new SubmissionRecord(
                name,
                jobId,
                Optional.empty(),
                Optional.empty(),
                intendedAt,
                command,
                script,
                outputDir);
    return record.withAttempt(tag.attempt());
  }

  public String toJson() {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeStringField("tag", tag.text());
      json.writeStringField("name", name);
      if (arrayTaskId.isPresent()) {
        json.writeNumberField("array_task_id", arrayTaskId.get());
      }
      json.writeStringField("intended_at", intendedAt);
      json.writeArrayFieldStart("command");
      for (String arg : command) {
        json.writeString(arg);
      }
      json.writeEndArray();
      json.writeStringField("script", script);
      json.writeStringField("output_dir", outputDir);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text + "\n";
  }

  /** Reads an intent; an IOException says what is wrong with it. */
  public static Intent parse(String text) throws IOException {
    FlatJson json = FlatJson.read(text);
    Map<String, String> fields = json.fields();
    List<String> command = json.command();
    JobTag tag =
        JobTag.parse(fields.getOrDefault("tag", ""))
            .orElseThrow(() -> new IOException("no tag (tunesmith:{experiment}:{name}:{n}) in it"));
    return new Intent(
        tag,
        fields.getOrDefault("name", tag.name()),
        Optional.ofNullable(fields.get("array_task_id"))
            .filter(id -> id.matches("\\d{1,9}"))
            .map(Integer::valueOf),
        fields.getOrDefault("intended_at", ""),
        command,
        fields.getOrDefault("script", ""),
        fields.getOrDefault("output_dir", ""));
  }
}
