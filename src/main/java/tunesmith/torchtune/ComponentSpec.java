package tunesmith.torchtune;

import java.util.List;
import java.util.Optional;

/**
 * What one {@code _component_} accepts in a target: its parameter names in order (the first ones
 * can be filled positionally by the recipe), the ones without a default, whether it takes {@code
 * **kwargs} (and the component it passes them on to, which then decides), and the values its guards
 * let through.
 */
public record ComponentSpec(
    String name,
    List<String> parameters,
    List<String> required,
    boolean kwargs,
    Optional<String> kwargsForwardedTo,
    List<Guard> guards) {

  public ComponentSpec {
    parameters = List.copyOf(parameters);
    required = List.copyOf(required);
    guards = List.copyOf(guards);
  }

  /** A builder that raises unless {@code parameter} is one of {@code allowed}. */
  public record Guard(String parameter, List<String> allowed) {
    public Guard {
      allowed = List.copyOf(allowed);
    }
  }
}
