package tunesmith.problem;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Collects every input problem of a read, so the user sees all of them at once. */
public final class InputProblems {
  private final List<InputProblem> problems = new ArrayList<>();

  /** Adds a problem; the same problem found twice (e.g. once per run) is reported once. */
  public void add(InputProblem problem) {
    if (!problems.contains(problem)) {
      problems.add(problem);
    }
  }

  public void add(Path file, String field, int line, int column, String found, String expected) {
    add(new InputProblem(file, field, line, column, found, expected));
  }

  public int size() {
    return problems.size();
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  public List<InputProblem> list() {
    return List.copyOf(problems);
  }

  /** Ends the read with every problem collected so far, if there is any. */
  public void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new InvalidInputException(list());
    }
  }
}
