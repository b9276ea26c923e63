package tunesmith.verify;

import java.util.List;

/** The answer of {@link RunReadiness} for one run: ready when nothing is mismatched. */
public record Readiness(List<Mismatch> mismatches) {
  public enum Status {
    READY("ok"),
    INCOMPLETE("incomplete"),
    MISMATCH("mismatch");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    /** The word reports use (verify's JSON "status"). */
    public String label() {
      return label;
    }
  }

  public Readiness {
    mismatches = List.copyOf(mismatches);
  }

  public boolean ready() {
    return mismatches.isEmpty();
  }

  public Status status() {
    if (mismatches.isEmpty()) {
      return Status.READY;
    }
    return mismatches.stream().allMatch(m -> m.kind() == Mismatch.Kind.INCOMPLETE)
        ? Status.INCOMPLETE
        : Status.MISMATCH;
  }

  public List<String> texts() {
    return mismatches.stream().map(Mismatch::text).toList();
  }
}
