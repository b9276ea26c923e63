package tunesmith.keys;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every key setup_finetune.yaml may hold: its rule, its default, its meaning. The one table the
 * experiment reader, the setup reader and the command-line flags all check against; its order is
 * the order keys are written in.
 */
public final class SetupKeys {
  private static final Map<String, SetupKey> KEYS = new LinkedHashMap<>();

  /** Experiment parameter names that mean a setup key of another name. */
  private static final Map<String, String> ALIASES = Map.of("learning_rate", "lr");

  /** Each key's position in the table: sorting by it is called for every file written. */
  private static final Map<String, Integer> ORDER = new java.util.HashMap<>();

  static {
    key("my_wandb_project", ValueRule.TEXT, "", "wandb project");
    key(
        "my_wandb_run_name",
        ValueRule.RUN_NAME,
        null,
        "run name (default: the run directory's name)");
    key(
        "input_dir_base",
        ValueRule.PATH,
        null,
        "directory holding the dataset (default: the run directory)");
    key("input_formatting", ValueRule.OPTIONAL_PATH, "", "sub-folder of input_dir_base");
    key(
        "dataset_label",
        ValueRule.PATH,
        null,
        "dataset file name without extension (json) or folder name (parquet)");
    key("dataset_ext", ValueRule.DATASET_EXT, ".json", "'.json' or '/' (parquet folder)");
    key("dataset_type", ValueRule.DATASET_TYPE, "chat_completion", "dataset builder");
    key("torchtune_model_name", ValueRule.TEXT, null, "catalog model name (required)");
    key(
        "model_checkpoint",
        ValueRule.PATH,
        null,
        "model directory: an absolute path or a name under models_dir");
    key("models_dir", ValueRule.PATH, null, "where model directories live");
    key(
        "lora_rank",
        ValueRule.POSITIVE_INTEGER,
        "64",
        "LoRA rank; lora_alpha is always 2 x lora_rank");
    key("lora_dropout", ValueRule.FRACTION, "0.0", "LoRA dropout");
    key("lr", ValueRule.POSITIVE_NUMBER, "1e-4", "learning rate");
    key("weight_decay", ValueRule.NON_NEGATIVE_NUMBER, "0.01", "AdamW weight decay");
    key("num_warmup_steps", ValueRule.NON_NEGATIVE_INTEGER, "100", "learning-rate warmup steps");
    key(
        "lr_scheduler",
        ValueRule.LR_SCHEDULER,
        "get_cosine_schedule_with_warmup",
        "learning-rate schedule");
    key("batch_size", ValueRule.POSITIVE_INTEGER, "4", "training batch size");
    key("batch_size_val", ValueRule.POSITIVE_INTEGER, null, "validation batch size");
    key("epochs", ValueRule.POSITIVE_INTEGER, "1", "training epochs");
    key(
        "gradient_accumulation_steps",
        ValueRule.POSITIVE_INTEGER,
        "1",
        "gradient accumulation steps");
    key("max_steps_per_epoch", ValueRule.POSITIVE_INTEGER, null, "step cap per epoch (null: none)");
    key("max_seq_len", ValueRule.POSITIVE_INTEGER, "2048", "tokenizer max sequence length");
    key("packed", ValueRule.BOOLEAN, "false", "pack samples");
    key("seed", ValueRule.INTEGER, "14", "random seed");
    key("prompt", ValueRule.PROMPT, "{input}\n", "prompt template; must contain {input}");
    key("system_prompt", ValueRule.PROSE, "", "system prompt (chat datasets only)");
    key("input_key", ValueRule.TEXT, "input", "dataset input column");
    key("output_key", ValueRule.TEXT, "output", "dataset output column");
    key("train_on_input", ValueRule.BOOLEAN, "false", "train on the input tokens too");
    key("log_every_n_steps", ValueRule.POSITIVE_INTEGER, "1", "logging interval");
    key(
        "run_val_every_n_steps",
        ValueRule.NON_NEGATIVE_INTEGER,
        "0",
        "validation interval (0: no validation)");
    key("save_adapter_weights_only", ValueRule.BOOLEAN, "false", "save only adapter weights");
    key("save_last_epoch_only", ValueRule.BOOLEAN, "false", "save only the last epoch");
    key("epochs_to_save", ValueRule.EPOCHS_TO_SAVE, "all", "'all', 'none' or '0,2,4'");
    key(
        "stash_adapter_weights",
        ValueRule.BOOLEAN,
        "false",
        "move adapter files into a sub-folder");
    key(
        "resume_from_checkpoint",
        ValueRule.BOOLEAN,
        "false",
        "resume training from the saved epoch named by resume_adapter_checkpoint (tunesmith retry sets it after a TIMEOUT)");
    key(
        "resume_adapter_checkpoint",
        ValueRule.OPTIONAL_PATH,
        "",
        "the saved epoch's adapter_model.pt to resume from (checkpointer.adapter_checkpoint; only with resume_from_checkpoint)");
    key(
        "resume_recipe_checkpoint",
        ValueRule.OPTIONAL_PATH,
        "",
        "torchtune 0.6's recipe_state/recipe_state.pt to resume from (checkpointer.recipe_checkpoint; empty: the checkpointer finds the saved epoch's own)");
    key(
        "output_dir_base",
        ValueRule.PATH,
        null,
        "checkpoints go to {output_dir_base}{experiment_name}/ck-out-{run}/");
    key(
        "experiment_name",
        ValueRule.OPTIONAL_PATH,
        "",
        "experiment folder under output_dir_base (or under project_dir, for a target that reads it)");
    key(
        "project_dir",
        ValueRule.PATH,
        null,
        "checkpoints go to {project_dir}{experiment_name}/{run}/artifacts/; only one target reads it, and its presence chooses that target (below)");
    key("custom_recipe", ValueRule.DOTTED_MODULE, null, "dotted module of a custom recipe");
    key(
        "base_recipe",
        ValueRule.PATH,
        null,
        "a torchtune recipe config (as tune ls names it, e.g. llama3_2/1B_lora_single_device) whose values are the defaults of the keys this file leaves unset, for a target that applies it (docs/SETUP-0.3.md)");
    key(
        "conda_env",
        ValueRule.ENVIRONMENT_NAME,
        "cruijff",
        "conda environment activated in the script");
    key("venv", ValueRule.PATH, null, "virtualenv directory activated instead of conda");
    key(
        "modules",
        ValueRule.MODULE_LIST,
        null,
        "modules loaded in the script, comma-separated (wins over tunesmith_modules)");
    key(
        "tunesmith_modules",
        ValueRule.MODULE_LIST,
        null,
        "modules loaded before the environment is activated: claude.local.md's Module System, as scaffold writes it. cruijff_kit's setup_finetune.py does not read it (its own modules key drops every conda line; docs/SETUP-0.3.md)");
    slurmKey("account", ValueRule.SLURM_WORD, null, "#SBATCH --account");
    slurmKey("partition", ValueRule.SLURM_WORD, null, "#SBATCH --partition ('' : no line)");
    slurmKey("constraint", ValueRule.SLURM_WORD, null, "#SBATCH --constraint ('' : no line)");
    slurmKey("mem", ValueRule.SLURM_MEMORY, null, "#SBATCH --mem");
    slurmKey("time", ValueRule.SLURM_TIME, "00:15:00", "#SBATCH --time");
    slurmKey("gpus", ValueRule.POSITIVE_INTEGER, null, "#SBATCH --gres=gpu:N");
    slurmKey("cpus_per_task", ValueRule.POSITIVE_INTEGER, null, "#SBATCH --cpus-per-task");
    key("training_samples", ValueRule.POSITIVE_INTEGER, null, "use only the first N training rows");
  }

