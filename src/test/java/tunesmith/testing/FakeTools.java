package tunesmith.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * Stand-ins for what a finetune.slurm calls on a compute node ({@code tune}, {@code module}, {@code
 * conda}), so that a generated script can really be run here: each records how it was called under
 * {@link #calls()}; {@code tune} exits with the code given to {@link #runScript}.
 */
public final class FakeTools {
  private final Path root;
  private final Path bin;
  private final Path calls;

  private FakeTools(Path root) {
    this.root = root;
    this.bin = root.resolve("bin");
    this.calls = root.resolve("calls");
  }

  /** Creates the fake tools under {@code root}. */
  public static FakeTools install(Path root) {
    FakeTools tools = new FakeTools(root);
    try {
      Files.createDirectories(tools.bin);
      Files.createDirectories(tools.calls);
      Path condaBase = Files.createDirectories(root.resolve("conda/etc/profile.d"));
      String condaFunction =
          "conda() { printf '%s\\n' \"$*\" >> \"$FAKE_CALLS/conda\"; return 0; }\n";
      Files.writeString(condaBase.resolve("conda.sh"), condaFunction);
      executable(
          tools.bin.resolve("tune"),
          "#!/bin/bash\n"
              + "printf '%s\\n' \"$@\" > \"$FAKE_CALLS/tune.args\"\n"
              + "pwd > \"$FAKE_CALLS/tune.cwd\"\n"
              + "exit \"${FAKE_TUNE_EXIT:-0}\"\n");
      executable(
          tools.bin.resolve("module"),
          "#!/bin/bash\nprintf '%s\\n' \"$*\" >> \"$FAKE_CALLS/module\"\n");
      executable(
          tools.bin.resolve("conda"),
          "#!/bin/bash\n"
              + "case \"$1\" in\n"
              + "  shell.bash|shell.posix) printf '%s' '"
              + condaFunction.replace("'", "'\\''")
              + "' ;;\n"
              + "  info) echo '"
              + root.resolve("conda")
              + "' ;;\n"
              + "  *) printf '%s\\n' \"$*\" >> \"$FAKE_CALLS/conda\" ;;\n"
              + "esac\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tools;
  }

  public Path calls() {
    return calls;
  }

  /**
   * Runs {@code bash script} from {@code workingDirectory} as sbatch would on a node: PATH with the
   * fakes first, SLURM_JOB_ID and SLURM_SUBMIT_DIR set, {@code tune} exiting with {@code tuneExit}.
   */
  public CliResult runScript(Path script, Path workingDirectory, int tuneExit) {
    Map<String, String> env =
        Map.of(
            "PATH", bin + ":/usr/local/bin:/usr/bin:/bin",
            "HOME", root.toString(),
            "USER", "testuser",
            "FAKE_CALLS", calls.toString(),
            "FAKE_TUNE_EXIT", Integer.toString(tuneExit),
            "SLURM_JOB_ID", "12345",
            "SLURM_SUBMIT_DIR", workingDirectory.toString());
    return Processes.run(
        List.of("bash", script.toAbsolutePath().toString()), workingDirectory, env, 60);
  }

  /**
   * The arguments {@code tune} was last called with, one per element; empty if it was not called.
   */
  public List<String> tuneArgs() {
    Path args = calls.resolve("tune.args");
    try {
      return Files.exists(args) ? Files.readAllLines(args) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void executable(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
