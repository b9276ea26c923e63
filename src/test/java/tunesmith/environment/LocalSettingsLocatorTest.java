package tunesmith.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSettingsLocatorTest {
  @TempDir Path temp;

  private Path current;
  private Path experiment;

  @BeforeEach
  void layOutDirectories() throws IOException {
    current = Files.createDirectories(temp.resolve("cwd"));
    experiment = Files.createDirectories(temp.resolve("project/experiments/cap_lora_lr_sweep"));
  }

  @Test
  void explicitPathWinsOverEverything() throws IOException {
    Path explicit = touch(temp.resolve("elsewhere/mine.md"));
    touch(current.resolve("claude.local.md"));
    touch(experiment.resolve("claude.local.md"));

    assertThat(LocalSettingsLocator.locate(Optional.of(explicit), current, experiment))
        .contains(explicit);
  }

  @Test
  void missingExplicitPathIsReturnedSoTheReaderReportsIt() {
    Path explicit = temp.resolve("missing.md");

    assertThat(LocalSettingsLocator.locate(Optional.of(explicit), current, experiment))
        .contains(explicit);
  }

  @Test
  void relativeExplicitPathIsTakenFromTheCurrentDirectory() {
    assertThat(
            LocalSettingsLocator.locate(
                Optional.of(Path.of("../notes/local.md")), current, experiment))
        .contains(temp.resolve("notes/local.md"));
  }

  @Test
  void currentDirectoryWinsOverTheExperimentDirectory() throws IOException {
    Path inCurrent = touch(current.resolve("claude.local.md"));
    touch(experiment.resolve("claude.local.md"));

    assertThat(LocalSettingsLocator.locate(Optional.empty(), current, experiment))
        .contains(inCurrent);
  }

  @Test
  void experimentDirectoryWinsOverItsParents() throws IOException {
    Path inExperiment = touch(experiment.resolve("claude.local.md"));
    touch(temp.resolve("project/claude.local.md"));

    assertThat(LocalSettingsLocator.locate(Optional.empty(), current, experiment))
        .contains(inExperiment);
  }

  @Test
  void nearestParentOfTheExperimentDirectoryIsUsed() throws IOException {
    Path inProject = touch(temp.resolve("project/claude.local.md"));
    touch(temp.resolve("claude.local.md"));

    assertThat(LocalSettingsLocator.locate(Optional.empty(), current, experiment))
        .contains(inProject);
  }

  @Test
  void relativeExperimentDirectoryIsTakenFromTheCurrentDirectory() throws IOException {
    Path inProject = touch(temp.resolve("project/claude.local.md"));

    assertThat(
            LocalSettingsLocator.locate(
                Optional.empty(), current, Path.of("../project/experiments/cap_lora_lr_sweep")))
        .contains(inProject);
  }

  @Test
  void aDirectoryNamedClaudeLocalMdIsNotTheFile() throws IOException {
    Files.createDirectories(current.resolve("claude.local.md"));
    Path inExperiment = touch(experiment.resolve("claude.local.md"));

    assertThat(LocalSettingsLocator.locate(Optional.empty(), current, experiment))
        .contains(inExperiment);
  }

  @Test
  void emptyWhenNoFileExists() {
    // The search climbs to the root; that is only "nowhere" if no ancestor of the temp dir has one.
    assumeTrue(
        LocalSettingsLocator.candidates(temp, temp).stream().noneMatch(Files::exists),
        "a claude.local.md exists above the temporary directory");

    assertThat(LocalSettingsLocator.locate(Optional.empty(), current, experiment)).isEmpty();
  }

  @Test
  void candidatesAreInSearchOrderWithoutRepeats() {
    assertThat(LocalSettingsLocator.candidates(experiment, experiment))
        .startsWith(
            experiment.resolve("claude.local.md"),
            temp.resolve("project/experiments/claude.local.md"),
            temp.resolve("project/claude.local.md"),
            temp.resolve("claude.local.md"))
        .doesNotHaveDuplicates()
        .last()
        .isEqualTo(experiment.getRoot().resolve("claude.local.md"));
  }

  private static Path touch(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, "# claude.local.md\n");
  }
}
