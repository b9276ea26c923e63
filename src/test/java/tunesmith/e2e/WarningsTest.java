package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;
import tunesmith.testing.ScaffoldLog;

/**
 * Warnings (docs/FORMATS.md) on experiments/warnings, whose header comment says which run earns
 * which. Warnings never fail a run: scaffold exits 0 and writes every run. Each is checked in the
 * log (one WARNING entry naming the run and the subject) and in the report.
 */
class WarningsTest {
  /**
   * A warning about the learning rate may name it as the user did (learning_rate) or as the setup
   * key (lr).
   */
  static final String LEARNING_RATE = "learning_rate|\\blr\\b";

  @TempDir static Path temp;

  static Scaffolded scaffolded;

  @BeforeAll
  static void scaffoldOnce() {
    scaffolded = Scaffolded.scaffold("warnings", temp);
  }

  @Test
  void warningsDoNotFailAnyRun() {
    scaffolded.assertSucceeded();
    assertThat(scaffolded.result.out()).contains("Successfully created 4 fine-tuning runs in:");
    assertThat(scaffolded.log().actions()).doesNotContain("ERROR");
  }

  @Test
  void unknownControlsKeyIsWarnedWithTheNearestKnownKey() {
    ScaffoldLog log = scaffolded.log();
    Pattern both = Pattern.compile("(?s)(?=.*\\blora_dropuot\\b)(?=.*\\blora_dropout\\b).*");
    assertThat(log.entries("WARNING"))
        .as("a warning naming 'lora_dropuot' and suggesting 'lora_dropout'\n%s", log.text())
        .anyMatch(e -> both.matcher(e.text()).matches());
    assertThat(scaffolded.result.allOutput().lines())
        .as("the report says so too")
        .anyMatch(line -> line.contains("lora_dropuot") && line.contains("lora_dropout"));
    assertThat(scaffolded.setup("r8_lr1e-5"))
        .as("the typo is not applied")
        .doesNotContainKey("lora_dropuot")
        .doesNotContainEntry("lora_dropout", 0.25);
  }

  @Test
  void stepGuardWarnsWhenWarmupNeverCompletes() {
    ScaffoldLog log = scaffolded.log();
    assertThat(log.warningsMentioning("r8_lr1e-5", "warmup"))
        .as("60 steps < 100\n%s", log.text())
        .anyMatch(e -> e.text().contains("60") && e.text().contains("100"));
    assertThat(log.warningsMentioning("r32_lr1e-5", "warmup")).isNotEmpty();
  }

  @Test
  void stepGuardWarnsWhenStepsAreFewerThanThreeTimesTheWarmup() {
    ScaffoldLog log = scaffolded.log();
    assertThat(log.warningsMentioning("r8_bs2_lr5e-5", "warmup"))
        .as("240 / 2 = 120 steps < 3 x 100\n%s", log.text())
        .anyMatch(e -> e.text().contains("120"));
  }

  @Test
  void stepGuardIsQuietWhenThereAreEnoughSteps() {
    assertThat(scaffolded.log().warningsMentioning("r16_nolr", "warmup"))
        .as("60 x 12 epochs = 720 steps")
        .isEmpty();
  }

  @Test
  void runValueOutsideTheSweptValuesIsWarned() {
    ScaffoldLog log = scaffolded.log();
    assertThat(log.warningsMentioning("r32_lr1e-5", "lora_rank"))
        .as(log.text())
        .anyMatch(e -> e.text().contains("32"));
    assertThat(scaffolded.result.out()).contains("r32_lr1e-5");
  }

  @Test
  void valuesAreComparedAsNumbers() {
    ScaffoldLog log = scaffolded.log();
    assertThat(log.warningsMatching(Pattern.quote("r8_lr1e-5"), LEARNING_RATE))
        .as("0.00001 is the listed 1e-5\n%s", log.text())
        .isEmpty();
    assertThat(log.warningsMentioning("r8_lr1e-5", "lora_rank")).isEmpty();
  }

  @Test
  void fineTunedRunLeavingOutASweptVariableIsWarned() {
    ScaffoldLog log = scaffolded.log();
    assertThat(log.warningsMatching(Pattern.quote("r16_nolr"), LEARNING_RATE))
        .as(log.text())
        .isNotEmpty();
  }

  @Test
  void moreThanTenCheckpointsIsWarned() {
    ScaffoldLog log = scaffolded.log();
    assertThat(log.warningsMentioning("r16_nolr", "12"))
        .as("epochs 12, epochs_to_save all\n%s", log.text())
        .anyMatch(e -> e.text().toLowerCase().contains("checkpoint"));
  }

  @Test
  void pathsThatExistOnThisMachineAreNotWarnedAbout() throws IOException {
    Path root = Files.createDirectories(temp.resolve("present"));
    Path model = Files.createDirectories(root.resolve("models/Llama-3.2-1B-Instruct"));
    Path data = Files.createDirectories(root.resolve("data")).resolve("words.json");
    Fixtures.write(data, "{\"train\": []}\n");
    Path experiment =
        Fixtures.experiment("present_paths", root, Map.of("/__TMP__", root.toString()));

    CliResult result = Expect.succeeded(Cli.run(experiment, "scaffold"));

    ScaffoldLog log = ScaffoldLog.read(experiment.resolve("scaffold-torchtune.log"));
    assertThat(log.warningsMentioning(model.toString())).as(log.text()).isEmpty();
    assertThat(log.warningsMentioning(data.toString())).as(log.text()).isEmpty();
    assertThat(log.warningsMentioning("experiment.directory"))
        .as("experiment.directory is this directory")
        .isEmpty();
    assertThat(result.allOutput()).doesNotContain(model + " not found", data + " not found");
  }
}
