package tunesmith.environment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tunesmith.problem.Warning;

/**
 * What claude.local.md says about the user's environment. Every setting is empty when the file does
 * not set it or leaves it unfilled (a placeholder such as {@code <your_slurm_account>}).
 *
 * @param source the file read, or empty when none was found (built-in defaults apply)
 * @param scratchDir the Scratch directory (cruijff_kit's generator writes under it)
 * @param moduleLines the lines of the first fenced code block under a "Module System" heading
 * @param positions where each set value stands, by setting name ({@code account}, {@code gpus},
 *     ...), so a value that fails a later check is reported at its line
 */
public record LocalSettings(
    Optional<Path> source,
    Optional<String> condaEnv,
    Optional<String> account,
    Optional<String> partition,
    Optional<String> constraint,
    Optional<String> time,
    Optional<String> gpus,
    Optional<String> myWandbProject,
    Optional<String> workingDir,
    Optional<String> modelsDir,
    Optional<String> username,
    Optional<String> scratchDir,
    List<String> moduleLines,
    List<Warning> warnings,
    Map<String, Position> positions) {

  /** A 1-based line and column in claude.local.md. */
  public record Position(int line, int column) {}

  public LocalSettings {
    moduleLines = List.copyOf(moduleLines);
    warnings = List.copyOf(warnings);
    positions = Map.copyOf(positions);
  }

  /** Where a setting's value stands; 0:0 when unknown. */
  public Position positionOf(String setting) {
    return positions.getOrDefault(setting, new Position(0, 0));
  }

  /** The same settings with one more warning. */
  public LocalSettings withWarning(Warning warning) {
    List<Warning> more = new java.util.ArrayList<>(warnings);
    more.add(warning);
    return new LocalSettings(
        source,
        condaEnv,
        account,
        partition,
        constraint,
        time,
        gpus,
        myWandbProject,
        workingDir,
        modelsDir,
        username,
        scratchDir,
        moduleLines,
        more,
        positions);
  }

  /** No claude.local.md was found. */
  public static LocalSettings none(List<Warning> warnings) {
    return new LocalSettings(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        warnings,
        Map.of());
  }
}
