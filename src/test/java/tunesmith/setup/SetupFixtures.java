package tunesmith.setup;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tunesmith.catalog.ModelCatalogReader;
import tunesmith.keys.SetupValue;
import tunesmith.problem.InputProblems;

/** Given setup values for tests: each value's origin is a made-up line of a setup file. */
public final class SetupFixtures {
  public static final Path FILE = Path.of("/runs/r1/setup_finetune.yaml");
  public static final Path RUN_DIR = Path.of("/runs/r1");

  private final Map<String, SetupValue> values = new LinkedHashMap<>();
  private int line = 1;

  private SetupFixtures() {}

  /** A minimal complete run: 1B model, json dataset, absolute paths. */
  public static SetupFixtures typical() {
    return new SetupFixtures()
        .with("my_wandb_run_name", "r1")
        .with("my_wandb_project", "proj")
        .with("torchtune_model_name", "Llama-3.2-1B-Instruct")
        .with("model_checkpoint", "/models/Llama-3.2-1B-Instruct")
        .with("dataset_label", "words")
        .with("input_dir_base", "/data/")
        .with("output_dir_base", "/out/")
        .with("experiment_name", "exp");
  }

  public static SetupFixtures empty() {
    return new SetupFixtures();
  }

  public SetupFixtures with(String key, String text) {
    values.put(key, new SetupValue(text, new SetupValue.Origin(FILE, key, line++, 3)));
    return this;
  }

  public SetupFixtures without(String key) {
    values.remove(key);
    return this;
  }

  public Map<String, SetupValue> values() {
    return new LinkedHashMap<>(values);
  }

  public SetupValue value(String key) {
    return values.get(key);
  }

  public Optional<SetupConfig> resolve(InputProblems problems, Optional<String> user) {
    return new SetupResolver(ModelCatalogReader.builtIn(), user)
        .resolve(values(), RUN_DIR, problems);
  }

  /** Resolves with USER=ada; fails the test if there is any problem. */
  public SetupConfig resolve() {
    InputProblems problems = new InputProblems();
    Optional<SetupConfig> config = resolve(problems, Optional.of("ada"));
    if (!problems.isEmpty() || config.isEmpty()) {
      throw new AssertionError("unexpected problems: " + problems.list());
    }
    return config.get();
  }
}
