package tunesmith.scaffold;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tunesmith.plan.PlannedRun;
import tunesmith.render.RunRenderer;
import tunesmith.setup.SetupFile;

/** The exact text of a planned run's three files, in the order scaffold writes them. */
public final class RunFiles {
  private RunFiles() {}

  /** File -> text: setup_finetune.yaml, finetune.yaml, finetune.slurm. */
  public static Map<Path, String> of(PlannedRun run) {
    Path directory = run.directory();
    Path setupFile = directory.resolve(SetupFile.FILE_NAME);
    RunRenderer.RenderedRun rendered = RunRenderer.render(run.config(), directory, setupFile);
    Map<Path, String> texts = new LinkedHashMap<>();
    texts.put(setupFile, SetupFile.write(run.setupValues()));
    texts.put(directory.resolve("finetune.yaml"), rendered.finetuneYaml());
    texts.put(directory.resolve("finetune.slurm"), rendered.finetuneSlurm());
    return texts;
  }
}
