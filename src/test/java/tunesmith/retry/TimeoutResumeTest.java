package tunesmith.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tunesmith.adjust.Adjustment;
import tunesmith.adjust.RecordedAdjustments;
import tunesmith.files.AtomicFiles;
import tunesmith.plan.PlanLoader;
import tunesmith.plan.PlannedRun;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.scaffold.RunFiles;
import tunesmith.slurm.Failure;
import tunesmith.slurm.FailureCause;
import tunesmith.slurm.RunState;
import tunesmith.slurm.RunStatus;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Expect;
import tunesmith.testing.Fixtures;
import tunesmith.testing.PythonLoaders;

/**
 * A TIMEOUT is retried by resuming from the last saved epoch, for both targets: the adjustment, the
 * files rendered from it (read by OmegaConf), and verify accepting exactly it.
 */
class TimeoutResumeTest {
  @TempDir Path temp;

  private static final Map<String, String> ENV = Map.of("USER", "ada", "NO_COLOR", "1");

  /** The January six-run fixture with two epochs (the first one saved with recipe state). */
  private Path january() {
    return Fixtures.experiment(
        "slurm_six", temp, Map.of("/__TMP__", temp.toString(), "epochs: 1", "epochs: 2"));
  }

  /** The shipped cruijff_kit-0.3 format example (target cruijff_kit-0.3, two epochs). */
  private Path format2026() throws IOException {
    Path source = Path.of("examples/capitalization_sweep_2026");
    Path copy = temp.resolve("capitalization_sweep_2026");
    Files.createDirectories(copy);
    for (String name : new String[] {"experiment_summary.yaml", "claude.local.md"}) {
      Files.copy(source.resolve(name), copy.resolve(name));
    }
    return copy;
  }

  private static ScaffoldPlan plan(Path experiment) {
    return PlanLoader.load(
        new PlanLoader.Request(experiment, experiment, Optional.empty(), Optional.empty(), ENV));
  }

  private static PlannedRun run(ScaffoldPlan plan, String name) {
    return plan.runs().stream().filter(r -> r.run().name().equals(name)).findFirst().orElseThrow();
  }

  private static RunStatus timedOut(PlannedRun run, int attempt) {
    return new RunStatus(
        run.run().name(),
        Optional.of("7"),
        RunState.TIMEOUT,
        Optional.of("TIMEOUT"),
        Optional.of("00:01:00"),
        run.config().outputDir(),
        Optional.of("scontrol"),
        Optional.empty(),
        attempt,
        false,
        Optional.empty(),
        Optional.of(new Failure(FailureCause.TIMEOUT, Optional.empty())),
        Optional.empty());
  }

