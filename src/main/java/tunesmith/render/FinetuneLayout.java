package tunesmith.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import tunesmith.catalog.CheckpointFiles;
import tunesmith.keys.EpochsToSave;
import tunesmith.profile.Profile;
import tunesmith.setup.RecipeChoice;
import tunesmith.setup.SetupConfig;

/**
 * Where every finetune.yaml key comes from: one row per key, in the order they are written, one
 * table per target. These tables are the single source of truth; {@code tunesmith keys} prints them
 * for the docs. A row whose value is empty is left out of the file (e.g. dataset_val without
 * validation).
 */
public final class FinetuneLayout {

  /**
   * One finetune.yaml key: its dotted path, where its value comes from (in words), how it is
   * computed, and what verify's design check compares it with (docs/KEYS.md). A row cannot be built
   * without its design: the keys it carries, or why it has none.
   */
  public record Row(
      String path,
      String source,
      Function<SetupConfig, Optional<ConfigNode>> value,
      KeyDesign design) {
    public Row {
      Objects.requireNonNull(
          design, path + ": a row needs its design check or the reason for none");
    }

    /** The setup keys whose designed values the row carries, each where the check reads it. */
    public Map<String, String> designs() {
      return design instanceof KeyDesign.Carries carries ? carries.keys() : Map.of();
    }
  }

  private static final KeyDesign FIXED = new KeyDesign.Unchecked("a fixed value");
  private static final KeyDesign CATALOG =
      new KeyDesign.Unchecked("from the model catalog: the design names only the model");
  private static final KeyDesign PATHS =
      new KeyDesign.Unchecked("derived from where things are, which the design does not say");
  private static final KeyDesign RETRY =
      new KeyDesign.Unchecked("set by tunesmith retry after a TIMEOUT, not by the design");

  private static final String LORA_RECIPE_CHECKPOINTER =
      "torchtune.training.FullModelHFCheckpointer";
  private static final String LR_SCHEDULERS = "torchtune.training.lr_schedulers.";

