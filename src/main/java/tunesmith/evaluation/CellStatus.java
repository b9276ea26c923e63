package tunesmith.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Optional;

/**
 * What status shows of one cell: its state (SLURM's, checked against inspect's log) and its newest
 * log with the log's status and headline scores.
 *
 * @param slurmState the job's state, or empty when the cell was never submitted
 */
public record CellStatus(EvalCell cell, Optional<String> slurmState, Optional<EvalLogSummary> log) {

  public static final String NOT_SUBMITTED = "NOT_SUBMITTED";

  /** Reads the cell's newest log; an unreadable log directory reads as no log. */
  public static CellStatus of(EvalCell cell, Optional<String> slurmState) {
    return of(cell, slurmState, Optional.empty());
  }

  /**
   * Reads the cell's newest log, when its current job can have written it: a log older than the
   * job's submission is an earlier attempt's, and is not this job's outcome (a cancelled cell does
   * not show the success of the attempt before).
   *
   * @param submittedAt when the cell's current job was submitted
   */
  public static CellStatus of(
      EvalCell cell, Optional<String> slurmState, Optional<Instant> submittedAt) {
    Optional<EvalLogSummary> log;
    try {
      log = EvalLogs.newestSummary(cell.logDirectory());
      if (log.isPresent() && submittedAt.isPresent()) {
        Instant written = Files.getLastModifiedTime(log.get().file()).toInstant();
        if (written.isBefore(submittedAt.get())) {
          log = Optional.empty();
        }
      }
    } catch (IOException e) {
      log = Optional.empty();
    }
    return new CellStatus(cell, slurmState, log);
  }

  public String state() {
    return slurmState.map(state -> CellState.of(state, log)).orElse(NOT_SUBMITTED);
  }

  /** {@code cap_epoch0 COMPLETED logs/x.eval success match/accuracy=0.75}. */
  public String render() {
    StringBuilder line = new StringBuilder(cell.name()).append(' ').append(state());
    log.ifPresent(
        summary -> {
          line.append(' ')
              .append(cell.directory().relativize(summary.file()))
              .append(' ')
              .append(summary.status());
          summary.error().ifPresent(error -> line.append(" (").append(error).append(')'));
          summary.scores().forEach(score -> line.append(' ').append(score.render()));
        });
    return line.toString();
  }
}
