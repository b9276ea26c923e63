package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;
import tunesmith.testing.Json;

/**
 * Regression tests for hand edits that once verified and were submitted: after each, verify fails
 * naming the run and what differs, submit --dry-run leaves the run out of the sbatch commands, and
 * status says it is not ready, while the untouched runs stay ready. One check decides all three. No
 * cluster needed: with nothing submitted, submit --dry-run and status ask SLURM nothing.
 */
class ReadinessGateTest {
  private static final String RUN = "r8_lr1e-4";

  @TempDir Path temp;

  private Path experiment;

  @BeforeEach
  void scaffold() throws IOException {
    Path root = temp.resolve("root");
    experiment = Fixtures.experiment("slurm_six", root, Map.of("/__TMP__", root.toString()));
    Expect.succeeded(Cli.run(experiment, "scaffold", "-q"));
  }

  /** file, text found in it, its replacement, and what verify must name. */
  static Stream<Arguments> handEdits() {
    return Stream.of(
        Arguments.of("setup_finetune.yaml", "lora_rank: 8\n", "lora_rank: 64\n", "lora_rank"),
        Arguments.of(
            "finetune.yaml",
            "get_cosine_schedule_with_warmup",
            "get_linear_schedule",
            "lr_scheduler._component_"),
        Arguments.of("finetune.yaml", "dtype: bf16\n", "dtype: fp32\n", "dtype"),
        Arguments.of(
            "finetune.yaml", "epochs_to_save: all\n", "epochs_to_save: [0]\n", "epochs_to_save"),
        Arguments.of(
            "finetune.slurm",
            "conda activate tunesmith_test ",
            "conda activate base ",
            "conda activate base"));
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @MethodSource("handEdits")
  @SuppressWarnings("unchecked")
  void aHandEditedRunFailsVerifyAndIsNotSubmittedAndStatusSaysNotReady(
      String file, String found, String replacement, String named) throws IOException {
    Path edited = experiment.resolve(RUN).resolve(file);
    String text = Fixtures.read(edited);
    assertThat(text).as("the scaffolded %s holds what the test edits", file).contains(found);
    Fixtures.write(edited, text.replace(found, replacement));

    CliResult verify = Cli.run(experiment, "verify", "--json");
    assertThat(verify.exitCode()).as(verify.describe()).isEqualTo(1);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> runs =
        (List<Map<String, Object>>) Json.parseObject(verify.out()).get("runs");
    for (Map<String, Object> run : runs) {
      if (run.get("run").equals(RUN)) {
        assertThat(run.get("status")).isEqualTo("mismatch");
        assertThat((List<?>) run.get("mismatches"))
            .as(verify.describe())
            .anySatisfy(m -> assertThat((String) m).startsWith(file).contains(named));
        assertThat((List<Object>) run.get("mismatch_kinds")).contains("EDITED");
      } else {
        assertThat(run.get("status")).as((String) run.get("run")).isEqualTo("ok");
      }
    }

    CliResult submit =
        Cli.run(
            experiment,
            Cli.envWith("SBATCH", "/opt/slurm/bin/sbatch"),
            "submit",
            "--dry-run",
            "--json");
    assertThat(submit.exitCode()).as(submit.describe()).isEqualTo(1);
    Map<String, Object> plan = Json.parseObject(submit.out());
    @SuppressWarnings("unchecked")
    List<List<String>> commands = (List<List<String>>) plan.get("commands");
    assertThat(commands).hasSize(5);
    assertThat(commands)
        .as("no sbatch command for the edited run")
        .noneSatisfy(command -> assertThat(String.join(" ", command)).contains("/" + RUN + "/"));
    assertThat(Json.at(plan, "not_submitted.0.run")).isEqualTo(RUN);
    assertThat((String) Json.at(plan, "not_submitted.0.reason"))
        .startsWith("does not verify (")
        .contains(named);

    CliResult status =
        Cli.run(experiment, Cli.envWith("SQUEUE", "/nonexistent"), "status", "--json");
    Expect.succeeded(status);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows =
        (List<Map<String, Object>>) Json.parseObject(status.out()).get("runs");
    assertThat(rows).hasSize(6);
    for (Map<String, Object> row : rows) {
      assertThat(row.get("state")).isEqualTo("NOT_SUBMITTED");
      assertThat(row.get("ready"))
          .as((String) row.get("run"))
          .isEqualTo(!row.get("run").equals(RUN));
    }
    assertThat(status.err()).contains("5 ready to submit", RUN + ": not ready");
  }
}
