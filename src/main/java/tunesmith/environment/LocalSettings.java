package tunesmith.environment;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import tunesmith.problem.Warning;

/**
 * What claude.local.md says about the user's environment. Every setting is empty when the file
 * does not set it or leaves it unfilled (a placeholder such as {@code <your_slurm_account>}).
 *
 * @param source      the file read, or empty when none was found (built-in defaults apply)
 * @param moduleLines the lines of the first fenced code block under a "Module System" heading
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
        List<String> moduleLines,
        List<Warning> warnings) {

    public LocalSettings {
        moduleLines = List.copyOf(moduleLines);
        warnings = List.copyOf(warnings);
    }

    /** No claude.local.md was found. */
    public static LocalSettings none(List<Warning> warnings) {
        return new LocalSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), warnings);
    }
}
