package tunesmith.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tunesmith.testing.CliResult;
import tunesmith.testing.Json;
import tunesmith.testing.Processes;
import tunesmith.testing.Seeds;

/**
 * Random text with YAML and shell syntax as a task's prompt and assistant_prefix: PyYAML reads the
 * prompt back from eval.yaml, and the prefix reaches a stand-in inspect through the shell and its
 * YAML parse, both unchanged. (No commas: a -T value with one is refused, see CellPlannerTest.)
 * Seeded; the seed is printed.
 */
class HostileValuesTest {
  private static final String ALPHABET =
      "ab Z09:#-?&*!|>'\"%@`{}[]$\\\n\t~=+;()<>^.yesnoYESNOnullNULLtrue";

  @TempDir Path temp;

  static Stream<Long> seeds() {
    long base = Seeds.base();
    return LongStream.range(0, 8).mapToObj(i -> base + i);
  }

  private static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    int length = 1 + random.nextInt(30);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }

  private static String yamlQuoted(String text) {
    return "\""
        + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t")
        + "\"";
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  @SuppressWarnings("unchecked")
  void promptAndPrefixArriveUnchanged(long seed) throws IOException {
    System.out.println(
        "HostileValuesTest seed " + seed + " (rerun with -Dtunesmith.seed=" + seed + ")");
    Random random = new Random(seed);
    String prompt = randomText(random) + "{input}";
    String prefix = randomText(random);
    String evaluation =
        EvalFixture.EVALUATION
            .replace(
                "prompt: \"Cue!\\n{input} ${not_omegaconf} \\\"q\\\" 'single'\"",
                "prompt: " + yamlQuoted(prompt))
            .replace("assistant_prefix: 'Answer: \"'", "assistant_prefix: " + yamlQuoted(prefix));
    EvalFixture.Planned planned =
        EvalFixture.plan(
            temp.resolve("exp"),
            EvalFixture.summary(EvalFixture.CONTROLS, EvalFixture.RUNS, evaluation));
    assertThat(planned.rendered()).isEmpty();
    EvalCell cell = planned.cell("r8", "cap_cue_epoch0");
    assertThat(cell.prompt()).contains(prompt);
    planned.writer().writeNew(cell);

    EvalStandIns standIns = EvalStandIns.install(temp.resolve("stand-ins"));
    CliResult job =
        Processes.run(
            List.of("bash", cell.script().toString()),
            temp,
            standIns.environment(temp, "none"),
            120);

    assertThat(job.exitCode()).as(job.describe()).isZero();
    Map<String, Object> args =
        Json.parseObject(Files.readString(cell.directory().resolve(EvalStandIns.ARGS_FILE)));
    assertThat(((Map<String, Object>) args.get("T")).get("assistant_prefix")).isEqualTo(prefix);
    assertThat(((Map<String, Object>) args.get("config")).get("prompt")).isEqualTo(prompt);
  }
}
