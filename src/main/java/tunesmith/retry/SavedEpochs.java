package tunesmith.retry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The newest epoch a run's recipe saved in its output_dir, and whether training can resume from it
 * (docs/submitting.md, "Resuming after a time limit"). torchtune's checkpointer resumes from the
 * newest non-empty {@code epoch_N} directory, so only that one is looked at: when it lacks what
 * resuming needs, the run is not resumed at all.
 */
public final class SavedEpochs {
  private static final Pattern EPOCH = Pattern.compile("epoch_(\\d{1,9})");

  /**
   * Where an epoch's adapter weights are, in the order looked at: the checkpointer's file, then
   * where the cruijff_kit-2026.01 target's {@code stash_adapter_weights} moves it.
   */
  private static final List<String> ADAPTER_FILES =
      List.of("adapter_model.pt", "adapter_weights/adapter_model.pt");

  /** What resuming needs, as the checkpointer's adapter_checkpoint and recipe_checkpoint. */
  public record Resumable(int epoch, Path adapter, Optional<Path> recipeCheckpoint) {}

  /** The epoch to resume from, or why there is none. */
  public record Finding(Optional<Resumable> resumable, String why) {
    static Finding none(String why) {
      return new Finding(Optional.empty(), why);
    }
  }

  /** Where a torchtune version keeps an intermediate epoch's recipe state. */
  private enum RecipeStateLayout {
    /** torchtune after 0.6: {@code epoch_N/recipe_state.pt}; recipe_checkpoint stays null. */
    IN_EPOCH {
      @Override
      Optional<Optional<Path>> find(Path outputDir, Path epochDir, Path adapter) {
        return Files.isRegularFile(epochDir.resolve(RECIPE_STATE))
            ? Optional.of(Optional.empty())
            : Optional.empty();
      }
    },
    /**
     * torchtune 0.6: {@code recipe_state/recipe_state.pt}, overwritten by every intermediate save
     * after the epoch's adapter; one older than the adapter belongs to an earlier epoch.
     */
    SHARED {
      @Override
      Optional<Optional<Path>> find(Path outputDir, Path epochDir, Path adapter) {
        Path state = outputDir.resolve("recipe_state").resolve(RECIPE_STATE);
        return Files.isRegularFile(state) && modified(state).compareTo(modified(adapter)) >= 0
            ? Optional.of(Optional.of(state))
            : Optional.empty();
      }
    };

    private static final String RECIPE_STATE = "recipe_state.pt";

    /** Empty when absent; else the recipe_checkpoint to write (empty: leave it null). */
    abstract Optional<Optional<Path>> find(Path outputDir, Path epochDir, Path adapter);
  }

  private SavedEpochs() {}

  /**
   * @param outputDir the run's output_dir (absolute)
   * @param epochs the run's total epochs: the last one is saved without recipe state
   */
  public static Finding last(Path outputDir, long epochs) {
    Optional<Integer> newest;
    try {
      newest = newestEpoch(outputDir);
    } catch (IOException e) {
      return Finding.none("cannot read " + outputDir + " (" + e.getMessage() + ")");
    }
    if (newest.isEmpty()) {
      return Finding.none("no saved epoch in " + outputDir);
    }
    int epoch = newest.get();
    Path epochDir = outputDir.resolve("epoch_" + epoch);
    if (epoch + 1 >= epochs) {
      return Finding.none(
          "epoch_" + epoch + " is the last epoch (saved without recipe state): nothing to resume");
    }
    Optional<Path> adapter =
        ADAPTER_FILES.stream().map(epochDir::resolve).filter(Files::isRegularFile).findFirst();
    if (adapter.isEmpty()) {
      return Finding.none(epochDir + " has no adapter_model.pt (saved only in part?)");
    }
    for (RecipeStateLayout layout : RecipeStateLayout.values()) {
      Optional<Optional<Path>> state = layout.find(outputDir, epochDir, adapter.get());
      if (state.isPresent()) {
        return new Finding(
            Optional.of(new Resumable(epoch, adapter.get(), state.get())),
            "resuming after epoch_" + epoch);
      }
    }
    return Finding.none(epochDir + " has no recipe state (saved only in part?)");
  }

  /** The highest N of a non-empty {@code epoch_N} directory, as the checkpointer picks it. */
  private static Optional<Integer> newestEpoch(Path outputDir) throws IOException {
    if (!Files.isDirectory(outputDir)) {
      return Optional.empty();
    }
    try (Stream<Path> entries = Files.list(outputDir)) {
      return entries
          .filter(Files::isDirectory)
          .filter(SavedEpochs::nonEmpty)
          .map(path -> EPOCH.matcher(path.getFileName().toString()))
          .filter(Matcher::matches)
          .map(m -> Integer.parseInt(m.group(1)))
          .max(Integer::compare);
    }
  }

  private static boolean nonEmpty(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.findAny().isPresent();
    } catch (IOException e) {
      return false;
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }
}
