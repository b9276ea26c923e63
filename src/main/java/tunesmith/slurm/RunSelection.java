package tunesmith.slurm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tunesmith.plan.PlannedRun;
import tunesmith.verify.Mismatch;
import tunesmith.verify.Readiness;
import tunesmith.verify.RunReadiness;

/**
 * Which runs submit may send: of the runs asked for, the ones that are ready (the readiness check
 * {@code tunesmith verify} runs: scaffolded, files as tunesmith writes them now, read back as
 * planned and designed) and were not submitted before (unless forced).
 *
 * @param ready runs to submit, in plan order
 * @param refused runs asked for that are not submitted, with the reason
 */
public record RunSelection(List<PlannedRun> ready, List<Refusal> refused) {
  public RunSelection {
    ready = List.copyOf(ready);
    refused = List.copyOf(refused);
  }

  /**
   * @param asked the runs asked for, in plan order (what {@code --runs} names: {@link NamedRuns})
   */
  public static RunSelection select(List<PlannedRun> asked, boolean force) {
    RunReadiness readinessCheck = RunReadiness.standard();
    List<PlannedRun> ready = new ArrayList<>();
    List<Refusal> refused = new ArrayList<>();
    for (PlannedRun run : asked) {
      Optional<String> reason = reasonNotToSubmit(run, force, readinessCheck);
      if (reason.isPresent()) {
        refused.add(new Refusal(run.run().name(), reason.get()));
      } else {
        ready.add(run);
      }
    }
    return new RunSelection(ready, refused);
  }

  private static Optional<String> reasonNotToSubmit(
      PlannedRun run, boolean force, RunReadiness readinessCheck) {
    Readiness readiness = readinessCheck.check(run.toCheck());
    if (!readiness.ready()) {
      List<Mismatch> mismatches = readiness.mismatches();
      return Optional.of(
          (readiness.status() == Readiness.Status.INCOMPLETE
                  ? "not scaffolded ("
                  : "does not verify (")
              + mismatches.get(0).text()
              + (mismatches.size() > 1 ? "; " + (mismatches.size() - 1) + " more" : "")
              + "): run tunesmith scaffold, then tunesmith verify");
    }
    Optional<String> unsettled = SubmissionRecords.unsettled(run.directory());
    if (unsettled.isPresent() || force) {
      return unsettled;
    }
    try {
      return SubmissionRecords.read(run.directory())
          .map(
              record ->
                  "already submitted as job "
                      + record.jobId()
                      + (record.submittedAt().isEmpty() ? "" : " at " + record.submittedAt())
                      + "; --force submits it again");
    } catch (IOException unreadable) {
      return Optional.of(
          "already submitted (" + unreadable.getMessage() + "); --force submits it again");
    }
  }
}
