package tunesmith.slurm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tunesmith.plan.PlannedRun;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.verify.Mismatch;
import tunesmith.verify.Readiness;
import tunesmith.verify.RunReadiness;

/**
 * Which runs submit may send: the ones asked for (every fine-tuned run by default) that are ready
 * (the readiness check {@code tunesmith verify} runs: scaffolded, files as tunesmith writes them
 * now, read back as planned and designed) and were not submitted before (unless forced).
 *
 * @param ready runs to submit, in plan order
 * @param refused selected runs that are not submitted, with the reason
 * @param unknown names given that are no fine-tuned run of the plan
 */
public record RunSelection(List<PlannedRun> ready, List<Refusal> refused, List<String> unknown) {
  public RunSelection {
    ready = List.copyOf(ready);
    refused = List.copyOf(refused);
    unknown = List.copyOf(unknown);
  }

  /**
   * @param names the runs asked for; empty means all
   */
  public static RunSelection select(ScaffoldPlan plan, List<String> names, boolean force) {
    return select(plan, names, force, RunReadiness.standard());
  }

  /**
   * @param readinessCheck the check a run must pass to be sent (the one verify runs)
   */
  public static RunSelection select(
      ScaffoldPlan plan, List<String> names, boolean force, RunReadiness readinessCheck) {
    Map<String, PlannedRun> byName = new LinkedHashMap<>();
    plan.runs().forEach(run -> byName.put(run.run().name(), run));
    List<String> unknown =
        names.stream().filter(name -> !byName.containsKey(name)).distinct().toList();
    List<PlannedRun> ready = new ArrayList<>();
    List<Refusal> refused = new ArrayList<>();
    for (PlannedRun run : plan.runs()) {
      if (!names.isEmpty() && !names.contains(run.run().name())) {
        continue;
      }
      Optional<String> reason = reasonNotToSubmit(run, force, readinessCheck);
      if (reason.isPresent()) {
        refused.add(new Refusal(run.run().name(), reason.get()));
      } else {
        ready.add(run);
      }
    }
    return new RunSelection(ready, refused, unknown);
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
    if (force) {
      return Optional.empty();
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
