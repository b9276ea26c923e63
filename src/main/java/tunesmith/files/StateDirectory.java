package tunesmith.files;

/**
 * {@code .tunesmith}: tunesmith's own files inside an experiment (lock, array wrappers) and inside
 * a run (its submission record). One name, so no part of tunesmith mistakes it for a run.
 */
public final class StateDirectory {
  public static final String NAME = ".tunesmith";

  private StateDirectory() {}
}
