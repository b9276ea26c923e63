package tunesmith.slurm;

import java.nio.file.Path;
import java.util.List;
import tunesmith.problem.Hint;
import tunesmith.verify.Mismatch;
import tunesmith.verify.Readiness;

/**
 * Why a run or cell that is not ready is not submitted, and what to do. For files that differ the
 * advice is verify's, not a scaffold: a scaffold rewrites from whatever claude.local.md it finds,
 * which may not be the experiment's own (issue 23.4); verify names each difference and says.
 */
final class NotReady {
  private NotReady() {}

  static String reason(Readiness readiness, Path experiment) {
    List<Mismatch> mismatches = readiness.mismatches();
    String first =
        mismatches.get(0).text()
            + (mismatches.size() > 1 ? "; " + (mismatches.size() - 1) + " more" : "");
    return readiness.status() == Readiness.Status.INCOMPLETE
        ? "not scaffolded ("
            + first
            + "): run "
            + Hint.of("scaffold", experiment)
            + ", then "
            + Hint.of("verify", experiment)
        : "does not verify ("
            + first
            + "): "
            + Hint.of("verify", experiment)
            + " names each difference and what to do";
  }
}
