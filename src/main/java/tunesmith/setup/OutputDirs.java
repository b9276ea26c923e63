package tunesmith.setup;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import tunesmith.problem.InputProblem;
import tunesmith.problem.InputProblems;
import tunesmith.profile.Profile.OutputLayout;

/** A run's checkpoint directory (torchtune's output_dir) in its profile's layout. */
final class OutputDirs {
  private static final String ARTIFACTS = "artifacts/";

  private OutputDirs() {}

  /** Always ends in '/'. */
  static String outputDir(
      OutputLayout layout,
      Function<String, Optional<String>> setting,
      Path runDirectory,
      String runName,
      InputProblems problems) {
    return switch (layout) {
      case CK_OUT_UNDER_OUTPUT_DIR_BASE -> ckOut(setting, runDirectory, runName);
      case ARTIFACTS_UNDER_PROJECT_DIR -> artifacts(setting, runDirectory, runName, problems);
    };
  }

  /** {@code {output_dir_base}{experiment_name}/ck-out-{run}/}; the run directory as base. */
  private static String ckOut(
      Function<String, Optional<String>> setting, Path runDirectory, String runName) {
    String base = setting.apply("output_dir_base").orElse(runDirectory.toString());
    String experiment = setting.apply("experiment_name").orElse("");
    return PathText.withSlash(base)
        + (experiment.isEmpty() ? "" : PathText.withSlash(experiment))
        + "ck-out-"
        + runName
        + "/";
  }

  /**
   * {@code {project_dir}{experiment_name}/{run}/artifacts/}, the run directory's artifacts/ when
   * project_dir is unset.
   */
  private static String artifacts(
      Function<String, Optional<String>> setting,
      Path runDirectory,
      String runName,
      InputProblems problems) {
    Optional<String> project = setting.apply("project_dir");
    if (project.isEmpty()) {
      return PathText.withSlash(runDirectory.toString()) + ARTIFACTS;
    }
    String experiment = setting.apply("experiment_name").orElse("");
    if (experiment.isEmpty()) {
      problems.add(
          new InputProblem(
              runDirectory.resolve(SetupFile.FILE_NAME),
              "experiment_name",
              0,
              0,
              "project_dir '" + project.get() + "' and no experiment_name",
              "the experiment's directory name under project_dir"));
    }
    return PathText.withSlash(project.get())
        + PathText.withSlash(experiment)
        + runName
        + "/"
        + ARTIFACTS;
  }
}
