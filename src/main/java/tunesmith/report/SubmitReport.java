package tunesmith.report;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import tunesmith.problem.Hint;
import tunesmith.render.ShellQuote;
import tunesmith.setup.SlurmResources;
import tunesmith.slurm.CellSubmitter;
import tunesmith.slurm.DataJobSubmitter;
import tunesmith.slurm.Refusal;
import tunesmith.slurm.RunSelection;
import tunesmith.slurm.Submission;
import tunesmith.slurm.SubmittedRun;
import tunesmith.slurm.Submitter;

/**
 * What `tunesmith submit` prints: what was (or, with --dry-run, would be) submitted, what was not
 * and why.
 */
public final class SubmitReport {

  /** The resources that make up an array's shape, by the name the report gives them. */
  private static final Map<String, Function<SlurmResources, String>> SHAPE_FIELDS = shapeFields();

  /**
   * Everything the report needs.
   *
   * @param commands the argv of each submission, in order (the program as configured)
   * @param result what happened; empty for a dry run
   */
  public record Input(
      Path experiment,
      RunSelection selection,
      List<Submission> submissions,
      List<List<String>> commands,
      boolean dryRun,
      Optional<Submitter.Result> result,
      List<CellSubmitter.Outcome> cells,
      Optional<DataJobSubmitter.Outcome> data) {
    public Input {
      cells = List.copyOf(cells);
    }

    /** Without a data job. */
    public Input(
        Path experiment,
        RunSelection selection,
        List<Submission> submissions,
        List<List<String>> commands,
        boolean dryRun,
        Optional<Submitter.Result> result,
        List<CellSubmitter.Outcome> cells) {
      this(experiment, selection, submissions, commands, dryRun, result, cells, Optional.empty());
    }

    /** Without evaluation cells. */
    public Input(
        Path experiment,
        RunSelection selection,
        List<Submission> submissions,
        List<List<String>> commands,
        boolean dryRun,
        Optional<Submitter.Result> result) {
      this(experiment, selection, submissions, commands, dryRun, result, List.of());
    }
  }

  private SubmitReport() {}

  public static String text(Input input) {
    StringBuilder out =
        new StringBuilder(
            input.dryRun()
                ? "## Submit (dry run: nothing submitted, nothing written)\n\n"
                : "## Submit\n\n");
    out.append("Experiment: `").append(input.experiment()).append("`\n");
    appendShapes(input.submissions(), out);
    DataJobReport.text(
        input.data().map(SubmitReport::dataLine),
        input.data().map(DataJobSubmitter.Outcome::words).orElse(""),
        out);
    if (input.dryRun() && !input.submissions().isEmpty()) {
      out.append("\n### Commands\n\n");
      for (int i = 0; i < input.submissions().size(); i++) {
        Submission submission = input.submissions().get(i);
        out.append(shell(input.commands().get(i))).append('\n');
        if (submission.array()) {
          for (int task = 0; task < submission.runs().size(); task++) {
            out.append("  task ")
                .append(task)
                .append(": ")
                .append(submission.runs().get(task).run().name())
                .append('\n');
          }
        }
      }
    }
    input.result().ifPresent(result -> appendResult(result, out, input.experiment()));
    if (!input.selection().refused().isEmpty()) {
      out.append("\n### Not Submitted\n\n");
      for (Refusal refusal : input.selection().refused()) {
        out.append("✗ ").append(refusal.run()).append(": ").append(refusal.reason()).append('\n');
      }
    }
    appendCells(input, out);
    if (input.submissions().isEmpty() && input.cells().isEmpty()) {
      out.append("\nNothing to submit.\n");
    }
    return out.toString();
  }

  /** Each cell: its sbatch command on a dry run, else its job or why it was not submitted. */
  private static void appendCells(Input input, StringBuilder out) {
    if (input.cells().isEmpty()) {
      return;
    }
    out.append("\n### Evaluation Cells\n\n");
    for (CellSubmitter.Outcome cell : input.cells()) {
      if (cell.refusal().isPresent()) {
        out.append("✗ ").append(cell.name()).append(": ").append(cell.refusal().get());
      } else if (input.dryRun()) {
        out.append(shell(cell.command()));
      } else {
        out.append("✓ ")
            .append(cell.name())
            .append(": job ")
            .append(cell.jobId().orElseThrow())
            .append(
                cell.command().stream().anyMatch(arg -> arg.startsWith("--dependency="))
                    ? " (after its training job)"
                    : " (at once)");
      }
      out.append('\n');
    }
  }

  private static void appendResult(Submitter.Result result, StringBuilder out, Path experiment) {
    if (!result.submitted().isEmpty()) {
      out.append("\n### Submitted\n\n");
      for (SubmittedRun run : result.submitted()) {
        out.append("✓ ")
            .append(run.run())
            .append(": job ")
            .append(run.record().jobId())
            .append('\n');
      }
      out.append("\nRecorded in each run's .tunesmith/submission.json; follow them with: ")
          .append(Hint.of("status", experiment))
          .append('\n');
    }
    if (!result.failures().isEmpty()) {
      out.append("\n### Refused\n\n");
      for (Submitter.Stopped failed : result.failures()) {
        out.append("✗ ").append(failed.words()).append(": ").append(failed.message()).append('\n');
      }
      if (!result.notAttempted().isEmpty()) {
        out.append("\nNot attempted after that: ")
            .append(String.join(", ", result.notAttempted()))
            .append('\n');
      }
    }
  }

