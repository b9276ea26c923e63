package tunesmith.verify;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import tunesmith.experiment.ExperimentPlan;
import tunesmith.experiment.RunSpec;
import tunesmith.problem.InputProblems;
import tunesmith.profile.Profile;
import tunesmith.profile.Profiles;
import tunesmith.render.ShellQuote;
import tunesmith.render.SlurmScriptRenderer;
import tunesmith.setup.RecipeChoice;
import tunesmith.setup.SetupConfig;
import tunesmith.setup.SlurmResources;
import tunesmith.torchtune.ComponentCheck;

/**
 * Reads a run's finetune.yaml and finetune.slurm back as their consumers would and compares them
 * with what the plan says. Its checks are written out here on purpose, apart from the renderer's
 * table, so that a mistake in one is caught by the other.
 */
public final class RunVerifier {
  private static final Pattern SLASHES = Pattern.compile("/+");

  /** A finetune.yaml value that must equal what the run's settings say. */
  private record Check(String path, Function<SetupConfig, Object> expected) {}

  private static final List<Check> CHECKS =
      List.of(
          new Check("my_wandb_run_name", SetupConfig::runName),
          new Check("my_wandb_project", c -> c.text("my_wandb_project")),
          new Check("output_dir", SetupConfig::outputDir),
          new Check("input_dir", SetupConfig::inputDir),
          new Check("dataset_label", c -> c.text("dataset_label")),
          new Check("batch_size", c -> c.integer("batch_size")),
          new Check("epochs", c -> c.integer("epochs")),
          new Check("gradient_accumulation_steps", c -> c.integer("gradient_accumulation_steps")),
          new Check(
              "max_steps_per_epoch", c -> c.optionalInteger("max_steps_per_epoch").orElse(null)),
          new Check("seed", c -> c.integer("seed")),
          new Check("log_every_n_steps", c -> c.integer("log_every_n_steps")),
          new Check("model._component_", c -> c.model().component()),
          new Check("model.lora_rank", c -> c.integer("lora_rank")),
          new Check("model.lora_alpha", c -> 2 * c.integer("lora_rank")),
          new Check("model.lora_dropout", c -> c.number("lora_dropout")),
          new Check("tokenizer.max_seq_len", c -> c.optionalInteger("max_seq_len").orElse(null)),
          new Check("checkpointer.checkpoint_dir", SetupConfig::modelDir),
          new Check("checkpointer.model_type", c -> c.model().modelType()),
          new Check("checkpointer.output_dir", SetupConfig::outputDir),
          new Check("optimizer.lr", c -> c.number("lr")),
          new Check("optimizer.weight_decay", c -> c.number("weight_decay")),
          new Check("lr_scheduler.num_warmup_steps", c -> c.integer("num_warmup_steps")),
          new Check("dataset.data_files", RunVerifier::trainingFile),
          new Check("dataset.prompt", c -> c.text("prompt")),
          new Check("dataset.packed", c -> c.bool("packed")),
          new Check("dataset.train_on_input", c -> c.bool("train_on_input")),
          new Check("dataset.model_path", SetupConfig::modelDir),
          new Check("metric_logger.project", c -> c.text("my_wandb_project")),
          new Check("metric_logger.name", SetupConfig::runName));

  private RunVerifier() {}

  /** Every way the run's files differ from {@code expected}; empty when they match. */
  public static List<Mismatch> verify(Path runDirectory, SetupConfig expected) {
    return verify(runDirectory, expected, Map.of());
  }

  /** As a readiness check: the run's files read back, against its settings and its design. */
  public static List<Mismatch> verify(RunUnderCheck run) {
    return verify(run.directory(), run.config(), run.designed(), Optional.of(run.target()));
  }

  /**
   * As {@link #verify(RunUnderCheck)} right after scaffold wrote the files, without the component
   * check: the planner checked the very tree these files were emitted from against the target
   * (TargetRefusal) before writing them, so running it again per run would only cost time.
   */
  public static List<Mismatch> verifyJustWritten(RunUnderCheck run) {
    return verify(run.directory(), run.config(), run.designed(), Optional.empty());
  }

  /**
   * As {@link #verify(Path, SetupConfig)}, and also against the run as designed in the experiment
   * ({@code designed}: setting -> value, from {@link #designed}).
   */
  public static List<Mismatch> verify(
      Path runDirectory, SetupConfig expected, Map<String, String> designed) {
    // Without a target: the fallback profile's.
    return verify(runDirectory, expected, designed, Profiles.fallback());
  }

  /**
   * As {@link #verify(Path, SetupConfig, Map)}, and finetune.yaml also checked against what the
   * readers of {@code target} accept ({@link ComponentCheck}).
   */
  public static List<Mismatch> verify(
      Path runDirectory, SetupConfig expected, Map<String, String> designed, Profile target) {
    return verify(runDirectory, expected, designed, Optional.of(target));
  }

