package tunesmith.report;

import java.util.ArrayList;
import java.util.List;
import tunesmith.scaffold.RunOutcome;

/**
 * What the report's first lines say, from what happened to each run: never "created" for a run left
 * unchanged or updated, never "successfully" above failed runs (issue 23.12).
 */
record ScaffoldHeadline(long created, long updated, long unchanged, long failed, long interrupted) {
  static ScaffoldHeadline of(List<RunOutcome> outcomes) {
    long created = count(outcomes, RunOutcome.Status.CREATED);
    long updated = count(outcomes, RunOutcome.Status.UPDATED);
    long unchanged = count(outcomes, RunOutcome.Status.UNCHANGED);
    return new ScaffoldHeadline(
        created,
        updated,
        unchanged,
        outcomes.stream().filter(RunOutcome::failed).count(),
        outcomes.stream().filter(RunOutcome::interrupted).count());
  }

  private static long count(List<RunOutcome> outcomes, RunOutcome.Status status) {
    return outcomes.stream()
        .filter(o -> !o.failed() && !o.interrupted() && o.status() == status)
        .count();
  }

  long written() {
    return created + updated + unchanged;
  }

  boolean allCreated() {
    return written() == created;
  }

  String title() {
    if (interrupted > 0) {
      return "## Scaffold Torchtune Interrupted";
    }
    return failed > 0
        ? "## Scaffold Torchtune Finished With Failures"
        : "## Scaffold Torchtune Complete";
  }

  String summary() {
    String runs = written() == 1 ? " fine-tuning run" : " fine-tuning runs";
    List<String> parts = new ArrayList<>();
    if (!allCreated()) {
      addPart(parts, created, "created");
      addPart(parts, updated, "updated");
      addPart(parts, unchanged, "unchanged");
    }
    addPart(parts, failed, "failed (see Failed Runs)");
    addPart(parts, interrupted, "not written (see Interrupted)");
    String detail = parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    if (written() == 0) {
      return "No fine-tuning run scaffolded" + detail;
    }
    if (failed > 0 || interrupted > 0) {
      return "Scaffolded "
          + written()
          + " of "
          + (written() + failed + interrupted)
          + runs
          + detail;
    }
    return (allCreated() ? "Successfully created " : "Successfully scaffolded ")
        + written()
        + runs
        + detail;
  }

  private static void addPart(List<String> parts, long count, String what) {
    if (count > 0) {
      parts.add(count + " " + what);
    }
  }
}
