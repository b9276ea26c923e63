package tunesmith.scaffold;

import java.util.Optional;
import tunesmith.evaluation.EvalCell;

/**
 * What scaffold did with one evaluation cell: for the report, the JSON and the exit code.
 *
 * @param error why the cell was not written (its files could not be written, or its run failed)
 */
public record CellOutcome(EvalCell cell, RunOutcome.Status status, Optional<String> error) {

  public boolean failed() {
    return status == RunOutcome.Status.FAILED;
  }
}
