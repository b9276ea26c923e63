package tunesmith.slurm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The tag every job tunesmith submits carries in its {@code --comment}, which SLURM keeps and
 * squeue (and sacct, where the cluster stores comments) lists: {@code
 * tunesmith:{experiment}:{name}:{attempt}}. A job accepted but never recorded (tunesmith killed
 * after sbatch, sbatch timed out) is found by it (docs/submitting.md, "Faults while submitting").
 *
 * @param experiment {@link #experimentId} of the experiment directory
 * @param name the run, the cell ({@code run/eval/cell}) or the array ({@code array-...})
 * @param attempt the attempt the job is
 */
public record JobTag(String experiment, String name, int attempt) {
  private static final String PREFIX = "tunesmith";

  public JobTag {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt " + attempt + " < 1");
    }
  }

  /** {@code tunesmith:3f2a...:r8_lr1e-5:1}. */
  public String text() {
    return PREFIX + ":" + experiment + ":" + name + ":" + attempt;
  }

  public String sbatchOption() {
    return "--comment=" + text();
  }

  /**
   * The first 12 hex digits of the SHA-256 of the experiment directory's absolute path: the same
   * experiment always gets the same id, two experiments (even of one name) different ones.
   */
  public static String experimentId(Path experimentDirectory) {
    String path = experimentDirectory.toAbsolutePath().normalize().toString();
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** A comment that is one of tunesmith's tags; anything else (another tool's comment) is empty. */
  public static Optional<JobTag> parse(String comment) {
    String text = comment.strip();
    if (!text.startsWith(PREFIX + ":")) {
      return Optional.empty();
    }
    int last = text.lastIndexOf(':');
    int first = PREFIX.length() + 1;
    int second = text.indexOf(':', first);
    if (second < 0 || second >= last) {
      return Optional.empty();
    }
    String attempt = text.substring(last + 1);
    if (!attempt.matches("[1-9]\\d{0,5}")) {
      return Optional.empty();
    }
    return Optional.of(
        new JobTag(
            text.substring(first, second),
            text.substring(second + 1, last),
            Integer.parseInt(attempt)));
  }
}
