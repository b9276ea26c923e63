package tunesmith.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedDirectoryTest {
  @TempDir Path dir;

  private List<String> names(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void nothingIsUnderTheNameUntilAllIsWrittenThenTheWholeDirectory() throws IOException {
    Path cell = dir.resolve("capitalization_epoch0");
    List<List<String>> whileWriting = new ArrayList<>();

    StagedDirectory.create(
        cell,
        staged -> {
          staged.write("eval.yaml", "task: capitalization ✓\n");
          staged.writeExecutable("cell.slurm", "#!/bin/bash\n");
          whileWriting.add(names(dir));
        });

    assertThat(whileWriting)
        .containsExactly(List.of(AtomicFiles.temporaryFor(cell).getFileName().toString()));
    assertThat(names(dir)).containsExactly("capitalization_epoch0");
    assertThat(names(cell)).containsExactly("cell.slurm", "eval.yaml");
    assertThat(Files.readString(cell.resolve("eval.yaml"))).isEqualTo("task: capitalization ✓\n");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(cell.resolve("cell.slurm"))))
        .isEqualTo("rwxr-xr-x");
  }

  @Test
  void subdirectoriesStagedInsideAppearWithTheDirectoryAndNotBefore() throws IOException {
    Path run = dir.resolve("r1");
    List<Boolean> cellSeenWhileWriting = new ArrayList<>();

    StagedDirectory.create(
        run,
        staged -> {
          staged.write("finetune.yaml", "run\n");
          staged.createDirectory("eval");
          staged.createDirectory("eval/capitalization_epoch0");
          staged.writeExecutable("eval/capitalization_epoch0/cell.slurm", "#!/bin/bash\n");
          cellSeenWhileWriting.add(Files.exists(run.resolve("eval/capitalization_epoch0")));
        });

    assertThat(cellSeenWhileWriting).containsExactly(false);
    assertThat(names(dir)).containsExactly("r1");
    assertThat(names(run.resolve("eval"))).containsExactly("capitalization_epoch0");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(
                    run.resolve("eval/capitalization_epoch0/cell.slurm"))))
        .isEqualTo("rwxr-xr-x");
  }

  @Test
  void aNameTakenMeanwhileIsNeverReplacedAndNothingStagedIsLeft() throws IOException {
    Path run = dir.resolve("r1");

    assertThatThrownBy(
            () ->
                StagedDirectory.create(
                    run,
                    staged -> {
                      staged.write("finetune.yaml", "new\n");
                      // An empty directory: rename(2) alone would replace it.
                      Files.createDirectory(run);
                    }))
        .isInstanceOf(FileAlreadyExistsException.class);

    assertThat(names(dir)).containsExactly("r1");
    assertThat(run).isEmptyDirectory();
  }

  @Test
  void aWriteThatFailsLeavesNothingBehind() {
    assertThatThrownBy(
            () ->
                StagedDirectory.create(
                    dir.resolve("r2"),
                    staged -> {
                      staged.write("a.txt", "a");
                      staged.write("missing/b.txt", "b");
                    }))
        .isInstanceOf(IOException.class);

    assertThat(dir).isEmptyDirectory();
  }
}
