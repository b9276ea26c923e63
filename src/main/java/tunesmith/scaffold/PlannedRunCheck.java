package tunesmith.scaffold;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tunesmith.files.AtomicFiles;
import tunesmith.setup.SetupFile;
import tunesmith.verify.RunVerifier;

/**
 * What `tunesmith verify` checks of one run: its files read back as consumers would (RunVerifier),
 * and its setup_finetune.yaml against the one the plan writes. The second catches a run an
 * interrupted scaffold left with a new finetune.yaml beside an old setup_finetune.yaml, which
 * `tunesmith setup` would turn back into the old configuration.
 */
public final class PlannedRunCheck {
  private PlannedRunCheck() {}

  /** Every mismatch; empty when the run is complete and as planned. */
  public static List<String> check(PlannedRun run) {
    List<String> mismatches =
        new ArrayList<>(
            RunVerifier.verify(run.directory(), run.config(), run.designed(), run.target()));
    if (mismatches.stream().anyMatch(text -> text.startsWith("incomplete"))) {
      return mismatches;
    }
    Path setupFile = run.directory().resolve(SetupFile.FILE_NAME);
    try {
      if (AtomicFiles.differs(setupFile, SetupFile.write(run.setupValues()))) {
        mismatches.add(
            SetupFile.FILE_NAME
                + " is not the one this experiment's plan writes (edited by hand, "
                + "or left from an earlier version by an interrupted scaffold): run scaffold to rewrite it");
      }
    } catch (IOException e) {
      mismatches.add(SetupFile.FILE_NAME + " cannot be read: " + e.getMessage());
    }
    return mismatches;
  }
}
