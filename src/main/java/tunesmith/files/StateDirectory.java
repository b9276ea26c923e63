package tunesmith.files;

/**
 * {@code .tunesmith}: tunesmith's own files inside an experiment (lock, array wrappers) and inside
 * a run (its submission record). One name, so no part of tunesmith mistakes it for a run.
 */
public final class StateDirectory {
  public static final String NAME = ".tunesmith";

  /** Where submit records a run's submission, inside the run; a run that has one is "submitted". */
  public static final String SUBMISSION_RECORD = NAME + "/submission.json";

  /**
   * Where submit writes what it is about to submit, just before sbatch; the record replaces it once
   * the job is known (docs/submitting.md, "Faults while submitting").
   */
  public static final String SUBMISSION_INTENT = NAME + "/intent.json";

  private StateDirectory() {}
}
