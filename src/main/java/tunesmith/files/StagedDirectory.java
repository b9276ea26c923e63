package tunesmith.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A directory that does not exist yet, made with all its files in one step: everything is written
 * under the temporary name {@code .NAME.tmp-PID} beside it ({@link AtomicFiles#temporaryFor}), then
 * renamed to NAME. A reader, or the next scaffold after a kill, sees no directory or the whole one,
 * as with {@link AtomicFiles#write} for one file; and a new run or cell costs one rename instead of
 * one per file. What a killed process left is removed by {@link AtomicFiles#removeLeftovers}.
 */
public final class StagedDirectory {
  /** What goes into the directory, written through the {@link StagedDirectory} it is given. */
  @FunctionalInterface
  public interface Contents {
    void writeInto(StagedDirectory staged) throws IOException;
  }

  private final Path staged;

  private StagedDirectory(Path staged) {
    this.staged = staged;
  }

  /**
   * Makes {@code target}, whose parent must exist, with {@code contents}. Fails, leaving nothing
   * under the temporary name, when writing fails or when something took the name meanwhile
   * (FileAlreadyExistsException: it is never replaced).
   */
  public static void create(Path target, Contents contents) throws IOException {
    Path temporary = AtomicFiles.temporaryFor(target);
    Files.createDirectory(temporary);
    boolean moved = false;
    try {
      contents.writeInto(new StagedDirectory(temporary));
      // rename(2) would silently replace an empty directory of that name.
      if (Files.exists(target)) {
        throw new FileAlreadyExistsException(target.toString());
      }
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target);
      }
      moved = true;
    } finally {
      if (!moved) {
        AtomicFiles.deleteTree(temporary);
      }
    }
  }

  /**
   * Makes the directory {@code relative} inside, whose parent must exist: for what is staged in a
   * subdirectory (a run's evaluation cells).
   */
  public void createDirectory(String relative) throws IOException {
    Files.createDirectory(staged.resolve(relative));
  }

  /** Writes {@code relative} with {@code text} in UTF-8; its directory must have been made. */
  public void write(String relative, CharSequence text) throws IOException {
    Files.writeString(staged.resolve(relative), text, StandardCharsets.UTF_8);
  }

  /** As {@link #write}, and the file is executable ({@link AtomicFiles#EXECUTABLE}). */
  public void writeExecutable(String relative, CharSequence text) throws IOException {
    Path file = staged.resolve(relative);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, AtomicFiles.EXECUTABLE);
  }
}
