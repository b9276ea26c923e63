package tunesmith.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * cruijff_kit 0.3's own setup_finetune.py (the copy in src/test/resources/cruijff_kit-0.3), run by
 * /usr/bin/python3 in a run directory as its scaffold agent runs it.
 */
public final class SetupFinetunePy {
  private SetupFinetunePy() {}

  /** Runs the script in {@code runDirectory} with {@code arguments}; the caller checks the exit. */
  public static CliResult run(Path runDirectory, String... arguments) {
    return run(Optional.empty(), runDirectory, arguments);
  }

  /**
   * As {@link #run(Path, String...)}, with {@code bin} (stand-ins such as {@link TuneCpStandIn})
   * first on PATH.
   */
  public static CliResult run(Optional<Path> bin, Path runDirectory, String... arguments) {
    Path kit = Fixtures.resource("cruijff_kit-0.3");
    Map<String, String> environment = new LinkedHashMap<>();
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    environment.put("PATH", bin.map(dir -> dir + ":" + path).orElse(path));
    environment.put("USER", Cli.DEFAULT_ENV.get("USER"));
    environment.put("PYTHONPATH", kit.toString());
    environment.put("PYTHONDONTWRITEBYTECODE", "1");
    List<String> command = new ArrayList<>();
    command.add(PythonLoaders.python().toString());
    command.add(kit.resolve("cruijff_kit/tools/torchtune/setup_finetune.py").toString());
    command.addAll(List.of(arguments));
    return Processes.run(command, runDirectory, environment, 60);
  }
}
