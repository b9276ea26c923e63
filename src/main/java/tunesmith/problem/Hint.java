package tunesmith.problem;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A command tunesmith suggests, written so that it runs as printed from any directory: {@code
 * tunesmith COMMAND /absolute/experiment [OPTION...]} between backquotes, each word quoted for the
 * shell when it needs to be (HintsRunTest runs the hints commands print).
 */
public record Hint(String command, Path experiment, List<String> options) {
  private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_./=+:@%,-]+");

  public Hint {
    options = List.copyOf(options);
  }

  public static Hint of(String command, Path experiment, String... options) {
    return new Hint(command, experiment, List.of(options));
  }

  /** {@code `tunesmith retry /work/exp --runs r8`} */
  @Override
  public String toString() {
    List<String> words = new ArrayList<>(List.of("tunesmith", command));
    words.add(experiment.toAbsolutePath().normalize().toString());
    words.addAll(options);
    StringBuilder text = new StringBuilder("`");
    for (String word : words) {
      text.append(text.length() == 1 ? "" : " ")
          .append(BARE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'");
    }
    return text.append('`').toString();
  }
}
