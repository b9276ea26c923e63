package tunesmith.scaffold;

import java.util.List;
import tunesmith.plan.PlannedRun;

/**
 * What happened to one run: for the report, the JSON and the exit code.
 *
 * @param discarded what an update replaced: each key or line the run's files held that differs from
 *     what was written (hand edits among them), as verify names it
 * @param withCells whether the run's directory was made with its evaluation cells already in it (a
 *     new run: see {@link ScaffoldWriter})
 */
public record RunOutcome(
    PlannedRun planned,
    Status status,
    List<String> files,
    List<String> errors,
    boolean withCells,
    List<String> discarded) {

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
    discarded = List.copyOf(discarded);
  }

  /** Nothing replaced. */
  public RunOutcome(
      PlannedRun planned,
      Status status,
      List<String> files,
      List<String> errors,
      boolean withCells) {
    this(planned, status, files, errors, withCells, List.of());
  }

  /** A run whose directory was not made with its cells in it. */
  public RunOutcome(PlannedRun planned, Status status, List<String> files, List<String> errors) {
    this(planned, status, files, errors, false);
  }

  public boolean failed() {
    return status == Status.FAILED;
  }

  /** Whether the run was left alone because the scaffold was interrupted before it. */
  public boolean interrupted() {
    return status == Status.INTERRUPTED;
  }
}
