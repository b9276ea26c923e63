package tunesmith.problem;

import java.util.List;
import java.util.stream.Collectors;

/** The input is invalid: exit code 2, nothing written. Carries every problem found. */
public final class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<InputProblem> problems;

  public InvalidInputException(List<InputProblem> problems) {
    super(
        problems.stream().map(InputProblem::render).collect(Collectors.joining("\n")),
        null,
        false,
        false);
    this.problems = List.copyOf(problems);
  }

  public InvalidInputException(InputProblem problem) {
    this(List.of(problem));
  }

  public List<InputProblem> problems() {
    return problems;
  }
}
