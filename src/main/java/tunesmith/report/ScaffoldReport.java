package tunesmith.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tunesmith.environment.LocalSettings;
import tunesmith.evaluation.EvalCell;
import tunesmith.experiment.RunSpec;
import tunesmith.experiment.RunType;
import tunesmith.plan.PlannedRun;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.problem.Warning;
import tunesmith.scaffold.CellOutcome;
import tunesmith.scaffold.RunOutcome;
import tunesmith.setup.SlurmResources;

/** The report scaffold prints: Markdown for people, or one JSON object with --json. */
public final class ScaffoldReport {

  private ScaffoldReport() {}

  /** The Markdown report after writing. */
  public static String text(ScaffoldPlan plan, List<RunOutcome> outcomes, Path log) {
    return text(plan, outcomes, log, List.of());
  }

  /**
   * @param staleRuns run directories no longer in the plan (left in place)
   */
  public static String text(
      ScaffoldPlan plan, List<RunOutcome> outcomes, Path log, List<String> staleRuns) {
    return text(plan, outcomes, log, staleRuns, List.of());
  }

  /**
   * @param cells what happened to each evaluation cell
   */
  public static String text(
      ScaffoldPlan plan,
      List<RunOutcome> outcomes,
      Path log,
      List<String> staleRuns,
      List<CellOutcome> cells) {
    StringBuilder out = new StringBuilder();
    ScaffoldHeadline headline = ScaffoldHeadline.of(outcomes);
    out.append(headline.title()).append("\n\n");
    out.append(headline.summary()).append(" in:\n");
    out.append('`').append(withSlash(plan.experiment().directory())).append("`\n\n");
    out.append("Target: ").append(plan.target().id()).append("\n\n");
    if (headline.written() > 0) {
      out.append(headline.allCreated() ? "### Created Runs\n\n" : "### Scaffolded Runs\n\n");
    }
    for (RunOutcome outcome : outcomes) {
      if (!outcome.failed() && !outcome.interrupted()) {
        out.append("✓ ")
            .append(outcome.planned().run().name())
            .append("/")
            .append(
                outcome.status() == RunOutcome.Status.CREATED
                    ? ""
                    : " (" + outcome.status().word() + ")")
            .append('\n');
        // What an update replaced, hand edits among them: never overwritten without a word.
        outcome
            .discarded()
            .forEach(difference -> out.append("  - replaced ").append(difference).append('\n'));
      }
    }
    out.append(
        "\nEach run contains:\n- setup_finetune.yaml (configuration)\n- finetune.yaml (torchtune config)\n- finetune.slurm (SLURM script)\n");
    appendVarying(plan, out);
    appendRunTable(plan.runs(), out);
    appendCells(cells, out);
    appendEnvironment(plan, out);
    appendSkipped(plan, out);
    appendWarnings(plan, outcomes.stream().map(RunOutcome::planned).toList(), out);
    List<RunOutcome> failed = outcomes.stream().filter(RunOutcome::failed).toList();
    if (!failed.isEmpty()) {
      out.append("\n### Failed Runs\n\n");
      for (RunOutcome outcome : failed) {
        out.append("✗ ").append(outcome.planned().run().name()).append("/\n");
        outcome.errors().forEach(error -> out.append("  - ").append(error).append('\n'));
      }
    }
    appendStale(plan, staleRuns, out);
    List<String> notWritten =
        outcomes.stream()
            .filter(RunOutcome::interrupted)
            .map(outcome -> outcome.planned().run().name())
            .toList();
    if (!notWritten.isEmpty()) {
      out.append("\n### Interrupted\n\n")
          .append("Stopped by Ctrl-C before ")
          .append(notWritten.size())
          .append(" of ")
          .append(outcomes.size())
          .append(" runs (their files are as they were): ")
          .append(runList(notWritten))
          .append(".\nRun scaffold again to write them.\n");
    }
    out.append("\n### Log\n\n`").append(log).append("`\n");
    return out.toString();
  }

