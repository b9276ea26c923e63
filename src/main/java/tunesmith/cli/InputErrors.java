package tunesmith.cli;

import java.io.PrintStream;
import tunesmith.problem.InputProblem;
import tunesmith.problem.InvalidInputException;

/** Prints invalid input the same way for every command: every problem, then what happened. */
final class InputErrors {
    static final int EXIT = 2;

    private InputErrors() {
    }

    static int report(InvalidInputException invalid, PrintStream err) {
        int count = invalid.problems().size();
        err.println("tunesmith: the input is invalid (" + count + " problem" + (count == 1 ? "" : "s") + "); nothing was written:");
        for (InputProblem problem : invalid.problems()) {
            err.println("  " + problem.render());
        }
        return EXIT;
    }
}
