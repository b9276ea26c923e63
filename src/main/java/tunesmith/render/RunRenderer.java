package tunesmith.render;

import java.nio.file.Path;
import tunesmith.setup.SetupConfig;

/** Renders one run's two generated files. The single code path behind both scaffold and setup. */
public final class RunRenderer {

  public record RenderedRun(String finetuneYaml, String finetuneSlurm) {}

  private static final String YAML_HEADER =
      "# torchtune config written by tunesmith from setup_finetune.yaml. Regenerate with `tunesmith setup`.\n";

  private RunRenderer() {}

  /**
   * @param runDirectory absolute run directory
   * @param setupFile the setup file the settings came from (copied next to the checkpoints by the
   *     job)
   */
  public static RenderedRun render(SetupConfig config, Path runDirectory, Path setupFile) {
    String yaml = YAML_HEADER + YamlEmitter.emit(FinetuneLayout.build(config));
    String script = SlurmScriptRenderer.render(config, runDirectory, setupFile);
    return new RenderedRun(yaml, script);
  }
}
