package tunesmith.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the epoch to resume from in an output_dir, as the two torchtune versions save it. */
class SavedEpochsTest {
  @TempDir Path out;

  private Path file(String relative) throws IOException {
    Path file = out.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "saved");
    return file;
  }

  @Test
  void nothingSavedIsNothingToResume() {
    SavedEpochs.Finding finding = SavedEpochs.last(out.resolve("absent"), 3);
    assertThat(finding.resumable()).isEmpty();
    assertThat(finding.why()).contains("no saved epoch");
  }

  @Test
  void nightlyKeepsTheRecipeStateInTheNewestEpochAndRecipeCheckpointStaysNull() throws IOException {
    file("epoch_0/adapter_model.pt");
    file("epoch_0/recipe_state.pt");
    Path adapter = file("epoch_1/adapter_model.pt");
    file("epoch_1/recipe_state.pt");
    Files.createDirectories(out.resolve("epoch_2")); // created, nothing saved yet: ignored
    SavedEpochs.Finding finding = SavedEpochs.last(out, 4);
    assertThat(finding.resumable())
        .contains(new SavedEpochs.Resumable(1, adapter, Optional.empty()));
  }

  @Test
  void torchtune061KeepsOneSharedRecipeStateWrittenAfterTheAdapter() throws IOException {
    Path adapter = file("epoch_0/adapter_model.pt");
    Path state = file("recipe_state/recipe_state.pt");
    Files.setLastModifiedTime(adapter, FileTime.fromMillis(1_000_000));
    Files.setLastModifiedTime(state, FileTime.fromMillis(2_000_000));
    assertThat(SavedEpochs.last(out, 2).resumable())
        .contains(new SavedEpochs.Resumable(0, adapter, Optional.of(state)));

    // A shared recipe state older than the newest adapter belongs to an earlier epoch.
    Files.setLastModifiedTime(state, FileTime.fromMillis(500_000));
    SavedEpochs.Finding stale = SavedEpochs.last(out, 2);
    assertThat(stale.resumable()).isEmpty();
    assertThat(stale.why()).contains("no recipe state");
  }

  @Test
  void aStashedAdapterIsFoundInItsSubFolder() throws IOException {
    Path adapter = file("epoch_3/adapter_weights/adapter_model.pt");
    file("epoch_3/recipe_state.pt");
    file("epoch_3/model-00001-of-00001.safetensors");
    assertThat(SavedEpochs.last(out, 5).resumable().map(SavedEpochs.Resumable::adapter))
        .contains(adapter);
  }

  @Test
  void theLastEpochAndAPartlySavedOneAreNotResumed() throws IOException {
    file("epoch_0/adapter_model.pt");
    file("epoch_0/recipe_state.pt");
    file("epoch_1/adapter_model.pt");
    SavedEpochs.Finding last = SavedEpochs.last(out, 2);
    assertThat(last.resumable()).isEmpty();
    assertThat(last.why()).contains("epoch_1 is the last epoch");

    // The checkpointer would pick the partly saved epoch_1, so epoch_0 is no way out either.
    SavedEpochs.Finding partial = SavedEpochs.last(out, 3);
    assertThat(partial.resumable()).isEmpty();
    assertThat(partial.why()).contains("epoch_1", "no recipe state");
  }
}
