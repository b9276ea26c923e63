package tunesmith.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import tunesmith.render.RunRenderer;
import tunesmith.setup.SetupFile;

/**
 * Each of a run's files against what tunesmith writes now from the current inputs, byte for byte.
 * This is what makes verify complete: any hand edit, of any key or line, is named. A YAML file that
 * differs is explained key by key, the script line by line.
 */
public final class GeneratedFilesCheck implements RunCheck {
  /** Most differences listed per file; the rest are counted. */
  private static final int SHOWN = 20;

  /** How each file's differences are explained: (found, expected) -> lines. */
  private static final Map<String, BiFunction<String, String, List<String>>> EXPLAINERS =
      Map.of(
          SetupFile.FILE_NAME,
          (found, expected) ->
              YamlDifference.explain(Path.of(SetupFile.FILE_NAME), found, expected),
          "finetune.yaml",
          (found, expected) -> YamlDifference.explain(Path.of("finetune.yaml"), found, expected),
          "finetune.slurm",
          LineDifference::explain);

  @Override
  public List<Mismatch> check(RunUnderCheck run) {
    return compare(run.directory(), expected(run));
  }

  /**
   * What each file of {@code directory} holds that differs from the text about to replace it, key
   * by key or line by line, for scaffold to say what an update discards.
   */
  public static List<String> differences(Path directory, Map<String, String> replacements) {
    return compare(directory, replacements).stream().map(Mismatch::text).toList();
  }

  /** Each file of {@code directory} against the text expected of it. */
  static List<Mismatch> compare(Path directory, Map<String, String> expectedTexts) {
    List<Mismatch> mismatches = new ArrayList<>();
    expectedTexts.forEach(
        (name, expected) -> {
          String found;
          try {
            found = Files.readString(directory.resolve(name), StandardCharsets.UTF_8);
          } catch (IOException e) {
            mismatches.add(
                new Mismatch(
                    Mismatch.Kind.UNREADABLE, name + " cannot be read: " + e.getMessage()));
            return;
          }
          if (found.equals(expected)) {
            return;
          }
          List<String> lines =
              EXPLAINERS.getOrDefault(name, explainerByExtension(name)).apply(found, expected);
          if (lines.isEmpty()) {
            lines = List.of("differs only in comments, spacing or layout");
          }
          lines.stream()
              .limit(SHOWN)
              .forEach(
                  line -> mismatches.add(new Mismatch(Mismatch.Kind.EDITED, name + " " + line)));
          if (lines.size() > SHOWN) {
            mismatches.add(
                new Mismatch(
                    Mismatch.Kind.EDITED,
                    name + ": " + (lines.size() - SHOWN) + " more differences"));
          }
        });
    return mismatches;
  }

  /** A cell's eval.yaml key by key, its cell.slurm line by line. */
  private static BiFunction<String, String, List<String>> explainerByExtension(String name) {
    return name.endsWith(".yaml")
        ? (found, expected) -> YamlDifference.explain(Path.of(name), found, expected)
        : LineDifference::explain;
  }

  /** File name -> the text tunesmith writes for the run now. */
  static Map<String, String> expected(RunUnderCheck run) {
    Path setupFile = run.directory().resolve(SetupFile.FILE_NAME);
    RunRenderer.RenderedRun rendered = RunRenderer.render(run.config(), run.directory(), setupFile);
    Map<String, String> texts = new LinkedHashMap<>();
    texts.put(SetupFile.FILE_NAME, SetupFile.write(run.setupValues()));
    texts.put("finetune.yaml", rendered.finetuneYaml());
    texts.put("finetune.slurm", rendered.finetuneSlurm());
    return texts;
  }
}
