package tunesmith.scaffold;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import tunesmith.adjust.Adjustment;
import tunesmith.adjust.RecordedAdjustments;
import tunesmith.files.AtomicFiles;
import tunesmith.keys.SetupValue;
import tunesmith.plan.PlannedRun;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.setup.SetupFile;
import tunesmith.verify.RunReadiness;

/**
 * {@code tunesmith setup --KEY VALUE} in a run of a scaffolded experiment: the override is recorded
 * in the run's {@code .tunesmith/adjustments.json} (cause {@code SETUP}), as retry records its
 * changes, and the run's three files are written from the plan with it applied. So the one
 * readiness check verify, submit and status ask accepts the run, and scaffold keeps the override
 * and says so (docs/submitting.md, "Setup overrides").
 */
public final class SetupOverrides {
  private SetupOverrides() {}

  /** What became of an override in a run of the experiment. */
  public sealed interface Outcome permits Recorded, NotRecorded {}

  /**
   * What recording did.
   *
   * @param written each of the run's files, and whether its bytes changed
   * @param changes the keys recorded, from the plan's value to the flag's ("" for unset)
   * @param mismatches what the readiness check still finds (none when all went well)
   */
  public record Recorded(
      PlannedRun run,
      Map<Path, Boolean> written,
      Map<String, Adjustment.Change> changes,
      List<String> mismatches)
      implements Outcome {}

  /** Why the override is not recorded though the run is the experiment's, if it is not. */
  public record NotRecorded(String why) implements Outcome {}

  /**
   * @param plan the experiment's plan, its recorded adjustments applied
   * @param flags the setup keys given on the command line
   * @param attempt the attempt the run's next submission is
   * @param at now, ISO-8601
   * @param replan plans the experiment again, reading the adjustment just recorded
   * @return empty when {@code runDirectory} is no run of the plan (setup then works alone)
   */
  public static Optional<Outcome> record(
      ScaffoldPlan plan,
      Path runDirectory,
      Map<String, SetupValue> flags,
      int attempt,
      String at,
      Supplier<ScaffoldPlan> replan)
      throws IOException {
    Optional<PlannedRun> found = find(plan, runDirectory);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    PlannedRun run = found.get();
    Path setupFile = run.directory().resolve(SetupFile.FILE_NAME);
    String planned = RunFiles.of(run).get(setupFile);
    if (!Files.exists(setupFile)
        || !Files.readString(setupFile, StandardCharsets.UTF_8).equals(planned)) {
      return Optional.of(
          new NotRecorded(
              SetupFile.FILE_NAME
                  + " is not what the experiment plans for run "
                  + run.run().name()
                  + " (edited by hand, or not scaffolded), so the override is not recorded:"
                  + " verify and submit refuse the run until its files are as planned"));
    }
    Map<String, Adjustment.Change> changes = new LinkedHashMap<>();
    flags.forEach(
        (key, value) -> {
          String from =
              Optional.ofNullable(run.setupValues().get(key)).map(SetupValue::text).orElse("");
          if (!from.equals(value.text())) {
            changes.put(key, new Adjustment.Change(from, value.text()));
          }
        });
    PlannedRun adjusted = run;
    if (!changes.isEmpty()) {
      RecordedAdjustments.read(run.directory())
          .append(run.directory(), new Adjustment(attempt, Adjustment.SETUP, at, changes));
      adjusted = find(replan.get(), runDirectory).orElseThrow();
    }
    Map<Path, Boolean> written = new LinkedHashMap<>();
    for (Map.Entry<Path, String> file : RunFiles.of(adjusted).entrySet()) {
      written.put(file.getKey(), AtomicFiles.writeIfChanged(file.getKey(), file.getValue()));
    }
    return Optional.of(
        new Recorded(
            adjusted, written, changes, RunReadiness.standard().check(adjusted.toCheck()).texts()));
  }

  private static Optional<PlannedRun> find(ScaffoldPlan plan, Path runDirectory) {
    Path wanted = runDirectory.toAbsolutePath().normalize();
    return plan.runs().stream()
        .filter(run -> run.directory().toAbsolutePath().normalize().equals(wanted))
        .findFirst();
  }
}
