package tunesmith.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.keys.SetupValue;
import tunesmith.problem.InputProblems;

class SetupFileTest {

  @TempDir Path dir;

  private static SetupValue v(String text) {
    return SetupValue.builtIn(text, "test");
  }

  private SetupFile.Contents roundTrip(Map<String, SetupValue> values) throws IOException {
    Path file = dir.resolve(SetupFile.FILE_NAME);
    Files.writeString(file, SetupFile.write(values));
    InputProblems problems = new InputProblems();
    SetupFile.Contents contents =
        SetupFile.read(file, problems).orElseThrow(() -> new AssertionError(problems.list()));
    assertThat(problems.list()).isEmpty();
    return contents;
  }

  @Test
  void everyValueKeepsItsTextThroughWriteAndRead() throws IOException {
    Map<String, SetupValue> values = new LinkedHashMap<>();
    values.put("prompt", v("Say: {input}\nAnswer:\t"));
    values.put("system_prompt", v("yes"));
    values.put("input_key", v("null"));
    values.put("output_key", v("~"));
    values.put("my_wandb_project", v("${x}"));
    values.put("my_wandb_run_name", v("r8_lr1e-5"));
    values.put("dataset_label", v("words_4L"));
    values.put("lr", v("1e-5"));
    values.put("weight_decay", v("0.01"));
    values.put("lora_rank", v("8"));
    values.put("lora_dropout", v(".05"));
    values.put("input_formatting", v(""));
    values.put("experiment_name", v("no"));
    values.put("torchtune_model_name", v("Llama-3.2-1B-Instruct"));
    values.put("partition", v(""));
    values.put("constraint", v("a100|h100"));
    values.put("time", v("00:15:00"));
    values.put("mem", v("16G"));
    values.put("epochs_to_save", v("0,2,4"));
    values.put("seed", v("0o17"));
    values.put("modules", v("anaconda3/2025.6,cuda/12.4"));
    values.put(
        "custom_recipe",
        v("cruijff_kit.tools.torchtune.custom_recipes.lora_finetune_single_device_stable"));
    Map<String, SetupValue> nasty =
        Map.of(
            "system_prompt",
                v("Größe 大 🙂 — \"quoted\" 'single' key: value # not a comment \\ back"),
            "input_key", v(" leading and trailing "),
            "output_key", v("@x"),
            "my_wandb_project", v("%x &a *x !tag [a] {b} | > ` \\${y} a\\\\${z}"));

    SetupFile.Contents contents = roundTrip(values);
    values.forEach(
        (key, value) ->
            assertThat(contents.values().get(key))
                .as(key)
                .isNotNull()
                .extracting(SetupValue::text)
                .isEqualTo(value.text()));
    assertThat(contents.warnings()).isEmpty();

    Map<String, SetupValue> second = new LinkedHashMap<>(values);
    second.putAll(nasty);
    SetupFile.Contents again = roundTrip(second);
    nasty.forEach(
        (key, value) -> assertThat(again.values().get(key).text()).as(key).isEqualTo(value.text()));
  }

  @Test
  void numbersAreWrittenAsTheUserWroteThem() {
    Map<String, SetupValue> values = new LinkedHashMap<>();
    values.put("lr", v("1e-5"));
    values.put("weight_decay", v("0.01"));
    String text = SetupFile.write(values);
    assertThat(text).contains("\nlr: 1e-5\n").contains("\nweight_decay: 0.01\n");
  }

  @Test
  void booleansAreWrittenAsQuotedTrueOrFalse() throws IOException {
    Map<String, SetupValue> values = new LinkedHashMap<>();
    values.put("packed", v("yes"));
    values.put("train_on_input", v("0"));
    values.put("stash_adapter_weights", v("True"));
    values.put("save_last_epoch_only", v("false"));
    String text = SetupFile.write(values);
    assertThat(text)
        .contains(
            "\npacked: 'true'\n",
            "\ntrain_on_input: 'false'\n",
            "\nstash_adapter_weights: 'true'\n",
            "\nsave_last_epoch_only: 'false'\n");
    SetupFile.Contents contents = roundTrip(values);
    assertThat(contents.values().get("packed").text()).isEqualTo("true");
    assertThat(contents.values().get("train_on_input").text()).isEqualTo("false");
  }

  @Test
  void nullValuesAreLeftOutAndKeysComeInTableOrder() {
    Map<String, SetupValue> values = new LinkedHashMap<>();
    values.put("time", v("00:15:00"));
    values.put("lora_rank", v("8"));
    values.put("mem", v(null));
    values.put("my_wandb_project", v("p"));
    String text = SetupFile.write(values);
    assertThat(text).doesNotContain("mem");
    List<String> keys =
        text.lines()
            .filter(line -> !line.startsWith("#"))
            .map(line -> line.substring(0, line.indexOf(':')))
            .toList();
    assertThat(keys).containsExactly("my_wandb_project", "lora_rank", "time");
  }

  @Test
  void readGivesOriginsAndWarnsAboutUnknownKeys() throws IOException {
    Path file = dir.resolve(SetupFile.FILE_NAME);
    Files.writeString(file, "lora_rank: 8\nlora_rnak: 16\nmem: ~\nepochs_to_save: [0, 2]\n");
    InputProblems problems = new InputProblems();
    SetupFile.Contents contents = SetupFile.read(file, problems).orElseThrow();
    assertThat(problems.list()).isEmpty();
    SetupValue rank = contents.values().get("lora_rank");
    assertThat(rank.origin().file()).isEqualTo(file);
    assertThat(rank.origin().line()).isEqualTo(1);
    assertThat(rank.origin().column()).isEqualTo("lora_rank: ".length() + 1);
    assertThat(contents.values()).doesNotContainKey("lora_rnak");
    assertThat(contents.warnings())
        .singleElement()
        .satisfies(w -> assertThat(w.message()).contains("lora_rnak").contains("lora_rank"));
    assertThat(contents.values().get("mem").isNull()).isTrue();
    assertThat(contents.values().get("epochs_to_save").text()).isEqualTo("0,2");
  }

  @Test
  void nestedValueIsAProblemAtItsLine() throws IOException {
    Path file = dir.resolve(SetupFile.FILE_NAME);
    Files.writeString(file, "lora_rank: 8\nprompt:\n  a: b\n");
    InputProblems problems = new InputProblems();
    SetupFile.read(file, problems);
    assertThat(problems.list())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("prompt");
              assertThat(p.line()).isEqualTo(3);
            });
  }
}
