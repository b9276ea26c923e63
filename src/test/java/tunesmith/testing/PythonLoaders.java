package tunesmith.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads YAML files with the two Python loaders that read torchtune configs: PyYAML's {@code
 * yaml.safe_load} and OmegaConf ({@code OmegaConf.load} then {@code to_container(resolve=True)}),
 * through {@code src/test/resources/python/load_config.py}.
 *
 * <p>The interpreter is {@code /usr/bin/python3} (Debian's, with python3-yaml and
 * python3-omegaconf), not the {@code python3} on PATH; the system property {@code
 * tunesmith.test.python} names another one.
 */
public final class PythonLoaders {
  /**
   * Keys of finetune.yaml that docs/KEYS.md lists and that must load as integers in both loaders.
   */
  public static final List<String> INTEGER_KEYS =
      List.of(
          "model.lora_rank",
          "model.lora_alpha",
          "batch_size",
          "epochs",
          "seed",
          "lr_scheduler.num_warmup_steps",
          "tokenizer.max_seq_len",
          "gradient_accumulation_steps",
          "log_every_n_steps");

  /**
   * Keys of finetune.yaml that must load as numbers (int or float) in both loaders; optimizer.lr as
   * a float.
   */
  public static final List<String> FLOAT_KEYS =
      List.of("optimizer.lr", "optimizer.weight_decay", "model.lora_dropout");

  private static final long TIMEOUT_SECONDS = 60;
  private static volatile Path checkedPython;

  private PythonLoaders() {}

  /**
   * What both loaders made of one file; a loader that failed has a null tree and an entry in {@code
   * errors}.
   */
  public record Loaded(Path file, Object pyyaml, Object omegaconf, Map<String, Object> errors) {

    /**
     * The PyYAML tree as a mapping; an AssertionError if PyYAML failed or the top level is not a
     * mapping.
     */
    public Map<String, Object> pyyamlMap() {
      return mapOf("pyyaml", pyyaml);
    }

    /**
     * The resolved OmegaConf tree as a mapping; an AssertionError if OmegaConf failed or it is not
     * a mapping.
     */
    public Map<String, Object> omegaconfMap() {
      return mapOf("omegaconf", omegaconf);
    }

    /** Fails unless both loaders loaded the file (and OmegaConf resolved every interpolation). */
    public Loaded assertBothLoaded() {
      if (!errors.isEmpty()) {
        throw new AssertionError(
            file + " does not load in every loader: " + errors + "\n" + text(file));
      }
      return this;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> mapOf(String loader, Object tree) {
      if (errors.containsKey(loader)) {
        throw new AssertionError(
            loader + " cannot load " + file + ": " + errors.get(loader) + "\n" + text(file));
      }
      if (!(tree instanceof Map)) {
        throw new AssertionError(
            loader + " loads " + file + " as " + Json.describe(tree) + ", not a mapping");
      }
      return (Map<String, Object>) tree;
    }
  }

  /** Loads a file with both loaders, failing only if the loaders cannot be run at all. */
  @SuppressWarnings("unchecked")
  public static Loaded load(Path yamlFile) {
    Path python = python();
    CliResult result =
        Processes.run(
            List.of(
                python.toString(),
                Fixtures.resource("python/load_config.py").toString(),
                yamlFile.toAbsolutePath().toString()),
            null,
            null,
            TIMEOUT_SECONDS);
    if (result.exitCode() != 0) {
      throw new AssertionError("load_config.py failed on " + yamlFile + ": " + result.describe());
    }
    Map<String, Object> json = Json.parseObject(result.out());
    return new Loaded(
        yamlFile,
        json.get("pyyaml"),
        json.get("omegaconf"),
        (Map<String, Object>) json.get("errors"));
  }

  /**
   * {@link #load} of many files in one interpreter (it takes most of a second to start), by file.
   */
  @SuppressWarnings("unchecked")
  public static Map<Path, Loaded> loadAll(List<Path> yamlFiles) {
    Map<Path, Loaded> loaded = new java.util.LinkedHashMap<>();
    int batch = 500;
    for (int start = 0; start < yamlFiles.size(); start += batch) {
      List<Path> files = yamlFiles.subList(start, Math.min(yamlFiles.size(), start + batch));
      List<String> command =
          new ArrayList<>(
              List.of(python().toString(), Fixtures.resource("python/load_configs.py").toString()));
      files.forEach(file -> command.add(file.toAbsolutePath().toString()));
      CliResult result = Processes.run(command, null, null, TIMEOUT_SECONDS * 4);
      if (result.exitCode() != 0) {
        throw new AssertionError("load_configs.py failed: " + result.describe());
      }
      Map<String, Object> json = Json.parseObject(result.out());
      for (Path file : files) {
        Map<String, Object> one = (Map<String, Object>) json.get(file.toAbsolutePath().toString());
        loaded.put(
            file,
            new Loaded(
                file,
                one.get("pyyaml"),
                one.get("omegaconf"),
                (Map<String, Object>) one.get("errors")));
      }
    }
    return loaded;
  }

  /** {@code yaml.safe_load} of the file, which must be a mapping. */
  public static Map<String, Object> pyyaml(Path yamlFile) {
    return load(yamlFile).pyyamlMap();
  }

  /**
   * {@code OmegaConf.to_container(OmegaConf.load(file), resolve=True)}, which must be a mapping.
   */
  public static Map<String, Object> omegaconf(Path yamlFile) {
    return load(yamlFile).omegaconfMap();
  }

