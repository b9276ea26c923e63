package tunesmith.parallel;

/**
 * Told how far a loop over runs has got: scaffold's writing and verify's checking call it, a
 * progress bar listens. {@link #runDone()} may be called from several threads at once.
 */
public interface ProgressListener {
  /** Listens to nothing: for tests, small experiments, pipes and --json. */
  ProgressListener NONE =
      new ProgressListener() {
        @Override
        public void started(int total) {}

        @Override
        public void runDone() {}

        @Override
        public void finished() {}
      };

  /** Before the first run, with how many there are. */
  void started(int total);

  /** After each run, whatever its outcome. */
  void runDone();

  /** After the last run (also when the loop ends early). */
  void finished();
}