  public static final List<Row> ROWS =
      List.of(
          row(
              "my_wandb_project",
              "setup: my_wandb_project",
              c -> text(c.text("my_wandb_project")),
              new KeyDesign.Unchecked("claude.local.md or the output section may give it")),
          row(
              "my_wandb_run_name",
              "setup: my_wandb_run_name (scaffold: the run name)",
              c -> text(c.runName()),
              new KeyDesign.Unchecked("the run's name")),
          row(
              "dataset_label",
              "setup: dataset_label",
              c -> text(c.text("dataset_label")),
              new KeyDesign.Unchecked("a run's own dataset may replace the designed one")),
          row(
              "output_dir",
              "setup: output_dir_base + experiment_name + /ck-out-{run}/",
              c -> text(c.outputDir()),
              PATHS),
          row(
              "input_dir",
              "setup: input_dir_base + input_formatting (+ /)",
              c -> text(c.inputDir()),
              PATHS),
          row(
              "models_dir",
              "setup: models_dir, else the parent of model_checkpoint",
              c -> text(c.modelsDir()),
              PATHS),
          designed(
              "batch_size",
              "batch_size",
              "setup: batch_size",
              c -> integer(c.integer("batch_size"))),
          designed(
              "batch_size_val",
              "batch_size_val",
              "setup: batch_size_val (only when set and the recipe validates)",
              c ->
                  RecipeChoice.validates(c)
                      ? c.optionalInteger("batch_size_val").map(ConfigNode.Integer::new)
                      : Optional.empty()),
          row(
              "model._component_",
              "catalog: component of torchtune_model_name",
              c -> text(c.model().component()),
              CATALOG),
          row(
              "model.lora_attn_modules",
              "fixed: [q_proj, v_proj, output_proj]",
              c -> Optional.of(ConfigNode.texts(List.of("q_proj", "v_proj", "output_proj"))),
              FIXED),
          row("model.apply_lora_to_mlp", "fixed: true", c -> bool(true), FIXED),
          designed(
              "model.lora_rank",
              "lora_rank",
              "setup: lora_rank",
              c -> integer(c.integer("lora_rank"))),
          row(
              "model.lora_alpha",
              "setup: 2 x lora_rank",
              c -> integer(2 * c.integer("lora_rank")),
              new KeyDesign.Unchecked("2 x lora_rank, whose row is checked")),
          designed(
              "model.lora_dropout",
              "lora_dropout",
              "setup: lora_dropout",
              c -> decimal(c, "lora_dropout")),
          row(
              "tokenizer._component_",
              "catalog: the model family's tokenizer",
              c -> text(c.model().tokenizer().component()),
              CATALOG),
          row(
              "tokenizer.path",
              "catalog: model directory + the family's tokenizer file",
              c -> text(c.modelDir() + "/" + c.model().tokenizer().path()),
              CATALOG),
          row(
              "tokenizer.merges_file",
              "catalog: model directory + merges file (qwen only)",
              c ->
                  c.model()
                      .tokenizer()
                      .mergesFile()
                      .map(file -> ConfigNode.text(c.modelDir() + "/" + file)),
              CATALOG),
          designed(
              "tokenizer.max_seq_len",
              "max_seq_len",
              "setup: max_seq_len",
              // base_recipe may set it to null (docs/SETUP-0.3.md).
              c ->
                  Optional.of(
                      c.optionalInteger("max_seq_len")
                          .<ConfigNode>map(ConfigNode.Integer::new)
                          .orElse(new ConfigNode.Null()))),
          row(
              "checkpointer._component_",
              "fixed: " + LORA_RECIPE_CHECKPOINTER,
              c -> text(LORA_RECIPE_CHECKPOINTER),
              FIXED),
          row(
              "checkpointer.checkpoint_dir",
              "setup: the model directory (model_checkpoint, or models_dir/name)",
              c -> text(c.modelDir()),
              PATHS),
          row(
              "checkpointer.checkpoint_files",
              "catalog: checkpoint_files",
              c -> Optional.of(checkpointFiles(c.model().checkpointFiles())),
              CATALOG),
          row(
              "checkpointer.adapter_checkpoint",
              "setup: resume_adapter_checkpoint (only when resume_from_checkpoint)",
              c -> resuming(c, "resume_adapter_checkpoint").<ConfigNode>map(ConfigNode::text),
              RETRY),
          row(
              "checkpointer.recipe_checkpoint",
              "setup: resume_recipe_checkpoint when resuming and set, else null",
              c ->
                  Optional.of(
                      resuming(c, "resume_recipe_checkpoint")
                          .<ConfigNode>map(ConfigNode::text)
                          .orElse(new ConfigNode.Null())),
              RETRY),
          row(
              "checkpointer.output_dir",
              "fixed: ${output_dir}",
              c -> interpolation("${output_dir}"),
              FIXED),
          row(
              "checkpointer.model_type",
              "catalog: model_type",
              c -> text(c.model().modelType()),
              CATALOG),
          row(
              "resume_from_checkpoint",
              "setup: resume_from_checkpoint (default false; tunesmith retry sets it after a TIMEOUT)",
              c -> bool(c.bool("resume_from_checkpoint")),
              RETRY),
          designed(
              "save_adapter_weights_only",
              "save_adapter_weights_only",
              "setup: save_adapter_weights_only",
              c -> bool(c.bool("save_adapter_weights_only"))),
          designed(
              "save_last_epoch_only",
              "save_last_epoch_only",
              "setup: save_last_epoch_only",
              c -> bool(c.bool("save_last_epoch_only"))),
          row(
              "epochs_to_save",
              "setup: epochs_to_save ('all', or a list; none: [])",
              c -> Optional.of(epochsToSave(c.epochsToSave())),
              new KeyDesign.Unchecked("not yet: it is written as a list, designed as text")),
          designed(
              "stash_adapter_weights",
              "stash_adapter_weights",
              "setup: stash_adapter_weights",
              c -> bool(c.bool("stash_adapter_weights"))),
          row(
              "optimizer._component_",
              "fixed: torch.optim.AdamW",
              c -> text("torch.optim.AdamW"),
              FIXED),
          row("optimizer.fused", "fixed: true", c -> bool(true), FIXED),
          designed(
              "optimizer.weight_decay",
              "weight_decay",
              "setup: weight_decay",
              c -> decimal(c, "weight_decay")),
          designed(
              "optimizer.lr",
              "lr",
              "setup: lr (experiment parameter learning_rate or lr)",
              c -> decimal(c, "lr")),
          row(
              "lr_scheduler._component_",
              "setup: lr_scheduler (a bare name is under " + LR_SCHEDULERS + ")",
              c -> text(scheduler(c.text("lr_scheduler"))),
              new KeyDesign.Unchecked(
                  "not yet: a bare designed name is written under torchtune's module")),
          designed(
              "lr_scheduler.num_warmup_steps",
              "num_warmup_steps",
              "setup: num_warmup_steps",
              c -> integer(c.integer("num_warmup_steps"))),
          row(
              "loss._component_",
              "fixed: torchtune.modules.loss.CEWithChunkedOutputLoss",
              c -> text("torchtune.modules.loss.CEWithChunkedOutputLoss"),
              FIXED),
          designed("epochs", "epochs", "setup: epochs", c -> integer(c.integer("epochs"))),
          designed(
              "max_steps_per_epoch",
              "max_steps_per_epoch",
              "setup: max_steps_per_epoch (null when unset)",
              c ->
                  Optional.of(
                      c.optionalInteger("max_steps_per_epoch")
                          .<ConfigNode>map(ConfigNode.Integer::new)
                          .orElse(new ConfigNode.Null()))),
          designed(
              "gradient_accumulation_steps",
              "gradient_accumulation_steps",
              "setup: gradient_accumulation_steps",
              c -> integer(c.integer("gradient_accumulation_steps"))),
          row("compile", "fixed: false", c -> bool(false), FIXED),
          row(
              "dataset",
              "setup: dataset_type, dataset_ext, dataset_label, prompt, system_prompt, input_key, output_key, train_on_input, packed, training_samples (see DatasetSection)",
              c -> Optional.of(DatasetSection.build(c, DatasetSection.Split.TRAIN)),
              new KeyDesign.Carries(
                  Map.of(
                      "prompt", "dataset.prompt",
                      "system_prompt", "dataset.system_prompt",
                      "input_key", "dataset.input_key",
                      "output_key", "dataset.output_key",
                      "train_on_input", "dataset.train_on_input",
                      "packed", "dataset.packed",
                      "training_samples", "dataset.max_samples"))),
          row(
              "run_val_every_n_steps",
              "setup: run_val_every_n_steps (only when > 0 and the recipe has a validation loop)",
              c ->
                  RecipeChoice.validates(c)
                      ? integer(c.integer("run_val_every_n_steps"))
                      : Optional.empty(),
              new KeyDesign.Unchecked("written only when the run's recipe validates")),
          row(
              "dataset_val",
              "as dataset, split validation, no max_samples (only when run_val_every_n_steps is written)",
              c ->
                  RecipeChoice.validates(c)
                      ? Optional.of(DatasetSection.build(c, DatasetSection.Split.VALIDATION))
                      : Optional.empty(),
              new KeyDesign.Unchecked("as dataset, whose row is checked")),
          row(
              "metric_logger._component_",
              "fixed: torchtune.training.metric_logging.WandBLogger",
              c -> text("torchtune.training.metric_logging.WandBLogger"),
              FIXED),
          row("metric_logger.mode", "fixed: offline", c -> text("offline"), FIXED),
          row(
              "metric_logger.project",
              "fixed: ${my_wandb_project}",
              c -> interpolation("${my_wandb_project}"),
              FIXED),
          row(
              "metric_logger.name",
              "fixed: ${my_wandb_run_name}",
              c -> interpolation("${my_wandb_run_name}"),
              FIXED),
          row(
              "metric_logger.log_dir",
              "fixed: ${output_dir}/logs",
              c -> interpolation("${output_dir}/logs"),
              FIXED),
          designed(
              "log_every_n_steps",
              "log_every_n_steps",
              "setup: log_every_n_steps",
              c -> integer(c.integer("log_every_n_steps"))),
          row(
              "log_level",
              "fixed: INFO, only for torchtune's own recipes (no custom_recipe): they read it without a default",
              c -> c.optional("custom_recipe").isEmpty() ? text("INFO") : Optional.empty(),
              FIXED),
          row("log_peak_memory_stats", "fixed: true", c -> bool(true), FIXED),
          row("device", "fixed: cuda", c -> text("cuda"), FIXED),
          row("dtype", "fixed: bf16", c -> text("bf16"), FIXED),
          row("enable_activation_checkpointing", "fixed: false", c -> bool(false), FIXED),
          row("enable_activation_offloading", "fixed: false", c -> bool(false), FIXED),
          designed("seed", "seed", "setup: seed", c -> integer(c.integer("seed"))),
          row("shuffle", "fixed: true", c -> bool(true), FIXED));