  private static List<Mismatch> verify(
      Path runDirectory,
      SetupConfig expected,
      Map<String, String> designed,
      Optional<Profile> target) {
    List<Mismatch> missing = new ArrayList<>();
    Path yamlFile = runDirectory.resolve("finetune.yaml");
    Path scriptFile = runDirectory.resolve("finetune.slurm");
    for (String name : RunReadiness.RUN_FILES) {
      if (!Files.isRegularFile(runDirectory.resolve(name))) {
        missing.add(new Mismatch(Mismatch.Kind.INCOMPLETE, name + " is missing"));
      }
    }
    if (!missing.isEmpty()) {
      return missing;
    }
    List<String> readBack = new ArrayList<>();
    Optional<Map<String, Object>> config = loadConfig(yamlFile, readBack);
    Optional<Map<String, String>> options =
        verifyScript(scriptFile, runDirectory, expected, readBack);
    config.ifPresent(loaded -> verifyConfig(loaded, expected, readBack));
    List<String> design = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    config.ifPresent(
        loaded ->
            target.ifPresent(
                readers ->
                    ComponentCheck.check(readers, SlurmScriptRenderer.recipe(expected), loaded)
                        .forEach(problem -> rejected.add(problem.describe(expected.runName())))));
    if (config.isPresent() && options.isPresent()) {
      DesignCheck.compare(
          DesignCheck.writtenFor(expected), designed, config.get(), options.get(), design);
    }
    List<Mismatch> mismatches = new ArrayList<>();
    readBack.forEach(text -> mismatches.add(new Mismatch(Mismatch.Kind.READBACK, text)));
    design.forEach(text -> mismatches.add(new Mismatch(Mismatch.Kind.DESIGN, text)));
    rejected.forEach(text -> mismatches.add(new Mismatch(Mismatch.Kind.TARGET, text)));
    return mismatches;
  }

  /**
   * The run's settings as designed in the experiment, for {@link #verify(Path, SetupConfig, Map)}.
   */
  public static Map<String, String> designed(ExperimentPlan plan, RunSpec run) {
    return DesignCheck.designed(plan, run);
  }

  private static Optional<Map<String, Object>> loadConfig(Path yamlFile, List<String> mismatches) {
    InputProblems problems = new InputProblems();
    List<String> errors = new ArrayList<>();
    Optional<Map<String, Object>> loaded = ConsumerYaml.load(yamlFile, problems, errors);
    problems
        .list()
        .forEach(problem -> mismatches.add("finetune.yaml does not load: " + problem.render()));
    errors.forEach(error -> mismatches.add("finetune.yaml: " + error));
    return loaded;
  }

  private static void verifyConfig(
      Map<String, Object> config, SetupConfig expected, List<String> mismatches) {
    for (Check check : CHECKS) {
      compare(
          check.path(), check.expected().apply(expected), lookup(config, check.path()), mismatches);
    }
    if (expected.datasetType().takesSystemPrompt()) {
      compare(
          "dataset.system_prompt",
          expected.text("system_prompt"),
          lookup(config, "dataset.system_prompt"),
          mismatches);
    } else if (lookup(config, "dataset.system_prompt") != Missing.VALUE) {
      mismatches.add(
          "dataset.system_prompt: present, but " + expected.text("dataset_type") + " takes none");
    }
    boolean hasValidation = config.containsKey("dataset_val");
    // A recipe without a validation loop gets no validation keys (the run is warned about).
    boolean validates = RecipeChoice.validates(expected);
    if (hasValidation != validates) {
      mismatches.add(
          "dataset_val: "
              + (hasValidation ? "present" : "missing")
              + ", expected "
              + (validates
                  ? "a validation dataset (run_val_every_n_steps "
                      + expected.integer("run_val_every_n_steps")
                      + ")"
                  : "none"));
    } else if (hasValidation) {
      compare(
          "run_val_every_n_steps",
          expected.integer("run_val_every_n_steps"),
          lookup(config, "run_val_every_n_steps"),
          mismatches);
      compare("dataset_val.split", "validation", lookup(config, "dataset_val.split"), mismatches);
    }
  }

