package tunesmith.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
      assertThat(
              markdown.split("\n\\| `" + java.util.regex.Pattern.quote(row.path()) + "` \\|", -1))
          .as(row.path())
          .hasSize(2);
    }
  }

  @Test
  void everyTargetsRowsAreInTheDocumentedTableWithTheirOwnSource() {
    List<String> documented = FinetuneLayout.ROWS.stream().map(FinetuneLayout.Row::path).toList();
    String markdown = KeysCommand.markdown();
    for (tunesmith.profile.Profile target : tunesmith.profile.Profiles.all()) {
      for (FinetuneLayout.Row row : FinetuneLayout.rows(target)) {
        assertThat(documented).as(target + " " + row.path()).contains(row.path());
        assertThat(markdown).contains(row.source());
      }
    }
    assertThat(
            FinetuneLayout.rows(tunesmith.profile.Profiles.CRUIJFF_KIT_0_3).stream()
                .map(FinetuneLayout.Row::path))
        .doesNotContain("epochs_to_save", "save_last_epoch_only", "stash_adapter_weights")
        .contains("save_adapter_weights_only", "output_dir");
    assertThat(markdown)
        .contains(
            "| `epochs_to_save` | setup: epochs_to_save ('all', or a list; none: []) | not written: this target's recipes never read it |");
  }
}
