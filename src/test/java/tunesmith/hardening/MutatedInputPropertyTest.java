package tunesmith.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Fixtures;
import tunesmith.testing.Seeds;

/**
 * Random mutations of valid inputs (experiment_summary.yaml and claude.local.md given to scaffold,
 * setup_finetune.yaml given to setup): lines deleted, duplicated, swapped, re-indented or cut
 * short, characters YAML and Markdown care about inserted, values replaced. The command either
 * succeeds (0) or rejects the input (2, nothing written); never another exit code, never a stack
 * trace. Seeded: the seed is printed, {@code -Dtunesmith.seed=N} replays it.
 */
class MutatedInputPropertyTest {
  private static final String HOSTILE = ":-?[]{},&*#!|>'\"%@`\n\t \\$~<=;()0123456789.eE+";
  private static final List<String> VALUES =
      List.of(
          "",
          "~",
          "null",
          "yes",
          "[",
          "]",
          "{}",
          "*a",
          "&a x",
          "!!binary AA==",
          "-1",
          "0",
          "1e999",
          "9999999999999999999999",
          "NaN",
          ".inf",
          "'",
          "\"",
          "|",
          "- x",
          "a: b",
          "$(touch PWNED)",
          "\u0000",
          "\u202e",
          "日本");
  private static final List<String> INPUTS =
      List.of("experiment_summary.yaml", "claude.local.md", "setup_finetune.yaml");
  private static final Map<Integer, Integer> EXIT_CODES = new TreeMap<>();

  /** One edit of a text at a relative position (0..1). */
  record Mutation(int kind, double where, double other, String text) {
    String apply(String input) {
      List<String> lines = new ArrayList<>(List.of(input.split("\n", -1)));
      int line = (int) (where * lines.size()) % lines.size();
      int second = (int) (other * lines.size()) % lines.size();
      switch (kind) {
        case 0 -> lines.remove(line);
        case 1 -> lines.add(line, lines.get(line));
        case 2 -> {
          String swap = lines.get(line);
          lines.set(line, lines.get(second));
          lines.set(second, swap);
        }
        case 3 -> lines.set(line, "  " + lines.get(line));
        case 4 -> lines.set(line, lines.get(line).stripLeading());
        case 5 -> {
          String target = lines.get(line);
          int column =
              target.isEmpty() ? 0 : (int) (other * target.length()) % (target.length() + 1);
          lines.set(line, target.substring(0, column) + text + target.substring(column));
        }
        case 6 -> {
          String target = lines.get(line);
          int colon = target.indexOf(": ");
          lines.set(line, colon < 0 ? text : target.substring(0, colon + 2) + text);
        }
        default -> {
          String joined = String.join("\n", lines);
          return joined.substring(0, (int) (where * joined.length()));
        }
      }
      return String.join("\n", lines);
    }
  }

  static Stream<Arguments> seeds() {
    return Seeds.cases("MutatedInputPropertyTest", 150);
  }

  /** 1 to 3 mutations. */
  static List<Mutation> mutations(Random random) {
    List<Mutation> mutations = new ArrayList<>();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      int kind = random.nextInt(8);
      double where = random.nextInt(1000) / 1000.0;
      double other = random.nextInt(1000) / 1000.0;
      mutations.add(new Mutation(kind, where, other, inserted(random)));
    }
    return mutations;
  }

  /** 1 to 4 characters YAML or Markdown care about, or a value known to be tricky. */
  private static String inserted(Random random) {
    if (random.nextBoolean()) {
      return VALUES.get(random.nextInt(VALUES.size()));
    }
    StringBuilder text = new StringBuilder();
    int length = 1 + random.nextInt(4);
    for (int i = 0; i < length; i++) {
      text.append(HOSTILE.charAt(random.nextInt(HOSTILE.length())));
    }
    return text.toString();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aMutatedExperimentIsWrittenOrRejectedNeverACrash(long seed) throws IOException {
    Random random = new Random(seed);
    String which = INPUTS.get(random.nextInt(INPUTS.size()));
    List<Mutation> mutations = mutations(random);
    Path root = Files.createTempDirectory("tunesmith-mutation");
    try {
      Path experiment = Fixtures.experiment("lr_sweep", root);
      Path target =
          which.equals("setup_finetune.yaml") ? setupRun(root) : experiment.resolve(which);
      String text = Files.readString(target);
      for (Mutation mutation : mutations) {
        text = mutation.apply(text);
      }
      Files.writeString(target, text);
      Map<String, Fixtures.FileState> before = Fixtures.snapshot(root);

      CliResult result =
          which.equals("setup_finetune.yaml")
              ? Cli.run(target.getParent(), "setup")
              : Cli.run(experiment, "scaffold");

      synchronized (EXIT_CODES) {
        EXIT_CODES.merge(result.exitCode(), 1, Integer::sum);
      }
      String context =
          "seed "
              + seed
              + ": "
              + which
              + " mutated by "
              + mutations
              + "\n"
              + result.describe()
              + "\n--- input ---\n"
              + text;
      assertThat(result.exitCode()).as(context).isIn(0, 2);
      assertThat(result.allOutput())
          .as(context)
          .doesNotContain("internal error")
          .doesNotContain("Exception")
          .doesNotContain("\tat ");
      if (result.exitCode() == 2) {
        assertThat(Fixtures.snapshot(root)).as("nothing written\n" + context).isEqualTo(before);
      }
    } finally {
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  private static Path setupRun(Path root) throws IOException {
    Path run = Files.createDirectories(root.resolve("run"));
    Files.writeString(
        run.resolve("setup_finetune.yaml"),
        "my_wandb_project: handmade_project\nmy_wandb_run_name: handmade\n"
            + "input_dir_base: /data/sets/\ninput_formatting: ''\ndataset_label: words\ndataset_ext: .json\n"
            + "torchtune_model_name: Llama-3.2-1B-Instruct\nmodel_checkpoint: /models/Llama-3.2-1B-Instruct\n"
            + "output_dir_base: /out/\nexperiment_name: exp\nlora_rank: 8\nlr: 1e-5\nmem: 40G\ntime: '01:00:00'\n"
            + "system_prompt: \"be brief\"\nepochs_to_save: '0,1'\nconda_env: env1\n");
    return run.resolve("setup_finetune.yaml");
  }

  @AfterAll
  static void report() {
    System.out.println("MutatedInputPropertyTest: exit codes of mutated inputs " + EXIT_CODES);
  }
}