  /** With more than one array, which runs share resources and how the groups differ. */
  private static void appendShapes(List<Submission> submissions, StringBuilder out) {
    List<Submission> arrays = submissions.stream().filter(Submission::array).toList();
    if (arrays.size() < 2) {
      return;
    }
    List<String> differing =
        SHAPE_FIELDS.entrySet().stream()
            .filter(
                field ->
                    arrays.stream()
                            .map(array -> field.getValue().apply(array.shape()))
                            .distinct()
                            .count()
                        > 1)
            .map(Map.Entry::getKey)
            .toList();
    out.append("\nThe runs ask for ")
        .append(arrays.size())
        .append(" different sets of resources (they differ in ")
        .append(String.join(", ", differing))
        .append("), so they go in as ")
        .append(arrays.size())
        .append(" job arrays:\n");
    for (int i = 0; i < arrays.size(); i++) {
      Submission array = arrays.get(i);
      out.append("- array ")
          .append(i + 1)
          .append(" (")
          .append(
              differing.stream()
                  .map(field -> field + " " + SHAPE_FIELDS.get(field).apply(array.shape()))
                  .collect(Collectors.joining(", ")))
          .append("): ")
          .append(
              array.runs().stream().map(run -> run.run().name()).collect(Collectors.joining(", ")))
          .append('\n');
    }
  }

  /** The report of submit (docs/JSON.md). */
  public static String json(ReportJson.Header header, Input input) {
    return JsonDocument.write(
        json -> {
          ReportJson.begin(json, header);
          json.writeBooleanField("dry_run", input.dryRun());
          json.writeArrayFieldStart("commands");
          for (List<String> command : input.commands()) {
            json.writeStartArray();
            for (String arg : command) {
              json.writeString(arg);
            }
            json.writeEndArray();
          }
          json.writeEndArray();
          DataJobReport.json(json, input.data().map(SubmitReport::dataLine));
          json.writeArrayFieldStart("submissions");
          for (Submission submission : input.submissions()) {
            json.writeStartObject();
            json.writeBooleanField("array", submission.array());
            json.writeArrayFieldStart("runs");
            for (var run : submission.runs()) {
              json.writeString(run.run().name());
            }
            json.writeEndArray();
            ReportJson.resources(json, submission.shape());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeArrayFieldStart("submitted");
          for (SubmittedRun run :
              input.result().map(Submitter.Result::submitted).orElse(List.of())) {
            json.writeStartObject();
            json.writeStringField("run", run.run());
            json.writeStringField("job_id", run.record().jobId());
            JsonDocument.writeOptional(json, "array_job_id", run.record().arrayJobId());
            if (run.record().arrayTaskId().isPresent()) {
              json.writeNumberField("array_task_id", run.record().arrayTaskId().get());
            } else {
              json.writeNullField("array_task_id");
            }
            json.writeStringField("submitted_at", run.record().submittedAt());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeArrayFieldStart("cells");
          for (CellSubmitter.Outcome cell : input.cells()) {
            json.writeStartObject();
            ReportJson.cellFields(json, cell.cell());
            JsonDocument.writeOptional(json, "job_id", cell.jobId());
            JsonDocument.writeOptional(json, "reason", cell.refusal());
            json.writeArrayFieldStart("command");
            for (String arg : cell.command()) {
              json.writeString(arg);
            }
            json.writeEndArray();
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeArrayFieldStart("not_submitted");
          for (Refusal refusal : input.selection().refused()) {
            json.writeStartObject();
            json.writeStringField("run", refusal.run());
            json.writeStringField("reason", refusal.reason());
            json.writeEndObject();
          }
          json.writeEndArray();
          // Every run SLURM refused while the others went on; "refused" is what stopped them all.
          json.writeArrayFieldStart("refusals");
          for (Submitter.Stopped refusal :
              input.result().map(Submitter.Result::refused).orElse(List.of())) {
            json.writeStartObject();
            json.writeArrayFieldStart("runs");
            for (String run : refusal.runs()) {
              json.writeString(run);
            }
            json.writeEndArray();
            json.writeStringField("message", refusal.words());
            json.writeStringField("detail", refusal.message());
            json.writeEndObject();
          }
          json.writeEndArray();
          Optional<Submitter.Stopped> stopped = input.result().flatMap(Submitter.Result::stopped);
          if (stopped.isPresent()) {
            json.writeObjectFieldStart("refused");
            json.writeArrayFieldStart("runs");
            for (String run : stopped.get().runs()) {
              json.writeString(run);
            }
            json.writeEndArray();
            json.writeStringField("message", stopped.get().words());
            json.writeStringField("detail", stopped.get().message());
            json.writeArrayFieldStart("not_attempted");
            for (String run : input.result().get().notAttempted()) {
              json.writeString(run);
            }
            json.writeEndArray();
            json.writeEndObject();
          } else {
            json.writeNullField("refused");
          }
          json.writeEndObject();
        });
  }

  private static DataJobReport.Line dataLine(DataJobSubmitter.Outcome data) {
    return new DataJobReport.Line(
        data.job(),
        data.jobId().filter(id -> !id.equals(DataJobSubmitter.PREVIEW_ID)),
        Optional.empty(),
        data.command(),
        data.refusal());
  }

  private static String shell(List<String> argv) {
    return argv.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
  }

  private static Map<String, Function<SlurmResources, String>> shapeFields() {
    Map<String, Function<SlurmResources, String>> fields = new LinkedHashMap<>();
    fields.put("cpus", resources -> Integer.toString(resources.cpusPerTask()));
    fields.put("mem", SlurmResources::mem);
    fields.put("time", SlurmResources::time);
    fields.put("gpus", resources -> Integer.toString(resources.gpus()));
    fields.put("partition", resources -> resources.partition().orElse("–"));
    fields.put("constraint", resources -> resources.constraint().orElse("–"));
    fields.put("account", resources -> resources.account().orElse("–"));
    return java.util.Collections.unmodifiableMap(fields);
  }
}
