package tunesmith.environment;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import tunesmith.problem.InputProblems;

/**
 * Reads claude.local.md: the user's cluster account, partition, conda environment and the like. Bad
 * input (missing, unreadable or non-UTF-8 file, a GPU count or time of the wrong shape) becomes an
 * {@link tunesmith.problem.InputProblem}; this class does not throw for it. Values are returned as
 * written (trimmed); checking that they are safe in a shell script is the render stage's job.
 */
public final class LocalSettingsReader {
  /** A claude.local.md is a page or two; anything near this is the wrong file. */
  public static final int MAX_BYTES = 1024 * 1024;

  private LocalSettingsReader() {}

  /**
   * Reads {@code file} as UTF-8. When it cannot be read, records the problem and returns settings
   * with nothing set.
   */
  public static LocalSettings read(Path file, InputProblems problems) {
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        problems.add(
            file,
            "",
            0,
            0,
            "a file of " + size + " bytes",
            "a claude.local.md of at most " + MAX_BYTES + " bytes");
        return nothingSet(file);
      }
      // Strict, as YamlFileReader reads: bytes that are not UTF-8 throw, never become U+FFFD.
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return parse(file, withoutByteOrderMark(text), problems);
    } catch (NoSuchFileException e) {
      problems.add(file, "", 0, 0, "no such file", "the file to exist");
    } catch (CharacterCodingException e) {
      problems.add(file, "", 0, 0, "bytes that are not UTF-8", "a UTF-8 text file");
    } catch (IOException e) {
      problems.add(
          file, "", 0, 0, "a file that cannot be read (" + e.getMessage() + ")", "a readable file");
    }
    return nothingSet(file);
  }

  /** Parses {@code markdown} as if read from {@code file} (used in messages and as the source). */
  public static LocalSettings parse(Path file, String markdown, InputProblems problems) {
    return SettingsResolver.resolve(file, MarkdownScanner.scan(markdown), problems);
  }

  /** Settings from {@code file} with nothing set, for a file that could not be read. */
  private static LocalSettings nothingSet(Path file) {
    return SettingsResolver.resolve(
        file, new ScannedMarkdown(List.of(), List.of()), new InputProblems());
  }

  /** Editors on Windows may start the file with U+FEFF; it is not part of the first heading. */
  private static String withoutByteOrderMark(String text) {
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }
}
