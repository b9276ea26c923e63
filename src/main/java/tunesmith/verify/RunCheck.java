package tunesmith.verify;

import java.util.List;

/** One check of a run whose three files are all present; empty when it finds nothing. */
@FunctionalInterface
public interface RunCheck {
  List<Mismatch> check(RunUnderCheck run);
}