  /** The plan, for `plan` and `scaffold --dry-run`: nothing written. */
  public static String planText(ScaffoldPlan plan) {
    StringBuilder out = new StringBuilder();
    out.append("## Scaffold Plan (nothing written)\n\n");
    out.append("Experiment `")
        .append(plan.experiment().name())
        .append("` in `")
        .append(withSlash(plan.experiment().directory()))
        .append("`, target ")
        .append(plan.target().id())
        .append("\n");
    out.append(plan.runs().size())
        .append(" fine-tuned run")
        .append(plan.runs().size() == 1 ? "" : "s")
        .append(" would be written.\n");
    appendVarying(plan, out);
    appendRunTable(plan.runs(), out);
    appendCells(planned(plan), out);
    DataJobReport.text(
        plan.dataJob().map(DataJobReport.Line::of),
        plan.dataJob().map(job -> job.needed()).orElse(false)
            ? "submit sends it first, to run python -m "
                + tunesmith.profile.DataPreparation.MODULE
                + " in the runs' environment; the runs on its dataset wait for it"
            : "not needed: the dataset exists (submit sends no data job)",
        out);
    appendEnvironment(plan, out);
    appendSkipped(plan, out);
    appendWarnings(plan, plan.runs(), out);
    return out.toString();
  }

  /** The plan's cells, none written yet. */
  public static List<CellOutcome> planned(ScaffoldPlan plan) {
    return plan.evaluation().cells().stream()
        .map(cell -> new CellOutcome(cell, RunOutcome.Status.PLANNED, Optional.empty()))
        .toList();
  }

  /** Cells under their run: {@code r8: cap_epoch0 (created), cap_epoch1 (created)}. */
  private static void appendCells(List<CellOutcome> cells, StringBuilder out) {
    if (cells.isEmpty()) {
      return;
    }
    out.append("\n### Evaluation Cells\n\n")
        .append(cells.size())
        .append(cells.size() == 1 ? " cell" : " cells")
        .append(" ({run}/eval/{cell}/ with eval.yaml and cell.slurm):\n\n");
    Map<String, List<CellOutcome>> byRun = new LinkedHashMap<>();
    cells.forEach(
        cell -> byRun.computeIfAbsent(cell.cell().run().name(), r -> new ArrayList<>()).add(cell));
    byRun.forEach(
        (run, list) -> {
          out.append("- ")
              .append(run)
              .append(" (")
              .append(list.get(0).cell().run().type().yamlName())
              .append("): ");
          out.append(
              String.join(
                  ", ",
                  list.stream()
                      .map(cell -> cell.cell().name() + " (" + cell.status().word() + ")")
                      .toList()));
          out.append('\n');
          list.stream()
              .filter(cell -> cell.error().isPresent())
              .forEach(
                  cell ->
                      out.append("  - ")
                          .append(cell.cell().name())
                          .append(": ")
                          .append(cell.error().get())
                          .append('\n'));
        });
  }

  private static void appendVarying(ScaffoldPlan plan, StringBuilder out) {
    out.append("\n### Varying Parameters\n\n");
    if (plan.varying().isEmpty()) {
      out.append("(none: every run has the same settings)\n");
    }
    plan.varying()
        .forEach(
            (key, values) ->
                out.append("- ")
                    .append(key)
                    .append(": ")
                    .append(
                        String.join(", ", values.stream().map(ScaffoldReport::oneLine).toList()))
                    .append('\n'));
  }

  /** A value with line breaks or tabs (a prompt) is shown quoted and escaped, on one line. */
  private static String oneLine(String value) {
    if (value.chars().noneMatch(c -> c == '\n' || c == '\r' || c == '\t')) {
      return value;
    }
    return '"'
        + value
            .replace("\\", "\\\\")
            .replace("\"", "\\\"")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
            .replace("\t", "\\t")
        + '"';
  }

