package tunesmith.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tunesmith.render.FinetuneLayout;

/** docs/KEYS.md is generated from the tables in code; it must never drift from them. */
class KeysDocTest {

  @Test
  void keysDocumentIsTheOutputOfTheKeysCommand() throws Exception {
    String committed = Files.readString(Path.of("docs/KEYS.md"), StandardCharsets.UTF_8);
    assertThat(committed)
        .as("docs/KEYS.md is stale: regenerate it with ./tunesmith keys > docs/KEYS.md")
        .isEqualTo(KeysCommand.markdown());
  }

  @Test
  void everyFinetuneKeyIsDocumentedOnce() {
    String all = KeysCommand.markdown();
    String markdown =
        all.substring(all.indexOf("## finetune.yaml"), all.indexOf("## setup_finetune.yaml"));
    for (FinetuneLayout.Row row : FinetuneLayout.ROWS) {
      assertThat(markdown.split("\\| `" + java.util.regex.Pattern.quote(row.path()) + "` \\|", -1))
          .as(row.path())
          .hasSize(2);
    }
  }
}
