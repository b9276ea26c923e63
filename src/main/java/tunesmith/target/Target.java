package tunesmith.target;

import java.util.Arrays;
import java.util.Optional;

/**
 * The versions of cruijff_kit and torchtune that will read the generated files. The experiment's
 * format chooses one (the January format: {@link #CRUIJFF_KIT_2026_01}; the 2026 format: {@link
 * #CRUIJFF_KIT_0_3}); {@code --target} overrides the choice.
 */
public enum Target {
  CRUIJFF_KIT_2026_01("cruijff_kit-2026.01"),
  CRUIJFF_KIT_0_3("cruijff_kit-0.3");

  private final String id;

  Target(String id) {
    this.id = id;
  }

  /** The name users write and reports show, e.g. {@code cruijff_kit-0.3}. */
  public String id() {
    return id;
  }

  public static Optional<Target> byId(String id) {
    return Arrays.stream(values()).filter(target -> target.id.equals(id)).findFirst();
  }

  @Override
  public String toString() {
    return id;
  }
}