  private static void appendRunTable(List<PlannedRun> runs, StringBuilder out) {
    out.append("\n### Runs\n\n");
    out.append(
        "| run | model | lora_rank | lr | batch_size | epochs | gpus | mem | cpus | time | partition | constraint |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (PlannedRun run : runs) {
      SlurmResources resources = run.config().resources();
      out.append("| ")
          .append(run.run().name())
          .append(" | ")
          .append(run.config().model().name())
          .append(" | ")
          .append(run.config().text("lora_rank"))
          .append(" | ")
          .append(run.config().text("lr"))
          .append(" | ")
          .append(run.config().text("batch_size"))
          .append(" | ")
          .append(run.config().text("epochs"))
          .append(" | ")
          .append(resources.gpus())
          .append(" | ")
          .append(resources.mem())
          .append(" | ")
          .append(resources.cpusPerTask())
          .append(" | ")
          .append(resources.time())
          .append(" | ")
          .append(resources.partition().orElse("–"))
          .append(" | ")
          .append(resources.constraint().orElse("–"))
          .append(" |\n");
    }
  }

  private static void appendEnvironment(ScaffoldPlan plan, StringBuilder out) {
    LocalSettings local = plan.local();
    out.append("\n### Environment\n\n");
    out.append("- claude.local.md: ")
        .append(local.source().map(Path::toString).orElse("none found (built-in defaults)"))
        .append('\n');
    out.append("- working directory: ").append(local.workingDir().orElse("(not set)")).append('\n');
    out.append("- conda environment: ")
        .append(local.condaEnv().orElse("(not set: cruijff)"))
        .append('\n');
    out.append("- SLURM account: ")
        .append(local.account().orElse("(not set: no --account line)"))
        .append('\n');
  }

  private static void appendSkipped(ScaffoldPlan plan, StringBuilder out) {
    List<RunSpec> controls = plan.experiment().controlRuns();
    if (!controls.isEmpty()) {
      out.append("\n### Skipped Control Runs\n\n");
      controls.forEach(
          run ->
              out.append("- ")
                  .append(run.name())
                  .append(
                      run.type() == RunType.EVAL_ONLY
                          ? " (eval-only: evaluates an existing checkpoint, not fine-tuned)\n"
                          : " (control: evaluated on the base model, not fine-tuned)\n"));
    }
  }

  private static void appendWarnings(ScaffoldPlan plan, List<PlannedRun> runs, StringBuilder out) {
    long count =
        plan.warnings().size() + runs.stream().mapToLong(run -> run.warnings().size()).sum();
    if (count == 0) {
      return;
    }
    out.append("\n### Warnings\n\n");
    plan.warnings().forEach(warning -> out.append("⚠ ").append(warning.render()).append('\n'));
    // A sweep's runs often share a warning (the same missing dataset): say it once, naming the
    // runs.
    Map<String, List<String>> runsByWarning = new java.util.LinkedHashMap<>();
    runs.forEach(
        run ->
            run.warnings()
                .forEach(
                    warning ->
                        runsByWarning
                            .computeIfAbsent(warning, key -> new java.util.ArrayList<>())
                            .add(run.run().name())));
    runsByWarning.forEach(
        (warning, names) ->
            out.append("⚠ ").append(runList(names)).append(": ").append(warning).append('\n'));
  }

  private static void appendStale(ScaffoldPlan plan, List<String> staleRuns, StringBuilder out) {
    if (staleRuns.isEmpty()) {
      return;
    }
    out.append("\n### Stale Runs\n\n");
    out.append(
        "These run directories are not runs of the experiment any more; they were left as they are (delete them yourself if they are not needed):\n\n");
    staleRuns.forEach(name -> out.append("? ").append(name).append("/ (stale)\n"));
  }

  private static String runList(List<String> names) {
    if (names.size() == 1) {
      return names.get(0);
    }
    if (names.size() <= 4) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more runs";
  }

