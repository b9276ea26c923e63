package tunesmith.verify;

/**
 * One way a run is not ready: what kind of difference it is, and the difference in words.
 *
 * @param kind what the difference is about; callers decide by this, never by the text
 * @param text what differs, naming the file and key or line, found vs expected
 */
public record Mismatch(Kind kind, String text) {
  public enum Kind {
    /** A run file is missing (not scaffolded yet, or an interrupted scaffold). */
    INCOMPLETE,
    /** A file is not byte for byte what tunesmith writes now from the current inputs. */
    EDITED,
    /** Read back as its consumer reads it, a file does not say what the run's settings say. */
    READBACK,
    /** A file does not say what the experiment designs for the run. */
    DESIGN,
    /** finetune.yaml holds what the target's torchtune or cruijff_kit would reject. */
    TARGET,
    /** A file cannot be read. */
    UNREADABLE
  }

  @Override
  public String toString() {
    return text;
  }
}
