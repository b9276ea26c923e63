package tunesmith.slurm;

import java.io.IOException;
import java.util.Map;

/**
 * What a submit does with the experiment lock around each wait on the queue: lets go of it, so
 * cancel and status work while it waits, and takes it again before it writes; then it asks what
 * cancel withdrew meanwhile (docs/submitting.md, "Queue limits").
 */
public interface LockAroundWaits {
  /** Keeps whatever lock there is through the waits (tests, and submits that never wait). */
  LockAroundWaits KEPT =
      new LockAroundWaits() {
        @Override
        public void letGo() {}

        @Override
        public void retake() {}

        @Override
        public Map<String, String> withdrawn() {
          return Map.of();
        }
      };

  void letGo() throws IOException;

  void retake() throws IOException;

  /** The runs and cells cancel withdrew while this submit waited, by name: who and when. */
  Map<String, String> withdrawn() throws IOException;
}