  /** A profile's rows and their paths, split once: build runs once per run (twice in scaffold). */
  private record Layout(List<Row> rows, String[][] paths) {
    /** The rows without the keys the profile never reads, with the profile's sources. */
    static Layout of(Profile profile) {
      Profile.Resolving rules = profile.resolving();
      List<Row> rows =
          ROWS.stream()
              .filter(row -> !rules.unread().contains(row.path()))
              .map(
                  row ->
                      new Row(
                          row.path(),
                          rules.rowSources().getOrDefault(row.path(), row.source()),
                          row.value(),
                          row.design()))
              .toList();
      return new Layout(
          rows, rows.stream().map(row -> row.path().split("\\.")).toArray(String[][]::new));
    }
  }

  private static final Map<Profile, Layout> LAYOUTS = new ConcurrentHashMap<>();

  private FinetuneLayout() {}

  /** The rows written for a target, in order. */
  public static List<Row> rows(Profile target) {
    return layout(target).rows();
  }

  private static Layout layout(Profile profile) {
    Layout known = LAYOUTS.get(profile);
    return known != null ? known : LAYOUTS.computeIfAbsent(profile, Layout::of);
  }

  /** The finetune.yaml tree for one run. */
  public static ConfigNode.Section build(SetupConfig config) {
    Map<String, Object> root = new LinkedHashMap<>(64);
    Layout layout = layout(config.target());
    List<Row> rows = layout.rows();
    String[][] paths = layout.paths();
    for (int i = 0; i < paths.length; i++) {
      Optional<ConfigNode> node = rows.get(i).value().apply(config);
      if (node.isPresent()) {
        place(root, paths[i], node.get());
      }
    }
    return freeze(root);
  }

