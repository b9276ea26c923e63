package tunesmith.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import tunesmith.experiment.ExperimentReader;
import tunesmith.problem.InputProblems;
import tunesmith.problem.Warning;
import tunesmith.yaml.YamlFileReader;
import tunesmith.yaml.YamlMapping;
import tunesmith.yaml.YamlScalar;

/**
 * Runs of two experiments writing to the same output_dir overwrite each other's checkpoints and
 * logs. The other experiments looked at are the scaffolded siblings: directories beside this one
 * (under the same parent) holding experiment_summary.yaml, whose run directories' finetune.yaml
 * name their output_dir (docs/FILES.md). Reading only what is written keeps this cheap and never an
 * error: a sibling that cannot be read is passed over.
 */
public final class SharedOutputDirs {
  private SharedOutputDirs() {}

  /** The plan with a warning for each of its output dirs a sibling's run writes to as well. */
  public static ScaffoldPlan warnAbout(ScaffoldPlan plan) {
    List<Warning> found = find(plan.experiment().directory(), plan.runs());
    if (found.isEmpty()) {
      return plan;
    }
    List<Warning> warnings = new ArrayList<>(plan.warnings());
    warnings.addAll(found);
    return new ScaffoldPlan(
        plan.experiment(),
        plan.local(),
        plan.runs(),
        plan.varying(),
        warnings,
        plan.target(),
        plan.evaluation(),
        plan.dataJob());
  }

  static List<Warning> find(Path experimentDirectory, List<PlannedRun> runs) {
    Map<String, String> ours = new LinkedHashMap<>();
    runs.forEach(run -> ours.putIfAbsent(normalized(run.config().outputDir()), run.run().name()));
    List<Warning> warnings = new ArrayList<>();
    Path here = experimentDirectory.toAbsolutePath().normalize();
    Path parent = here.getParent();
    if (parent == null || ours.isEmpty()) {
      return warnings;
    }
    for (Path sibling : directories(parent)) {
      if (sibling.equals(here)
          || !Files.isRegularFile(sibling.resolve(ExperimentReader.FILE_NAME))) {
        continue;
      }
      for (Path runDirectory : directories(sibling)) {
        outputDir(runDirectory.resolve("finetune.yaml"))
            .filter(dir -> ours.containsKey(normalized(dir)))
            .ifPresent(
                dir ->
                    warnings.add(
                        Warning.global(
                            ours.get(normalized(dir))
                                + ": output_dir "
                                + dir
                                + " is also the output_dir of run "
                                + runDirectory.getFileName()
                                + " of the experiment "
                                + sibling
                                + ": their checkpoints and logs would overwrite each other")));
      }
    }
    return warnings;
  }

  private static List<Path> directories(Path parent) {
    try (Stream<Path> entries = Files.list(parent)) {
      return entries.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static Optional<String> outputDir(Path finetuneYaml) {
    if (!Files.isRegularFile(finetuneYaml)) {
      return Optional.empty();
    }
    return YamlFileReader.read(finetuneYaml, new InputProblems())
        .filter(YamlMapping.class::isInstance)
        .flatMap(root -> ((YamlMapping) root).get("output_dir"))
        .filter(YamlScalar.class::isInstance)
        .map(node -> ((YamlScalar) node).text());
  }

  /** /a/b/ and /a/b name one directory. */
  private static String normalized(String directory) {
    return Path.of(directory).normalize().toString();
  }
}
