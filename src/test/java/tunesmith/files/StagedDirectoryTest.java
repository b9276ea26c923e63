package tunesmith.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedDirectoryTest {
  @TempDir Path dir;

  private Stream<String> names(Path directory) throws IOException {
    return Files.list(directory).map(p -> p.getFileName().toString()).sorted();
  }

  @Test
  void nothingIsUnderTheNameUntilCommitThenTheWholeDirectory() throws IOException {
    Path cell = dir.resolve("capitalization_epoch0");
    StagedDirectory staged = StagedDirectory.begin(cell);
    staged.write("eval.yaml", "task: capitalization ✓\n");
    staged.writeExecutable("cell.slurm", "#!/bin/bash\n");
    staged.directory("logs");

    assertThat(cell).doesNotExist();
    assertThat(names(dir)).containsExactly(AtomicFiles.temporaryFor(cell).getFileName().toString());

    staged.commit();

    assertThat(names(dir)).containsExactly("capitalization_epoch0");
    assertThat(names(cell)).containsExactly("cell.slurm", "eval.yaml", "logs");
    assertThat(Files.readString(cell.resolve("eval.yaml"))).isEqualTo("task: capitalization ✓\n");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(cell.resolve("cell.slurm"))))
        .isEqualTo("rwxr-xr-x");
    assertThat(cell.resolve("logs")).isEmptyDirectory();
  }

  @Test
  void aNameTakenMeanwhileIsNeverReplacedAndNothingStagedIsLeft() throws IOException {
    Path run = dir.resolve("r1");
    StagedDirectory staged = StagedDirectory.begin(run);
    staged.write("finetune.yaml", "new\n");
    Files.createDirectory(run); // an empty directory: rename(2) alone would replace it

    assertThatThrownBy(staged::commit).isInstanceOf(FileAlreadyExistsException.class);

    assertThat(names(dir)).containsExactly("r1");
    assertThat(run).isEmptyDirectory();
  }

  @Test
  void anAbandonedDirectoryIsRemovedWithWhatWasInIt() throws IOException {
    StagedDirectory staged = StagedDirectory.begin(dir.resolve("r2"));
    staged.directory("logs");
    staged.write("logs/a.txt", "a");

    staged.abandon();

    assertThat(dir).isEmptyDirectory();
  }
}
