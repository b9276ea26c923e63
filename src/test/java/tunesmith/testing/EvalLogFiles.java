package tunesmith.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** inspect-ai logs written by the tests: a {@code .eval} is a zip of JSON entries. */
public final class EvalLogFiles {
  private EvalLogFiles() {}

  /** Writes {@code file} with the entries given as name, text, name, text, ... */
  public static Path write(Path file, String... entries) {
    try {
      Files.createDirectories(file.getParent());
      try (OutputStream out = Files.newOutputStream(file);
          ZipOutputStream zip = new ZipOutputStream(out)) {
        for (int i = 0; i < entries.length; i += 2) {
          zip.putNextEntry(new ZipEntry(entries[i]));
          zip.write(entries[i + 1].getBytes(StandardCharsets.UTF_8));
          zip.closeEntry();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /**
   * A successful log of a {@code match} scorer over 0/1 targets: one sample per pair of target and
   * completion, accuracy as the header says.
   */
  public static Path binary(Path file, double accuracy, String[][] targetAndCompletion) {
    String[] entries = new String[2 + 2 * targetAndCompletion.length];
    entries[0] = "header.json";
    entries[1] =
        "{\"version\": 2, \"status\": \"success\", \"eval\": {\"task\": \"cap\"},"
            + " \"results\": {\"total_samples\": "
            + targetAndCompletion.length
            + ", \"completed_samples\": "
            + targetAndCompletion.length
            + ", \"scores\": [{\"name\": \"match\", \"scorer\": \"match\", \"scored_samples\": "
            + targetAndCompletion.length
            + ", \"metrics\": {\"accuracy\": {\"name\": \"accuracy\", \"value\": "
            + accuracy
            + "}}}]}}";
    for (int i = 0; i < targetAndCompletion.length; i++) {
      entries[2 + 2 * i] = "samples/" + (i + 1) + "_epoch_1.json";
      entries[3 + 2 * i] =
          "{\"id\": "
              + (i + 1)
              + ", \"epoch\": 1, \"target\": \""
              + targetAndCompletion[i][0]
              + "\", \"output\": {\"completion\": \""
              + targetAndCompletion[i][1]
              + "\"}, \"messages\": []}";
    }
    return write(file, entries);
  }
}
