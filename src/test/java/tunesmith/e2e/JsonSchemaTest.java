package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;
import tunesmith.testing.JobStandIns;
import tunesmith.testing.Json;
import tunesmith.testing.RequiresLocalSlurm;

/**
 * Every command's --json report is valid against docs/json/reports.schema.json (docs/JSON.md),
 * which allows no field it does not name: one vocabulary across commands, checked on both example
 * experiments, with the real SLURM cluster for the commands that ask it.
 */
@RequiresLocalSlurm
class JsonSchemaTest {
  @TempDir Path temp;

  static Schema schema() throws IOException {
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(
            Files.readString(Path.of("docs/json/reports.schema.json"), StandardCharsets.UTF_8),
            InputFormat.JSON);
  }

  static List<String> problems(Schema schema, String json) {
    return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"capitalization_sweep", "capitalization_sweep_2026"})
  void everyCommandsJsonFollowsTheSchema(String example) throws IOException {
    Schema schema = schema();
    Path experiment =
        Fixtures.copyTree(Path.of("examples", example), temp.resolve(example), Map.of());
    List<List<String>> commands =
        List.of(
            List.of("plan", "--json"),
            List.of("scaffold", "--json"),
            List.of("scaffold", "--json"),
            List.of("verify", "--json"),
            List.of("status", "--json"),
            List.of("submit", "--dry-run", "--json"),
            List.of("retry", "--dry-run", "--json"),
            List.of("cancel", "--json"),
            List.of("summarize", "--json"),
            List.of("plan", "--json", "--local-md", "no-such.md"));
    List<String> seen = new ArrayList<>();
    for (List<String> command : commands) {
      CliResult result = Cli.run(experiment, command.toArray(String[]::new));
      assertThat(result.out()).as(result.describe()).startsWith("{");
      assertThat(problems(schema, result.out())).as(String.join(" ", command)).isEmpty();
      seen.add(String.valueOf(Json.parseObject(result.out()).get("command")));
    }
    Path run =
        Files.list(experiment)
            .filter(dir -> Files.exists(dir.resolve("finetune.slurm")))
            .findFirst()
            .orElseThrow();
    CliResult setup = Cli.run(run, "setup", "--json");
    assertThat(problems(schema, setup.out())).as(setup.describe()).isEmpty();
    seen.add(String.valueOf(Json.parseObject(setup.out()).get("command")));
    assertThat(seen)
        .containsExactly(
            "plan",
            "scaffold",
            "scaffold",
            "verify",
            "status",
            "submit",
            "retry",
            "cancel",
            "summarize",
            "null",
            "setup");
  }

  /**
   * A real submission on the local cluster (not only a dry run), then status, cancel and summarize
   * of the jobs it made, each valid; summarize names the claude.local.md it read, as every report.
   */
  @org.junit.jupiter.api.Test
  void aRealSubmitAndWhatFollowsFollowTheSchema() throws IOException {
    Schema schema = schema();
    JobStandIns standIns = JobStandIns.install(temp.resolve("stand-ins"));
    Map<String, String> env = standIns.environment(temp, "none");
    Path root = temp.resolve("real");
    Path experiment = Fixtures.experiment("slurm_six", root, Map.of("/__TMP__", root.toString()));
    Expect.succeeded(Cli.run(experiment, "scaffold", "-q"));

    CliResult submit =
        Cli.run(experiment, env, "submit", "--runs", "r8_lr1e-5,r8_lr1e-4", "--json");
    assertThat(submit.exitCode()).as(submit.describe()).isZero();
    Map<String, Object> submitted = Json.parseObject(submit.out());
    assertThat(submitted.get("command")).isEqualTo("submit");
    assertThat(Json.at(submitted, "dry_run")).isEqualTo(false);
    assertThat(problems(schema, submit.out())).as(submit.out()).isEmpty();

    for (List<String> command :
        List.of(
            List.of("status", "--json"),
            List.of("cancel", "--runs", "r8_lr1e-4", "--json"),
            List.of("summarize", "--json"))) {
      CliResult result = Cli.run(experiment, env, command.toArray(String[]::new));
      assertThat(result.out()).as(result.describe()).startsWith("{");
      assertThat(problems(schema, result.out())).as(String.join(" ", command)).isEmpty();
      assertThat(Json.at(Json.parseObject(result.out()), "local_md"))
          .as(String.join(" ", command))
          .isEqualTo(experiment.resolve("claude.local.md").toString());
    }
  }

  /** The schema is strict: a field it does not name, or a number given as text, is refused. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"\"name\" : \"r8\",", "\"gpus\" : \"1\","})
  void aFieldOutsideTheVocabularyIsRefused(String extra) throws IOException {
    Path experiment =
        Fixtures.copyTree(Path.of("examples/capitalization_sweep"), temp.resolve("x"), Map.of());
    String plan = Cli.run(experiment, "plan", "--json").out();
    assertThat(problems(schema(), plan)).isEmpty();
    String changed =
        extra.startsWith("\"gpus\"")
            ? plan.replaceFirst("\"gpus\" : 1,", extra)
            : plan.replaceFirst("\"run\" : ", extra + " \"run\" : ");
    assertThat(changed).isNotEqualTo(plan);
    assertThat(problems(schema(), changed)).isNotEmpty();
  }
}
