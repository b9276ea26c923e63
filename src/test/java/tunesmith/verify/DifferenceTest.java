package tunesmith.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** How verify explains a file that differs: key by key for YAML, line by line for the script. */
class DifferenceTest {
  private static final Path FILE = Path.of("finetune.yaml");

  @Test
  void yamlNamesChangedMissingAndExtraKeysByDottedPath() {
    String expected = "a: 1\nmodel:\n  lora_rank: 8\n  lora_alpha: 16\nlist: [x, y]\n";
    String found = "a: 1\nmodel:\n  lora_rank: 64\nlist: [x]\nextra: true\n";

    assertThat(YamlDifference.explain(FILE, found, expected))
        .containsExactly(
            "model.lora_rank: found 64, expected 8",
            "model.lora_alpha: missing, expected 16",
            "list: found [x], expected [x, y]",
            "extra: true, which tunesmith does not write");
  }

  @Test
  void yamlTellsAQuotedValueFromAPlainOneAndIgnoresComments() {
    assertThat(YamlDifference.explain(FILE, "# note\nseed: '42'\n", "seed: 42\n"))
        .containsExactly("seed: found '42', expected 42");
    assertThat(YamlDifference.explain(FILE, "# a comment\nseed: 42\n", "seed: 42\n")).isEmpty();
  }

  @Test
  void yamlThatDoesNotLoadSaysWhere() {
    assertThat(YamlDifference.explain(FILE, "seed: [\n", "seed: 42\n"))
        .singleElement()
        .asString()
        .startsWith("does not load: ")
        .contains("finetune.yaml");
  }

  @Test
  void scriptLinesChangedAddedAndRemovedAreNumberedAsInTheFileFound() {
    String expected = "#!/bin/bash\nmodule load x\nconda activate env1\ntune run\n";
    String found = "#!/bin/bash\necho hi\nmodule load x\nconda activate base\ntune run\n";

    assertThat(LineDifference.explain(found, expected))
        .containsExactly(
            "line 2: 'echo hi', which tunesmith does not write",
            "line 4: found 'conda activate base', expected 'conda activate env1'");
    assertThat(LineDifference.explain("a\nc\n", "a\nb\nc\n"))
        .containsExactly("after line 1: missing 'b'");
    assertThat(LineDifference.explain("a\nb", "a\nb\n"))
        .containsExactly("differs only in line endings or the final newline");
  }
}
