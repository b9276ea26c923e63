package tunesmith.cli;

import java.io.IOException;
import java.util.Map;
import tunesmith.lock.WritingLock;
import tunesmith.slurm.LockAroundWaits;

/** Submit's experiment lock, let go of while its queue cap waits (docs/submitting.md). */
record LockLetGoWhileWaiting(WritingLock lock) implements LockAroundWaits {
  @Override
  public void letGo() throws IOException {
    lock.letGo();
  }

  @Override
  public void retake() throws IOException {
    lock.retake();
  }

  @Override
  public Map<String, String> withdrawn() throws IOException {
    return lock.withdrawn();
  }
}