  /**
   * Fails unless every value docs/KEYS.md says is a number is one in both loaders: {@link
   * #INTEGER_KEYS} load as integers, {@link #FLOAT_KEYS} as numbers, and optimizer.lr as a float (a
   * bare {@code 1e-5} is a string to PyYAML, which is exactly what this catches).
   */
  public static void assertNumbersAreNumbers(Loaded loaded) {
    loaded.assertBothLoaded();
    List<String> problems = new ArrayList<>();
    for (String loader : List.of("pyyaml", "omegaconf")) {
      Object tree = loader.equals("pyyaml") ? loaded.pyyaml() : loaded.omegaconf();
      for (String key : INTEGER_KEYS) {
        Object value = Json.at(tree, key);
        if (!isInteger(value)) {
          problems.add(
              loader
                  + ": "
                  + key
                  + " is "
                  + (Json.has(tree, key) ? Json.describe(value) : "missing")
                  + ", expected an integer");
        }
      }
      for (String key : FLOAT_KEYS) {
        Object value = Json.at(tree, key);
        boolean ok =
            key.equals("optimizer.lr")
                ? value instanceof Double
                : isInteger(value) || value instanceof Double;
        if (!ok) {
          problems.add(
              loader
                  + ": "
                  + key
                  + " is "
                  + (Json.has(tree, key) ? Json.describe(value) : "missing")
                  + (key.equals("optimizer.lr") ? ", expected a float" : ", expected a number"));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(
          "numbers that do not load as numbers in "
              + loaded.file()
              + ":\n  "
              + String.join("\n  ", problems)
              + "\n"
              + text(loaded.file()));
    }
  }

  /** {@link #assertNumbersAreNumbers(Loaded)} on a file. */
  public static void assertNumbersAreNumbers(Path finetuneYaml) {
    assertNumbersAreNumbers(load(finetuneYaml));
  }

  /**
   * Fails where PyYAML and OmegaConf disagree on a value that has no interpolation: the same text must mean the
   * same thing to both (YAML 1.1 vs OmegaConf's float rule is the usual culprit). Strings that PyYAML sees
   * containing {@code ${} are skipped, since only OmegaConf resolves or unescapes them.
   */
  public static void assertLoadersAgree(Loaded loaded) {
    loaded.assertBothLoaded();
    List<String> problems = new ArrayList<>();
    compare("", loaded.pyyaml(), loaded.omegaconf(), problems);
    if (!problems.isEmpty()) {
      throw new AssertionError(
          "PyYAML and OmegaConf read "
              + loaded.file()
              + " differently:\n  "
              + String.join("\n  ", problems)
              + "\n"
              + text(loaded.file()));
    }
  }

  private static void compare(String path, Object pyyaml, Object omegaconf, List<String> problems) {
    if (pyyaml instanceof String text && text.contains("${")) {
      return;
    }
    if (pyyaml instanceof Map<?, ?> left && omegaconf instanceof Map<?, ?> right) {
      if (!left.keySet().equals(right.keySet())) {
        problems.add(where(path) + ": keys " + left.keySet() + " vs " + right.keySet());
      }
      for (Object key : left.keySet()) {
        if (right.containsKey(key)) {
          compare(
              path.isEmpty() ? key.toString() : path + "." + key,
              left.get(key),
              right.get(key),
              problems);
        }
      }
    } else if (pyyaml instanceof List<?> left && omegaconf instanceof List<?> right) {
      if (left.size() != right.size()) {
        problems.add(where(path) + ": " + left.size() + " items vs " + right.size());
        return;
      }
      for (int i = 0; i < left.size(); i++) {
        compare(path + "." + i, left.get(i), right.get(i), problems);
      }
    } else if (!java.util.Objects.equals(pyyaml, omegaconf)) {
      problems.add(
          where(path)
              + ": pyyaml "
              + Json.describe(pyyaml)
              + " vs omegaconf "
              + Json.describe(omegaconf));
    }
  }

  private static String where(String path) {
    return path.isEmpty() ? "(top level)" : path;
  }

  private static boolean isInteger(Object value) {
    return value instanceof Long || value instanceof java.math.BigInteger;
  }

  /**
   * The interpreter, checked once to have PyYAML and OmegaConf; a clear AssertionError if it does
   * not.
   */
  public static Path python() {
    Path python = checkedPython;
    if (python != null) {
      return python;
    }
    python = Paths.get(System.getProperty("tunesmith.test.python", "/usr/bin/python3"));
    String install =
        "install them with: apt-get install python3-yaml python3-omegaconf "
            + "(or point -Dtunesmith.test.python at an interpreter that has both)";
    if (!Files.isExecutable(python)) {
      throw new AssertionError(
          python
              + " not found or not executable; the finetune.yaml checks need a Python with "
              + "PyYAML and OmegaConf; "
              + install);
    }
    CliResult probe =
        Processes.run(
            List.of(python.toString(), "-c", "import yaml, omegaconf"),
            null,
            null,
            TIMEOUT_SECONDS);
    if (probe.exitCode() != 0) {
      throw new AssertionError(
          python + " lacks PyYAML or OmegaConf (" + probe.err().strip() + "); " + install);
    }
    checkedPython = python;
    return python;
  }

  private static String text(Path file) {
    try {
      return "--- " + file + " ---\n" + Files.readString(file);
    } catch (java.io.IOException e) {
      return "(could not read " + file + ": " + e.getMessage() + ")";
    }
  }
}
