package tunesmith.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
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
  private static final int CHUNK = 64 * 1024;

  /** Writes {@code text} with the given open options (WRITE is implied) and forces it to disk. */
  public static void write(Path file, CharSequence text, OpenOption... options) throws IOException {
    Set<OpenOption> all = new HashSet<>(List.of(options));
    all.add(StandardOpenOption.WRITE);
    try (FileChannel channel = FileChannel.open(file, all)) {
      // As String.getBytes would: anything unencodable becomes '?'.
      CharsetEncoder encoder =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE);
      CharBuffer chars = CharBuffer.wrap(text);
      ByteBuffer bytes = ByteBuffer.allocate(CHUNK);
      boolean done = false;
      while (!done) {
        CoderResult result = encoder.encode(chars, bytes, true);
        done = result.isUnderflow() && encoder.flush(bytes).isUnderflow();
        bytes.flip();
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        bytes.clear();
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