  /** The lr_scheduler component for a setup value: bare names live in torchtune's module. */
  public static String scheduler(String name) {
    return name.contains(".") ? name : LR_SCHEDULERS + name;
  }

  @SuppressWarnings("unchecked")
  private static void place(Map<String, Object> root, String[] path, ConfigNode node) {
    Map<String, Object> section = root;
    for (int i = 0; i < path.length - 1; i++) {
      section =
          (Map<String, Object>)
              section.computeIfAbsent(path[i], key -> new LinkedHashMap<String, Object>());
    }
    section.put(path[path.length - 1], node);
  }

  /** Sections become ConfigNode.Sections in place (the section copies its entries once). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static ConfigNode.Section freeze(Map<String, Object> tree) {
    tree.replaceAll(
        (key, value) ->
            value instanceof Map<?, ?> child ? freeze((Map<String, Object>) child) : value);
    return new ConfigNode.Section((Map) tree);
  }

  private static ConfigNode checkpointFiles(CheckpointFiles files) {
    if (files instanceof CheckpointFiles.Sharded sharded) {
      Map<String, ConfigNode> entries = new LinkedHashMap<>();
      entries.put("filename_format", ConfigNode.text(sharded.filenameFormat()));
      entries.put("max_filename", ConfigNode.text(sharded.maxFilename()));
      return new ConfigNode.Section(entries);
    }
    return ConfigNode.texts(((CheckpointFiles.Listed) files).files());
  }

  private static ConfigNode epochsToSave(EpochsToSave epochs) {
    if (epochs.all()) {
      return ConfigNode.text("all");
    }
    List<ConfigNode> items = new ArrayList<>();
    epochs.epochs().forEach(epoch -> items.add(new ConfigNode.Integer(epoch)));
    return new ConfigNode.Sequence(items);
  }

  /** A resume path, written only while the run resumes (docs/submitting.md). */
  private static Optional<String> resuming(SetupConfig config, String key) {
    return config.bool("resume_from_checkpoint")
        ? config.optional(key).filter(path -> !path.isEmpty())
        : Optional.empty();
  }

  private static Row row(
      String path,
      String source,
      Function<SetupConfig, Optional<ConfigNode>> value,
      KeyDesign design) {
    return new Row(path, source, value, design);
  }

  /** A row carrying one setup key's value, which verify checks against the design. */
  private static Row designed(
      String path, String key, String source, Function<SetupConfig, Optional<ConfigNode>> value) {
    return new Row(path, source, value, new KeyDesign.Carries(Map.of(key, path)));
  }

  /**
   * Where the design check finds each designed setup key in finetune.yaml: read off the rows, so a
   * key's row and its check are one entry.
   */
  public static final Map<String, String> DESIGN_LOCATIONS =
      ROWS.stream()
          .flatMap(row -> row.designs().entrySet().stream())
          .collect(
              java.util.stream.Collectors.toUnmodifiableMap(
                  Map.Entry::getKey, Map.Entry::getValue));

  static Optional<ConfigNode> text(String value) {
    return Optional.of(ConfigNode.text(value));
  }

  private static Optional<ConfigNode> interpolation(String expression) {
    return Optional.of(new ConfigNode.Interpolation(expression));
  }

  static Optional<ConfigNode> integer(long value) {
    return Optional.of(new ConfigNode.Integer(value));
  }

  static Optional<ConfigNode> bool(boolean value) {
    return Optional.of(new ConfigNode.Bool(value));
  }

  private static Optional<ConfigNode> decimal(SetupConfig config, String key) {
    return Optional.of(new ConfigNode.Decimal(config.number(key)));
  }
}
