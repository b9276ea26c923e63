package tunesmith.slurm;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far training got, from torchtune's progress bar: its LoRA recipes describe each step as
 * {@code {epoch}|{step}|Loss: {loss}} (epoch counted from 1, step the global step).
 *
 * @param loss as printed (a float, or nan/inf)
 */
public record TrainingProgress(int epoch, long step, String loss) {
  private static final Pattern STEP =
      Pattern.compile(
          "(\\d+)\\|(\\d+)\\|Loss: ([-+]?(?:[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?|nan|inf))");

  /** The last progress line in a job's output, if any. */
  public static Optional<TrainingProgress> last(String output) {
    Matcher matcher = STEP.matcher(output);
    TrainingProgress last = null;
    while (matcher.find()) {
      try {
        last =
            new TrainingProgress(
                Integer.parseInt(matcher.group(1)),
                Long.parseLong(matcher.group(2)),
                matcher.group(3));
      } catch (NumberFormatException tooLong) {
        // Not a progress line after all (digits beyond an int): keep the last good one.
      }
    }
    return Optional.ofNullable(last);
  }

  /** {@code epoch 1, step 40, loss 0.693} */
  public String describe() {
    return "epoch " + epoch + ", step " + step + ", loss " + loss;
  }
}
