package tunesmith.slurm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tunesmith.report.VerifyReport;
import tunesmith.scaffold.PlannedRun;
import tunesmith.scaffold.ScaffoldPlan;
import tunesmith.verify.RunVerifier;

/**
 * Which runs submit may send: the ones asked for (every fine-tuned run by default) that are
 * scaffolded, verify against the plan (as {@code tunesmith verify} checks them) and were not
 * submitted before (unless forced).
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
      Optional<String> reason = reasonNotToSubmit(run, force);
      if (reason.isPresent()) {
        refused.add(new Refusal(run.run().name(), reason.get()));
      } else {
        ready.add(run);
      }
    }
    return new RunSelection(ready, refused, unknown);
  }

  private static Optional<String> reasonNotToSubmit(PlannedRun run, boolean force) {
    List<String> mismatches =
        RunVerifier.verify(run.directory(), run.config(), run.designed(), run.target());
    if (!mismatches.isEmpty()) {
      String status = VerifyReport.status(mismatches);
      return Optional.of(
          (status.equals("incomplete") ? "not scaffolded (" : "does not verify (")
              + mismatches.get(0)
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
