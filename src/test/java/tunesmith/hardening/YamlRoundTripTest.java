package tunesmith.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.Cli;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;
import tunesmith.testing.Json;
import tunesmith.testing.PythonLoaders;

/**
 * Strings that YAML 1.1 (PyYAML) or OmegaConf would read as something else come back exactly as written: each is one
 * run's system_prompt, input_key and prompt, scaffolded, and every finetune.yaml and setup_finetune.yaml is loaded in
 * one Python process. finetune.yaml is OmegaConf's (torchtune's) file, so a {@code ${} in it is escaped for OmegaConf;
 * PyYAML then sees the escape, which is the one deliberate difference.
 */
class YamlRoundTripTest {
  static final List<String> TRICKY =
      List.of(
          "yes",
          "no",
          "Yes",
          "NO",
          "on",
          "off",
          "y",
          "n",
          "true",
          "False",
          "null",
          "Null",
          "~",
          "",
          "1e3",
          "1E-5",
          "0o17",
          "0x1F",
          "017",
          "1_000",
          "+12",
          "-0",
          ".5",
          ".inf",
          "-.inf",
          ".NaN",
          "1:20",
          "2026-11-29",
          "*x",
          "&anchor",
          "!tag",
          "!!str",
          "${oc.env:HOME}",
          "${x}",
          "a ${b} c",
          "\\${escaped}",
          "\\",
          "\\\\",
          "C:\\path\\",
          "%percent",
          "@at",
          "`tick`",
          "|",
          ">",
          "?",
          "-",
          "- item",
          "? key",
          ": colon",
          "key: value",
          "#hash",
          "a #b",
          "[a, b]",
          "{a: b}",
          "'single'",
          "\"double\"",
          "it's",
          "trailing space ",
          "  leading space",
          " ",
          "\t tab",
          "two\nlines",
          "trailing newline\n",
          "\n",
          "crlf\r\nline",
          "naïve café",
          "日本語",
          "emoji 🚀",
          "zero\u200bwidth",
          "<<",
          "=",
          "???x",
          "a\\nb",
          "%YAML 1.2",
          "--- doc",
          "...",
          "#!/bin/bash");

  @TempDir Path temp;

  @Test
  void everyTrickyStringComesBackExactlyFromPyYamlAndOmegaConf() {
    Path experiment = temp.resolve("exp");
    StringBuilder runs = new StringBuilder();
    for (int i = 0; i < TRICKY.size(); i++) {
      String value = InjectionTest.yamlQuoted(TRICKY.get(i));
      runs.append("  - name: t")
          .append(i)
          .append("\n    type: fine-tuned\n    model: Llama-3.2-1B-Instruct\n")
          .append("    parameters: {lora_rank: 8, system_prompt: ")
          .append(value)
          .append(", input_key: ")
          .append(value)
          .append(", output_key: ")
          .append(value)
          .append(", prompt: ")
          .append(InjectionTest.yamlQuoted(TRICKY.get(i) + "{input}"))
          .append("}\n");
    }
    try {
      Files.createDirectories(experiment);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Fixtures.write(
        experiment.resolve("experiment_summary.yaml"),
        "experiment:\n  name: tricky\n  directory: "
            + experiment
            + "\n  date: \"2026-11-29\"\ntools:\n  preparation: torchtune\ncontrols:\n  epochs: 1\n"
            + "models:\n  base:\n    - name: Llama-3.2-1B-Instruct\n      path: /models/Llama-3.2-1B-Instruct\n"
            + "data:\n  training:\n    path: /data/words.json\n    label: words\n    format: json\n"
            + "output:\n  base_directory: /out/tricky\n  wandb_project: tricky\nruns:\n"
            + runs);

    Expect.succeeded(Cli.run(experiment, "scaffold"));
    Expect.succeeded(Cli.run(experiment, "verify"));

    List<Path> files = new ArrayList<>();
    for (int i = 0; i < TRICKY.size(); i++) {
      files.add(experiment.resolve("t" + i + "/finetune.yaml"));
      files.add(experiment.resolve("t" + i + "/setup_finetune.yaml"));
    }
    Map<Path, PythonLoaders.Loaded> loaded = PythonLoaders.loadAll(files);
    SoftAssertions soft = new SoftAssertions();
    int checked = 0;
    for (int i = 0; i < TRICKY.size(); i++) {
      String value = TRICKY.get(i);
      PythonLoaders.Loaded finetune = loaded.get(experiment.resolve("t" + i + "/finetune.yaml"));
      PythonLoaders.Loaded setup = loaded.get(experiment.resolve("t" + i + "/setup_finetune.yaml"));
      soft.assertThat(finetune.errors()).as("finetune.yaml of %s loads", show(value)).isEmpty();
      soft.assertThat(setup.errors().get("pyyaml"))
          .as("setup_finetune.yaml of %s loads in PyYAML", show(value))
          .isNull();
      if (!finetune.errors().isEmpty() || setup.errors().containsKey("pyyaml")) {
        continue;
      }
      for (String key : List.of("system_prompt", "input_key", "output_key", "prompt")) {
        String expected = key.equals("prompt") ? value + "{input}" : value;
        soft.assertThat(Json.at(finetune.omegaconf(), "dataset." + key))
            .as("OmegaConf dataset.%s of %s", key, show(value))
            .isEqualTo(expected);
        soft.assertThat(Json.at(setup.pyyaml(), key))
            .as("PyYAML setup_finetune.yaml %s of %s", key, show(value))
            .isEqualTo(expected);
        if (!expected.contains("${")) {
          soft.assertThat(Json.at(finetune.pyyaml(), "dataset." + key))
              .as("PyYAML dataset.%s of %s", key, show(value))
              .isEqualTo(expected);
        }
        checked += 3;
      }
    }
    soft.assertAll();
    assertThat(checked).isGreaterThanOrEqualTo(TRICKY.size() * 10);
    System.out.printf(
        "YamlRoundTripTest: %d tricky strings, %d readings compared exactly%n",
        TRICKY.size(), checked);
  }

  private static String show(String value) {
    return "'" + value.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "'";
  }
}