  private static Path write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "saved");
    return file;
  }

  /** Records the retry's changes, renders the run again as retry does, and returns it. */
  private static PlannedRun adjustAndRender(Path experiment, String name, RetryDecision.Retry retry)
      throws IOException {
    Path directory = experiment.resolve(name);
    RecordedAdjustments.read(directory)
        .append(
            directory,
            new Adjustment(retry.attempt(), "TIMEOUT", "2026-11-29T22:00:00Z", retry.changes()));
    PlannedRun adjusted = run(plan(experiment), name);
    for (Map.Entry<Path, String> file : RunFiles.of(adjusted).entrySet()) {
      AtomicFiles.writeIfChanged(file.getKey(), file.getValue());
    }
    return adjusted;
  }

  @Test
  void januaryResumesFromTheSavedEpochUnderCkOut() throws IOException {
    Path experiment = january();
    Expect.succeeded(Cli.run(experiment, ENV, "scaffold", "-q"));
    String name = "r8_lr1e-5";
    PlannedRun run = run(plan(experiment), name);
    Path out = Path.of(run.config().outputDir());
    assertThat(out.getFileName().toString()).isEqualTo("ck-out-" + name);
    // torchtune 0.6.1's layout: the recipe state shared by all epochs, written after the adapter.
    Path adapter = write(out.resolve("epoch_0/adapter_model.pt"));
    Path state = write(out.resolve("recipe_state/recipe_state.pt"));

    RetryDecision.Retry retry =
        (RetryDecision.Retry)
            RetryPlanner.decide(run, timedOut(run, 1), RecordedAdjustments.none(), false);
    Map<String, Adjustment.Change> expected = new LinkedHashMap<>();
    expected.put("resume_from_checkpoint", new Adjustment.Change("false", "true"));
    expected.put("resume_adapter_checkpoint", new Adjustment.Change("", adapter.toString()));
    expected.put("resume_recipe_checkpoint", new Adjustment.Change("", state.toString()));
    assertThat(retry.changes()).containsExactlyEntriesOf(expected);
    assertThat(retry.note()).hasValueSatisfying(note -> assertThat(note).contains("epoch_0"));

    adjustAndRender(experiment, name, retry);
    Map<String, Object> finetune =
        PythonLoaders.omegaconf(experiment.resolve(name + "/finetune.yaml"));
    assertThat(finetune.get("resume_from_checkpoint")).isEqualTo(true);
    @SuppressWarnings("unchecked")
    Map<String, Object> checkpointer = (Map<String, Object>) finetune.get("checkpointer");
    assertThat(checkpointer.get("adapter_checkpoint")).isEqualTo(adapter.toString());
    assertThat(checkpointer.get("recipe_checkpoint")).isEqualTo(state.toString());
    assertThat(Fixtures.read(experiment.resolve(name + "/setup_finetune.yaml")))
        .contains("resume_from_checkpoint: 'true'", "resume_adapter_checkpoint: " + adapter);
    Expect.succeeded(Cli.run(experiment, ENV, "verify", "-q"));

    // Hand-edited beyond the recorded adjustment: verify refuses it.
    Path setup = experiment.resolve("r8_lr1e-4/setup_finetune.yaml");
    Fixtures.write(setup, Fixtures.read(setup) + "resume_from_checkpoint: 'true'\n");
    Expect.succeeded(Cli.run(experiment.resolve("r8_lr1e-4"), ENV, "setup", "-q"));
    CliResult refused = Cli.run(experiment, ENV, "verify");
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.out() + refused.err()).contains("r8_lr1e-4", "resume_from_checkpoint");
  }

  @Test
  void target03ResumesFromTheSavedEpochUnderArtifacts() throws IOException {
    Path experiment = format2026();
    Expect.succeeded(Cli.run(experiment, ENV, "scaffold", "-q"));
    String name = "r8_lr1e-5";
    PlannedRun run = run(plan(experiment), name);
    Path out = Path.of(run.config().outputDir());
    assertThat(out).isEqualTo(experiment.resolve(name).resolve("artifacts"));
    // torchtune nightly's layout: the recipe state inside the epoch; recipe_checkpoint stays null.
    Path adapter = write(out.resolve("epoch_0/adapter_model.pt"));
    write(out.resolve("epoch_0/recipe_state.pt"));

    RetryDecision.Retry retry =
        (RetryDecision.Retry)
            RetryPlanner.decide(run, timedOut(run, 1), RecordedAdjustments.none(), false);
    assertThat(retry.changes().keySet())
        .containsExactly("resume_from_checkpoint", "resume_adapter_checkpoint");
    PlannedRun adjusted = adjustAndRender(experiment, name, retry);
    Map<String, Object> finetune =
        PythonLoaders.omegaconf(experiment.resolve(name + "/finetune.yaml"));
    assertThat(finetune.get("resume_from_checkpoint")).isEqualTo(true);
    @SuppressWarnings("unchecked")
    Map<String, Object> checkpointer = (Map<String, Object>) finetune.get("checkpointer");
    assertThat(checkpointer.get("adapter_checkpoint")).isEqualTo(adapter.toString());
    assertThat(checkpointer).containsEntry("recipe_checkpoint", null);
    Expect.succeeded(Cli.run(experiment, ENV, "verify", "-q"));

    // Timed out again without saving a later epoch: resuming again would not help, more time.
    RetryDecision.Retry again =
        (RetryDecision.Retry)
            RetryPlanner.decide(
                adjusted,
                timedOut(adjusted, 2),
                RecordedAdjustments.read(adjusted.directory()),
                false);
    assertThat(again.changes()).containsOnlyKeys("time");
    assertThat(again.note())
        .hasValueSatisfying(note -> assertThat(note).contains("no later epoch"));
  }
}
