package tunesmith.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import tunesmith.problem.InputProblem;
import tunesmith.problem.InvalidInputException;

/** Prints invalid input the same way for every command: every problem, then what happened. */
final class InputErrors {


    private InputErrors() {
    }

    static int report(InvalidInputException invalid, CliContext context, boolean json) {
        int count = invalid.problems().size();
        context.err().println("tunesmith: the input is invalid (" + count + " problem" + (count == 1 ? "" : "s") + "); nothing was written:");
        for (InputProblem problem : invalid.problems()) {
            context.err().println("  " + problem.render());
        }
        if (json) {
            context.out().print(json(invalid));
        }
        return ExitCode.INVALID_INPUT;
    }

    private static String json(InvalidInputException invalid) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("status", "invalid_input");
            json.writeArrayFieldStart("problems");
            for (InputProblem problem : invalid.problems()) {
                json.writeStartObject();
                json.writeStringField("file", problem.file() == null ? null : problem.file().toString());
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text + "\n";
    }
}
