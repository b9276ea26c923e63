package tunesmith.scaffold;

import java.util.List;
import tunesmith.plan.PlannedRun;

/** What happened to one run: for the report, the JSON and the exit code. */
public record RunOutcome(
    PlannedRun planned, Status status, List<String> files, List<String> errors) {

  public enum Status {
    CREATED("created"),
    UPDATED("updated"),
    UNCHANGED("unchanged"),
    FAILED("failed"),
    PLANNED("planned"),
    /**
     * Not started: the scaffold was interrupted (Ctrl-C) first; the run's files are as they were.
     */
    INTERRUPTED("interrupted");

    private final String word;

    Status(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }
  }

  public RunOutcome {
    files = List.copyOf(files);
    errors = List.copyOf(errors);
  }

  public boolean failed() {
    return status == Status.FAILED;
  }

  /** Whether the run was left alone because the scaffold was interrupted before it. */
  public boolean interrupted() {
    return status == Status.INTERRUPTED;
  }
}
