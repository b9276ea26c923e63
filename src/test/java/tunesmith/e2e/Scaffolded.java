package tunesmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tunesmith.testing.Cli;
import tunesmith.testing.CliResult;
import tunesmith.testing.Fixtures;
import tunesmith.testing.PythonLoaders;
import tunesmith.testing.ScaffoldLog;
import tunesmith.testing.SlurmScript;

/**
 * One fixture experiment, copied under a temporary directory and scaffolded once (from an empty
 * working directory beside it), with cached readers for what scaffold wrote. Tests that change
 * files make their own copy.
 */
final class Scaffolded {
  static final List<String> RUN_FILES =
      List.of("finetune.slurm", "finetune.yaml", "setup_finetune.yaml");

  final Path experiment;
  final Path cwd;
  final CliResult result;
  private final Map<String, PythonLoaders.Loaded> finetune = new HashMap<>();
  private final Map<String, Map<String, Object>> setup = new HashMap<>();

  private Scaffolded(Path experiment, Path cwd, CliResult result) {
    this.experiment = experiment;
    this.cwd = cwd;
    this.result = result;
  }

  /**
   * Copies {@code experiments/<fixture>} to {@code <temp>/<fixture>} and runs {@code scaffold <that
   * dir> extraArgs...}.
   */
  static Scaffolded scaffold(String fixture, Path temp, String... extraArgs) {
    Path experiment = Fixtures.experiment(fixture, temp);
    Path cwd = temp.resolve("cwd");
    try {
      Files.createDirectories(cwd);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    String[] args = new String[extraArgs.length + 2];
    args[0] = "scaffold";
    args[1] = experiment.toString();
    System.arraycopy(extraArgs, 0, args, 2, extraArgs.length);
    return new Scaffolded(experiment, cwd, Cli.run(cwd, args));
  }

  /**
   * Fails unless scaffold exited 0; every test that reads outputs starts here so the failure says
   * why.
   */
  Scaffolded assertSucceeded() {
    assertThat(result.exitCode()).as("scaffold %s\n%s", experiment, result.describe()).isZero();
    return this;
  }

  Path runDir(String run) {
    return experiment.resolve(run);
  }

  PythonLoaders.Loaded finetune(String run) {
    assertSucceeded();
    return finetune.computeIfAbsent(
        run, r -> PythonLoaders.load(runDir(r).resolve("finetune.yaml")).assertBothLoaded());
  }

  /** finetune.yaml as torchtune sees it: OmegaConf, interpolations resolved. */
  Map<String, Object> resolved(String run) {
    return finetune(run).omegaconfMap();
  }

  SlurmScript slurm(String run) {
    assertSucceeded();
    return SlurmScript.read(runDir(run).resolve("finetune.slurm"));
  }

  Map<String, Object> setup(String run) {
    assertSucceeded();
    return setup.computeIfAbsent(
        run, r -> PythonLoaders.pyyaml(runDir(r).resolve("setup_finetune.yaml")));
  }

  String setupText(String run) {
    assertSucceeded();
    return Fixtures.read(runDir(run).resolve("setup_finetune.yaml"));
  }

  ScaffoldLog log() {
    assertSucceeded();
    return ScaffoldLog.read(experiment.resolve("scaffold-torchtune.log"));
  }

  /**
   * The absolute output directory docs/FILES.md gives for a run: {@code {base
   * parent}/{name}/ck-out-{run}/}.
   */
  static String outputDir(String baseDirectory, String run) {
    return baseDirectory + "/ck-out-" + run + "/";
  }
}