  private SetupKeys() {}

  private static void key(String name, ValueRule rule, String defaultText, String meaning) {
    ORDER.putIfAbsent(name, ORDER.size());
    KEYS.put(name, new SetupKey(name, rule, Optional.ofNullable(defaultText), false, meaning));
  }

  private static void slurmKey(String name, ValueRule rule, String defaultText, String meaning) {
    ORDER.putIfAbsent(name, ORDER.size());
    KEYS.put(name, new SetupKey(name, rule, Optional.ofNullable(defaultText), true, meaning));
  }

  public static Optional<SetupKey> find(String name) {
    return Optional.ofNullable(KEYS.get(name));
  }

  public static SetupKey get(String name) {
    SetupKey key = KEYS.get(name);
    if (key == null) {
      throw new IllegalArgumentException("not a setup key: " + name);
    }
    return key;
  }

  /**
   * The setup key an experiment parameter name stands for ({@code learning_rate} -> {@code lr}).
   */
  public static Optional<SetupKey> forParameter(String parameterName) {
    return find(ALIASES.getOrDefault(parameterName, parameterName));
  }

  public static Collection<SetupKey> all() {
    return KEYS.values();
  }

  public static Collection<String> names() {
    return KEYS.keySet();
  }

  /** Position of a key in the table, for writing keys in a stable order. */
  public static int order(String name) {
    return ORDER.getOrDefault(name, Integer.MAX_VALUE);
  }
}