  /**
   * The report of plan and scaffold (docs/JSON.md): experiment, environment, runs, stale_runs
   * (directories no longer in the plan), cells, controls_skipped, warnings, log.
   */
  public static String json(
      String command,
      ScaffoldPlan plan,
      List<RunOutcome> outcomes,
      Path log,
      List<String> staleRuns,
      List<CellOutcome> cells) {
    return JsonDocument.write(
        json -> {
          json.useDefaultPrettyPrinter();
          json.writeStartObject();
          json.writeStringField("command", command);
          json.writeStringField("experiment", plan.experiment().name());
          json.writeStringField("directory", plan.experiment().directory().toString());
          JsonDocument.writeOptional(json, "local_md", plan.local().source().map(Path::toString));
          json.writeStringField("date", plan.experiment().date());
          json.writeStringField("target", plan.target().id());
          json.writeObjectFieldStart("varying_parameters");
          for (Map.Entry<String, List<String>> entry : plan.varying().entrySet()) {
            json.writeArrayFieldStart(entry.getKey());
            for (String value : entry.getValue()) {
              ReportJson.setting(json, entry.getKey(), value);
            }
            json.writeEndArray();
          }
          json.writeEndObject();
          json.writeObjectFieldStart("environment");
          JsonDocument.writeOptional(json, "working_dir", plan.local().workingDir());
          JsonDocument.writeOptional(json, "conda_env", plan.local().condaEnv());
          JsonDocument.writeOptional(json, "account", plan.local().account());
          json.writeEndObject();
          json.writeArrayFieldStart("runs");
          for (RunOutcome outcome : outcomes) {
            writeRun(json, outcome);
          }
          json.writeEndArray();
          json.writeArrayFieldStart("stale_runs");
          for (String name : staleRuns) {
            json.writeStartObject();
            json.writeStringField("run", name);
            json.writeStringField("status", "stale");
            json.writeStringField("dir", plan.experiment().directory().resolve(name).toString());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeArrayFieldStart("cells");
          for (CellOutcome cell : cells) {
            writeCell(json, cell);
          }
          json.writeEndArray();
          DataJobReport.json(json, plan.dataJob().map(DataJobReport.Line::of));
          json.writeArrayFieldStart("controls_skipped");
          for (RunSpec control : plan.experiment().controlRuns()) {
            json.writeString(control.name());
          }
          json.writeEndArray();
          json.writeArrayFieldStart("warnings");
          for (Warning warning : plan.warnings()) {
            json.writeString(warning.render());
          }
          json.writeEndArray();
          if (log == null) {
            json.writeNullField("log");
          } else {
            json.writeStringField("log", log.toString());
          }
          json.writeEndObject();
        });
  }

  private static void writeCell(JsonGenerator json, CellOutcome outcome) throws IOException {
    EvalCell cell = outcome.cell();
    json.writeStartObject();
    ReportJson.cellFields(json, cell);
    json.writeStringField("run_type", cell.run().type().yamlName());
    json.writeStringField("task", cell.task().name());
    if (cell.epoch().isPresent()) {
      json.writeNumberField("epoch", cell.epoch().get());
    } else {
      json.writeNullField("epoch");
    }
    json.writeStringField("model_path", cell.modelPath());
    json.writeStringField("status", outcome.status().word());
    JsonDocument.writeOptional(json, "error", outcome.error());
    json.writeEndObject();
  }

  private static void writeRun(JsonGenerator json, RunOutcome outcome) throws IOException {
    PlannedRun run = outcome.planned();
    json.writeStartObject();
    json.writeStringField("run", run.run().name());
    json.writeStringField("status", outcome.status().word());
    json.writeStringField("dir", run.directory().toString());
    json.writeArrayFieldStart("files");
    for (String file : outcome.files()) {
      json.writeString(file);
    }
    json.writeEndArray();
    json.writeStringField("model", run.config().model().name());
    json.writeObjectFieldStart("parameters");
    for (Map.Entry<String, String> entry : run.run().parameterNames().entrySet()) {
      json.writeFieldName(entry.getValue());
      ReportJson.setting(json, entry.getKey(), run.run().parameters().get(entry.getKey()).text());
    }
    json.writeEndObject();
    ReportJson.resources(json, run.config().resources());
    json.writeStringField("output_dir", run.config().outputDir());
    json.writeArrayFieldStart("warnings");
    for (String warning : run.warnings()) {
      json.writeString(warning);
    }
    json.writeEndArray();
    json.writeArrayFieldStart("errors");
    for (String error : outcome.errors()) {
      json.writeString(error);
    }
    json.writeEndArray();
    json.writeArrayFieldStart("discarded");
    for (String difference : outcome.discarded()) {
      json.writeString(difference);
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static String withSlash(Path directory) {
    String text = directory.toString();
    return text.endsWith("/") ? text : text + "/";
  }
}
