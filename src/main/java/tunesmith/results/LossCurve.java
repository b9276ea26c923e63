package tunesmith.results;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every loss a training job printed, read as cruijff_kit's {@code extract_loss} reads torchtune's
 * stdout: each match of {@code (\d+)\|(\d+)\|Loss: ([0-9.eE+-]+)} anywhere in the text (tqdm puts
 * several on one line, between carriage returns), the loss as Python's {@code float} reads it. Its
 * pattern, not status's ({@link tunesmith.slurm.TrainingProgress} also shows {@code nan}): the
 * summary's final loss must be the one cruijff_kit reports (docs/SUMMARIZE.md).
 */
public final class LossCurve {
  private static final Pattern LOSS = Pattern.compile("(\\d+)\\|(\\d+)\\|Loss: ([0-9.eE+-]+)");

  /** What Python's float() accepts of the characters the pattern takes. */
  private static final Pattern PYTHON_FLOAT =
      Pattern.compile("[-+]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?");

  private LossCurve() {}

  /** Thrown where extract_loss would stop: a loss that is not a number. */
  public static final class NotANumber extends IOException {
    NotANumber(String message) {
      super(message);
    }
  }

  /**
   * The points, in the order printed. The file is read line by line (a match never spans a line
   * break), so a gigabyte of output is never held at once; bytes that are not UTF-8 read as U+FFFD.
   */
  public static List<LossPoint> read(Path file) throws IOException {
    List<LossPoint> points = new ArrayList<>();
    try (BufferedReader lines =
        new BufferedReader(
            new java.io.InputStreamReader(
                Files.newInputStream(file),
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)),
            1 << 16)) {
      String line;
      long number = 0;
      while ((line = lines.readLine()) != null) {
        number++;
        parse(line, number, points);
      }
    }
    return points;
  }

  /** The points in a text (line numbers in errors count its own lines). */
  public static List<LossPoint> parse(String text) throws NotANumber {
    List<LossPoint> points = new ArrayList<>();
    String[] lines = text.split("\r\n|\r|\n", -1);
    for (int i = 0; i < lines.length; i++) {
      parse(lines[i], i + 1, points);
    }
    return points;
  }

  private static void parse(String line, long number, List<LossPoint> points) throws NotANumber {
    if (line.indexOf("|Loss: ") < 0) {
      return;
    }
    Matcher m = LOSS.matcher(line);
    while (m.find()) {
      String loss = m.group(3);
      if (!PYTHON_FLOAT.matcher(loss).matches()) {
        throw new NotANumber(
            "line " + number + ": loss '" + loss + "' is not a number (" + m.group() + ")");
      }
      try {
        points.add(
            new LossPoint(
                Integer.parseInt(m.group(1)),
                Long.parseLong(m.group(2)),
                Double.parseDouble(loss)));
      } catch (NumberFormatException tooLong) {
        throw new NotANumber("line " + number + ": epoch or step out of range (" + m.group() + ")");
      }
    }
  }
}