  private static Optional<Map<String, String>> verifyScript(
      Path scriptFile, Path runDirectory, SetupConfig expected, List<String> mismatches) {
    String script;
    try {
      script = Files.readString(scriptFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      mismatches.add("finetune.slurm cannot be read: " + e.getMessage());
      return Optional.empty();
    }
    Map<String, String> options = SbatchDirectives.parse(script);
    SlurmResources resources = expected.resources();
    compareOption(options, "job-name", Optional.of(expected.runName()), mismatches);
    compareOption(options, "mem", Optional.of(resources.mem()), mismatches);
    compareOption(
        options,
        "cpus-per-task",
        Optional.of(Integer.toString(resources.cpusPerTask())),
        mismatches);
    compareOption(options, "gres", Optional.of("gpu:" + resources.gpus()), mismatches);
    compareOption(options, "time", Optional.of(resources.time()), mismatches);
    compareOption(options, "partition", resources.partition(), mismatches);
    compareOption(options, "constraint", resources.constraint(), mismatches);
    compareOption(options, "account", resources.account(), mismatches);
    compareOption(
        options, "output", Optional.of(expected.outputDir() + "slurm-%j.out"), mismatches);
    if (!expected.outputDir().contains(expected.runName())) {
      mismatches.add("output_dir " + expected.outputDir() + " does not contain the run name");
    }
    String configPath = runDirectory.toAbsolutePath().resolve("finetune.yaml").toString();
    String recipe = SlurmScriptRenderer.recipe(expected);
    // As bash reads the line: a run directory with spaces or quotes in its path stands there
    // single-quoted.
    boolean launches =
        script
            .lines()
            .anyMatch(
                line ->
                    line.startsWith("tune run ")
                        && line.contains(" " + recipe + " ")
                        && line.endsWith("--config " + ShellQuote.quote(configPath))
                        && (resources.gpus() == 1
                            || line.contains("--nproc_per_node=" + resources.gpus() + " ")));
    if (!launches) {
      mismatches.add(
          "finetune.slurm: no 'tune run "
              + (resources.gpus() > 1 ? "--nproc_per_node=" + resources.gpus() + " " : "")
              + recipe
              + " --config "
              + configPath
              + "' line");
    }
    return Optional.of(options);
  }

  private static void compareOption(
      Map<String, String> options,
      String name,
      Optional<String> expected,
      List<String> mismatches) {
    String actual = options.get(name);
    if (!Objects.equals(expected.orElse(null), actual)) {
      mismatches.add(
          "#SBATCH --"
              + name
              + ": "
              + (actual == null ? "no line" : "'" + actual + "'")
              + ", expected "
              + expected.map(value -> "'" + value + "'").orElse("no line"));
    }
  }

  private static void compare(
      String path, Object expected, Object actual, List<String> mismatches) {
    if (actual == Missing.VALUE) {
      mismatches.add(path + ": missing, expected " + show(expected));
      return;
    }
    boolean same;
    if (expected instanceof Long || expected instanceof BigDecimal) {
      BigDecimal want =
          expected instanceof Long whole ? BigDecimal.valueOf(whole) : (BigDecimal) expected;
      same =
          numericallyEqual(actual, want)
              && (expected instanceof BigDecimal || actual instanceof Long);
    } else if (expected instanceof String text
        && (path.endsWith("_dir") || path.endsWith("data_files") || path.endsWith("model_path"))) {
      same = actual instanceof String found && normalizePath(found).equals(normalizePath(text));
    } else {
      same = Objects.equals(expected, actual);
    }
    if (!same) {
      mismatches.add(path + ": " + show(actual) + ", expected " + show(expected));
    }
  }

  /**
   * Whether a value read from YAML is a number equal to {@code want} (never true for text, NaN or
   * infinity).
   */
  static boolean numericallyEqual(Object actual, BigDecimal want) {
    if (actual instanceof Long whole) {
      return BigDecimal.valueOf(whole).compareTo(want) == 0;
    }
    return actual instanceof Double real
        && Double.isFinite(real)
        && new BigDecimal(real.toString()).compareTo(want) == 0;
  }

  static String show(Object value) {
    if (value == Missing.VALUE) {
      return "missing";
    }
    if (value instanceof String text) {
      return "'" + text + "' (text)";
    }
    return value == null ? "null" : value.toString();
  }

  /** Runs of slashes as one, and no trailing slash but for the root. */
  static String normalizePath(String path) {
    // Most paths have no double slash: String.replaceAll compiled its pattern on every call.
    String collapsed = path.contains("//") ? SLASHES.matcher(path).replaceAll("/") : path;
    return collapsed.length() > 1 && collapsed.endsWith("/")
        ? collapsed.substring(0, collapsed.length() - 1)
        : collapsed;
  }

  private static String trainingFile(SetupConfig config) {
    return config.datasetPath() + (config.parquet() ? "train.parquet" : "");
  }

  private enum Missing {
    VALUE
  }

  static Object lookup(Map<String, Object> config, String path) {
    Object current = config;
    for (String part : path.split("\\.")) {
      if (!(current instanceof Map<?, ?> map) || !map.containsKey(part)) {
        return Missing.VALUE;
      }
      current = map.get(part);
    }
    return current;
  }
}
