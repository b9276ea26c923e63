package tunesmith.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A directory that does not exist yet, made with all its files in one step: everything is written
 * under the temporary name {@code .NAME.tmp-PID} beside it ({@link AtomicFiles#temporaryFor}), then
 * renamed to NAME. A reader, or the next scaffold after a kill, sees no directory or the whole one,
 * as with {@link AtomicFiles#write} for one file; and a new run or cell costs one rename instead of
 * one per file. What a killed process left is removed by {@link AtomicFiles#removeLeftovers}.
 */
public final class StagedDirectory {
  private static final Set<PosixFilePermission> EXECUTABLE =
      Set.copyOf(PosixFilePermissions.fromString("rwxr-xr-x"));

  private final Path target;
  private final Path staged;

  private StagedDirectory(Path target, Path staged) {
    this.target = target;
    this.staged = staged;
  }

  /**
   * Starts {@code target}, whose parent must exist. Fails with FileAlreadyExistsException when this
   * process already has it staged.
   */
  public static StagedDirectory begin(Path target) throws IOException {
    Path staged = AtomicFiles.temporaryFor(target);
    Files.createDirectory(staged);
    return new StagedDirectory(target, staged);
  }

  /** Writes {@code relative} (its directories already made) with {@code text} in UTF-8. */
  public void write(String relative, CharSequence text) throws IOException {
    Files.writeString(staged.resolve(relative), text, StandardCharsets.UTF_8);
  }

  /** As {@link #write}, and the file is executable (rwxr-xr-x). */
  public void writeExecutable(String relative, CharSequence text) throws IOException {
    Path file = staged.resolve(relative);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, EXECUTABLE);
  }

  /** Makes the directory {@code relative}, its parent already made. */
  public void directory(String relative) throws IOException {
    Files.createDirectory(staged.resolve(relative));
  }

  /**
   * Renames the staged directory to its name. Fails with FileAlreadyExistsException, and removes
   * what was staged, if something took the name meanwhile; the caller then writes it the careful
   * way. On any failure nothing is left under the temporary name.
   */
  public void commit() throws IOException {
    boolean moved = false;
    try {
      if (Files.exists(target)) {
        throw new FileAlreadyExistsException(target.toString());
      }
      try {
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(staged, target);
      }
      moved = true;
    } finally {
      if (!moved) {
        abandon();
      }
    }
  }

  /** Removes what was staged (after a failure while writing it). */
  public void abandon() throws IOException {
    AtomicFiles.deleteTree(staged);
  }
}
