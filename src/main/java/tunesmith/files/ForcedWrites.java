package tunesmith.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes that reach the disk before they return (fsync), for what nothing can rebuild: the
 * experiment lock, the log, submission records. Run files skip this; see {@link AtomicFiles}.
 */
public final class ForcedWrites {
  private ForcedWrites() {}

  /** Writes {@code text} with the given open options (WRITE is implied) and forces it to disk. */
  public static void write(Path file, String text, OpenOption... options) throws IOException {
    Set<OpenOption> all = new HashSet<>(List.of(options));
    all.add(StandardOpenOption.WRITE);
    try (FileChannel channel = FileChannel.open(file, all)) {
      ByteBuffer buffer = StandardCharsets.UTF_8.encode(text);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  /**
   * fsync of a directory makes a new name in it (a rename, a created file) durable. Best effort:
   * some file systems refuse it, and the name exists either way; only its survival of a power loss
   * is then not confirmed, which no caller could do anything about.
   */
  public static void forceDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Refused by this file system (e.g. EINVAL): nothing more to do, see above.
    }
  }
}
