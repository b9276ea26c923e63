package tunesmith.keys;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** epochs_to_save: {@code all}, {@code none} or a list of epoch numbers. */
public record EpochsToSave(boolean all, List<Integer> epochs) {

  public static Optional<EpochsToSave> parse(String text) {
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    if (trimmed.equals("all")) {
      return Optional.of(new EpochsToSave(true, List.of()));
    }
    if (trimmed.equals("none")) {
      return Optional.of(new EpochsToSave(false, List.of()));
    }
    List<Integer> epochs = new ArrayList<>();
    for (String part : trimmed.replace("[", "").replace("]", "").split(",", -1)) {
      try {
        int epoch = Integer.parseInt(part.trim());
        if (epoch < 0) {
          return Optional.empty();
        }
        epochs.add(epoch);
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.of(new EpochsToSave(false, List.copyOf(epochs)));
  }

  /** How many checkpoints a run of {@code totalEpochs} epochs saves. */
  public int checkpointCount(int totalEpochs, boolean lastEpochOnly) {
    if (lastEpochOnly) {
      return 1;
    }
    return all ? totalEpochs : (int) epochs.stream().filter(epoch -> epoch < totalEpochs).count();
  }
}
