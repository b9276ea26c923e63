package tunesmith.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForcedWritesTest {
  @TempDir Path dir;

  /** Encoded a chunk at a time: characters of 1 to 4 bytes across many chunk boundaries. */
  @Test
  void writesLongTextExactlyAsItsUtf8Bytes() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; text.length() < 300_000; i++) {
      text.append("run ").append(i).append(" ✓ café 🙂\n");
    }
    Path file = dir.resolve("log");
    ForcedWrites.write(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    ForcedWrites.write(file, "end\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    assertThat(Files.readAllBytes(file))
        .isEqualTo((text + "end\n").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anUnpairedSurrogateBecomesAQuestionMarkAsStringGetBytesMakesIt() throws IOException {
    String text = "a\uD800b";
    Path file = dir.resolve("odd");
    ForcedWrites.write(file, text, StandardOpenOption.CREATE_NEW);
    assertThat(Files.readAllBytes(file)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A surrogate pair that would straddle two slices is written whole, not as two '?'. */
  @Test
  void aPairAtASliceBoundaryStaysWhole() throws IOException {
    String text = "a".repeat(ForcedWrites.CHUNK - 1) + "🙂" + "b".repeat(ForcedWrites.CHUNK) + "🙂";
    Path file = dir.resolve("pair");
    ForcedWrites.write(file, new StringBuilder(text), StandardOpenOption.CREATE_NEW);
    assertThat(Files.readAllBytes(file)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
  }
}
