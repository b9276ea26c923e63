package tunesmith.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  private static long deadPid() throws IOException, InterruptedException {
    Process process = new ProcessBuilder("true").start();
    process.waitFor();
    return process.pid();
  }

  private Stream<String> names() throws IOException {
    return Files.list(dir).map(p -> p.getFileName().toString()).sorted();
  }

  @Test
  void bothWaysOfWritingReplaceTheFileAndLeaveNoTemporaryFile() throws IOException {
    Path file = dir.resolve("finetune.yaml");
    AtomicFiles.write(file, "old\n");
    AtomicFiles.writeDurably(file, "new ✓\n");

    assertThat(Files.readString(file)).isEqualTo("new ✓\n");
    assertThat(names()).containsExactly("finetune.yaml");
  }

  @Test
  void aFileIsTheSameDifferentOrMissingAndTwoFilesSayTheMoreOfTheirStates() throws IOException {
    Path file = dir.resolve("eval.yaml");
    assertThat(AtomicFiles.compare(file, "a\n")).isEqualTo(AtomicFiles.Comparison.MISSING);
    AtomicFiles.write(file, "a\n");
    assertThat(AtomicFiles.compare(file, "a\n")).isEqualTo(AtomicFiles.Comparison.SAME);
    assertThat(AtomicFiles.compare(file, "b\n")).isEqualTo(AtomicFiles.Comparison.DIFFERENT);
    assertThat(AtomicFiles.compare(dir, "a\n"))
        .as("a directory in the file's place")
        .isEqualTo(AtomicFiles.Comparison.DIFFERENT);

    for (AtomicFiles.Comparison one : AtomicFiles.Comparison.values()) {
      assertThat(one.and(one)).isEqualTo(one);
      assertThat(AtomicFiles.Comparison.SAME.and(one)).isEqualTo(one);
      assertThat(one.and(AtomicFiles.Comparison.MISSING)).isEqualTo(AtomicFiles.Comparison.MISSING);
    }
    assertThat(AtomicFiles.Comparison.DIFFERENT.and(AtomicFiles.Comparison.SAME))
        .isEqualTo(AtomicFiles.Comparison.DIFFERENT);
  }

  @Test
  void anExecutableReplacesAFileWithItsModeAlreadySet() throws IOException {
    Path file = dir.resolve("cell.slurm");
    AtomicFiles.write(file, "#!/bin/bash\necho old\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r--r--");

    assertThat(AtomicFiles.writeIfChanged(file, "#!/bin/bash\necho new\n", true))
        .isEqualTo(AtomicFiles.Comparison.DIFFERENT);

    assertThat(Files.readString(file)).isEqualTo("#!/bin/bash\necho new\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rwxr-xr-x");
    try (Stream<Path> entries = Files.list(dir)) {
      assertThat(entries).containsExactly(file);
    }
  }

  @Test
  void anEqualFileIsLeftAloneWithItsModificationTime() throws IOException {
    Path file = dir.resolve("finetune.slurm");
    AtomicFiles.write(file, "#!/bin/bash\n");
    FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(file, old);

    assertThat(AtomicFiles.writeIfChanged(file, "#!/bin/bash\n")).isFalse();
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);
    assertThat(AtomicFiles.writeIfChanged(file, "#!/bin/bash\nexit 0\n")).isTrue();
    assertThat(Files.getLastModifiedTime(file)).isNotEqualTo(old);
  }

  @Test
  void onlyTemporaryFilesOfDeadProcessesAreRemoved() throws Exception {
    long dead = deadPid();
    Process live = new ProcessBuilder("sleep", "30").start();
    try {
      Files.writeString(dir.resolve(".finetune.yaml.tmp-" + dead), "half");
      Files.writeString(dir.resolve(".finetune.slurm.tmp-" + live.pid()), "being written");
      Files.writeString(dir.resolve(".notes.tmp-abc"), "not ours");
      Files.writeString(dir.resolve("finetune.yaml"), "real");

      assertThat(AtomicFiles.removeLeftovers(dir)).isEqualTo(1);

      assertThat(names())
          .containsExactly(".finetune.slurm.tmp-" + live.pid(), ".notes.tmp-abc", "finetune.yaml");
    } finally {
      live.destroy();
    }
  }

  @Test
  void aDirectoryADeadProcessWasStagingIsRemovedWithItsContents() throws Exception {
    long dead = deadPid();
    Path halfMade = Files.createDirectories(dir.resolve(".r1.tmp-" + dead + "/eval/c0/logs"));
    Files.writeString(halfMade.resolveSibling("eval.yaml"), "half");
    Path outside = Files.createDirectories(dir.resolve("elsewhere"));
    Files.writeString(outside.resolve("keep.txt"), "kept");
    Files.createSymbolicLink(dir.resolve(".r1.tmp-" + dead + "/link"), outside);

    assertThat(AtomicFiles.removeLeftovers(dir)).isEqualTo(1);

    assertThat(names()).containsExactly("elsewhere");
    assertThat(outside.resolve("keep.txt")).as("a link is removed, not followed").exists();
  }

  @Test
  void temporaryNamesAreRecognisedAndNeverAFinalName() {
    assertThat(
            AtomicFiles.isTemporary(
                AtomicFiles.temporaryFor(dir.resolve("setup_finetune.yaml"))
                    .getFileName()
                    .toString()))
        .isTrue();
    assertThat(AtomicFiles.isTemporary("setup_finetune.yaml")).isFalse();
    assertThat(AtomicFiles.isTemporary(".lock.tmp-12")).isTrue();
  }
}
