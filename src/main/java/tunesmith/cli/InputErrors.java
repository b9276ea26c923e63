package tunesmith.cli;

import tunesmith.problem.InputProblem;
import tunesmith.problem.InvalidInputException;
import tunesmith.report.JsonDocument;

/** Prints invalid input the same way for every command: every problem, then what happened. */
final class InputErrors {

  private InputErrors() {}

  static int report(InvalidInputException invalid, CliContext context, boolean json) {
    int count = invalid.problems().size();
    context
        .err()
        .println(
            "tunesmith: the input is invalid ("
                + count
                + " problem"
                + (count == 1 ? "" : "s")
                + "); nothing was written:");
    for (InputProblem problem : invalid.problems()) {
      context.err().println("  " + problem.render());
    }
    if (json) {
      context.out().print(json(invalid));
    }
    return ExitCode.INVALID_INPUT;
  }

  private static String json(InvalidInputException invalid) {
    return JsonDocument.write(
        json -> {
          json.useDefaultPrettyPrinter();
          json.writeStartObject();
          json.writeStringField("status", "invalid_input");
          json.writeArrayFieldStart("problems");
          for (InputProblem problem : invalid.problems()) {
            json.writeStartObject();
            json.writeStringField(
                "file", problem.file() == null ? null : problem.file().toString());
            json.writeNumberField("line", problem.line());
            json.writeNumberField("column", problem.column());
            json.writeStringField("field", problem.field());
            json.writeStringField("found", problem.found());
            json.writeStringField("expected", problem.expected());
            json.writeStringField("message", problem.render());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        });
  }
}
