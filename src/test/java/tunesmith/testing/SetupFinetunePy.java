package tunesmith.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * cruijff_kit 0.3's own setup_finetune.py (the copy in src/test/resources/cruijff_kit-0.3), run by
 * /usr/bin/python3 in a run directory as its scaffold agent runs it.
 */
public final class SetupFinetunePy {
  private SetupFinetunePy() {}

  /** Runs the script in {@code runDirectory} with {@code arguments}; the caller checks the exit. */
  public static CliResult run(Path runDirectory, String... arguments) {
    Path kit = Fixtures.resource("cruijff_kit-0.3");
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
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
