package tunesmith.verify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tunesmith.setup.SetupFile;

/**
 * Whether a run is ready to submit: the one check behind verify, submit and status. A run is ready
 * when its three files are present, each is byte for byte what tunesmith writes now from the
 * current inputs, and the files read back as their consumers read them say what the plan and the
 * experiment's design say.
 */
public final class RunReadiness {
  /** The files every run has, in the order scaffold writes them. */
  public static final List<String> RUN_FILES =
      List.of(SetupFile.FILE_NAME, "finetune.yaml", "finetune.slurm");

  private final List<RunCheck> checks;

  public RunReadiness(List<RunCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  /**
   * The checks tunesmith runs: the files read back against the plan and the design, then each file
   * against what tunesmith writes now (the catch-all for any other edit).
   */
  public static RunReadiness standard() {
    return new RunReadiness(List.of(RunVerifier::verify, new GeneratedFilesCheck()));
  }

  public Readiness check(RunUnderCheck run) {
    List<Mismatch> missing = new ArrayList<>();
    for (String name : RUN_FILES) {
      Path file = run.directory().resolve(name);
      if (!Files.isRegularFile(file)) {
        missing.add(new Mismatch(Mismatch.Kind.INCOMPLETE, name + " is missing"));
      }
    }
    if (!missing.isEmpty()) {
      return new Readiness(missing);
    }
    List<Mismatch> mismatches = new ArrayList<>();
    checks.forEach(check -> mismatches.addAll(check.check(run)));
    return new Readiness(oneReportPerEdit(mismatches));
  }

  /**
   * An edit is reported once, as the file holds it: when a file is not what tunesmith writes now,
   * its byte comparison names each key that differs (found vs expected, as written), so the
   * read-back and design checks, which would report the same key again in other number formats, are
   * left out. (Files tunesmith writes read back right: they are checked by scaffold.)
   */
  private static List<Mismatch> oneReportPerEdit(List<Mismatch> mismatches) {
    boolean edited = mismatches.stream().anyMatch(m -> m.kind() == Mismatch.Kind.EDITED);
    if (!edited) {
      return mismatches;
    }
    return mismatches.stream().filter(m -> !REPEATS_AN_EDIT.contains(m.kind())).toList();
  }

  private static final java.util.Set<Mismatch.Kind> REPEATS_AN_EDIT =
      java.util.EnumSet.of(Mismatch.Kind.READBACK, Mismatch.Kind.DESIGN);

  /**
   * An evaluation cell is ready when eval.yaml and cell.slurm are present and byte for byte what
   * tunesmith writes now.
   */
  public Readiness check(CellUnderCheck cell) {
    List<Mismatch> missing = new ArrayList<>();
    cell.expected()
        .keySet()
        .forEach(
            name -> {
              if (!Files.isRegularFile(cell.directory().resolve(name))) {
                missing.add(new Mismatch(Mismatch.Kind.INCOMPLETE, name + " is missing"));
              }
            });
    if (!missing.isEmpty()) {
      return new Readiness(missing);
    }
    return new Readiness(GeneratedFilesCheck.compare(cell.directory(), cell.expected()));
  }
}
