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

  /** Bytes encoded at a time: the text is never copied whole (a 10,000-run log is megabytes). */
  static final int CHUNK = 64 * 1024;

  /** Writes {@code text} with the given open options (WRITE is implied) and forces it to disk. */
  public static void write(Path file, CharSequence text, OpenOption... options) throws IOException {
    Set<OpenOption> all = new HashSet<>(List.of(options));
    all.add(StandardOpenOption.WRITE);
    try (FileChannel channel = FileChannel.open(file, all)) {
      // A slice at a time, each through String.getBytes (its Latin-1 fast path; a CharsetEncoder
      // over the whole text went character by character, a quarter second for a 10,000-run log),
      // never cutting a surrogate pair. Anything unencodable becomes '?', as getBytes makes it.
      int start = 0;
      while (start < text.length()) {
        int end = Math.min(text.length(), start + CHUNK);
        if (end < text.length()
            && end - 1 > start
            && Character.isHighSurrogate(text.charAt(end - 1))) {
          end--;
        }
        ByteBuffer bytes =
            ByteBuffer.wrap(
                text.subSequence(start, end).toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        start = end;
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
