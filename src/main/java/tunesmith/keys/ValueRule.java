package tunesmith.keys;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import tunesmith.problem.Placeholder;
import tunesmith.yaml.ScalarText;

/**
 * What a setup value must look like. Each rule knows how to check a value's text and how the value
 * is written back into setup_finetune.yaml. Values that reach finetune.slurm are held to what SLURM
 * and bash accept, so nothing from an input can break out of the script.
 */
public enum ValueRule {
  /** "???" is OmegaConf's missing-value marker: torchtune would fail reading it. */
  TEXT(
      "any text but '???' (OmegaConf's marker for a missing value)",
      Style.STRING,
      text -> !text.equals("???")),
  /**
   * A prompt or other prose the model reads: any text, like {@link #TEXT}, but angle brackets may
   * be the user's own tags ({@code <answer>}), so only YOUR_... and CHANGE_ME count as
   * placeholders.
   */
  PROSE(
      "any text but '???' (OmegaConf's marker for a missing value)",
      Style.STRING,
      text -> !text.equals("???")),
  /**
   * Ends up in directory names, #SBATCH --job-name and wandb names. A leading '-' would make the
   * directory read as an option to every tool it is handed to (cd, rm, sbatch).
   */
  RUN_NAME(
      "letters, digits and . _ - + = (not starting with '-', not '.' or '..', at most 200 characters)",
      Style.STRING,
      text ->
          Patterns.SAFE_NAME.matcher(text).matches()
              && !text.startsWith("-")
              && !text.equals(".")
              && !text.equals("..")
              && text.length() <= 200),
  /**
   * A path that may go into #SBATCH lines and quoted shell words: no whitespace, quotes or shell
   * syntax.
   */
  PATH(
      "a path of letters, digits and / . _ - + = ~ @ , : (no spaces, quotes, $ other than $USER, or backticks)",
      Style.STRING,
      text ->
          Patterns.SAFE_PATH
              .matcher(
                  text.indexOf('$') < 0 ? text : UserVariable.PATTERN.matcher(text).replaceAll(""))
              .matches()),
  /** A path fragment that may be empty (input_formatting). */
  OPTIONAL_PATH(
      "empty, or a path fragment without spaces, quotes or shell syntax",
      Style.STRING,
      text -> text.isEmpty() || PATH.accepts(text)),
  POSITIVE_INTEGER(
      "a whole number of at least 1",
      Style.NUMBER,
      text -> ScalarText.integer(text).filter(value -> value >= 1).isPresent()),
  NON_NEGATIVE_INTEGER(
      "a whole number of at least 0",
      Style.NUMBER,
      text -> ScalarText.integer(text).filter(value -> value >= 0).isPresent()),
  INTEGER("a whole number", Style.NUMBER, text -> ScalarText.integer(text).isPresent()),
  POSITIVE_NUMBER(
      "a number greater than 0, e.g. 1e-5 or 0.0003",
      Style.NUMBER,
      text -> ScalarText.number(text).filter(value -> value.signum() > 0).isPresent()),
  NON_NEGATIVE_NUMBER(
      "a number of at least 0",
      Style.NUMBER,
      text -> ScalarText.number(text).filter(value -> value.signum() >= 0).isPresent()),
  /** lora_dropout: a probability. */
  FRACTION(
      "a number from 0 up to (not including) 1",
      Style.NUMBER,
      text ->
          ScalarText.number(text)
              .filter(value -> value.signum() >= 0 && value.compareTo(BigDecimal.ONE) < 0)
              .isPresent()),
  BOOLEAN(
      "true or false (yes/no/1/0 also accepted)",
      Style.BOOLEAN,
      text -> ScalarText.bool(text).isPresent()),
  DATASET_TYPE(
      "one of chat_completion, text_completion, instruct_dataset, chat_dataset, text_completion_dataset",
      Style.STRING,
      text -> DatasetType.fromName(text).isPresent()),
  DATASET_EXT(
      "'.json' (a JSON file) or '/' (a folder of parquet files)",
      Style.STRING,
      text -> text.equals(".json") || text.equals("/")),
  /**
   * torchtune.training.lr_schedulers has only the cosine schedule; a dotted path names the user's
   * own.
   */
  LR_SCHEDULER(
      "get_cosine_schedule_with_warmup (torchtune's only scheduler) or a full dotted path such as my_pkg.sched.fn",
      Style.STRING,
      text ->
          text.equals("get_cosine_schedule_with_warmup")
              || Patterns.DOTTED.matcher(text).matches()),
  PROMPT("text containing {input}", Style.STRING, text -> text.contains("{input}")),
  EPOCHS_TO_SAVE(
      "'all', 'none' or epoch numbers such as '0,2,4'",
      Style.STRING,
      text -> EpochsToSave.parse(text).isPresent()),
  DOTTED_MODULE(
      "a dotted Python module path such as my_pkg.recipes.my_recipe",
      Style.STRING,
      text -> Patterns.DOTTED.matcher(text).matches()),
  /** conda environment: a name or a prefix path. */
  ENVIRONMENT_NAME(
      "a conda environment name or path (letters, digits, / . _ - +)",
      Style.STRING,
      text -> Patterns.ENVIRONMENT.matcher(text).matches()),
  MODULE_LIST(
      "module names separated by commas, e.g. 'anaconda3/2025.6,cuda/12.4'",
      Style.STRING,
      text -> Patterns.MODULES.matcher(text).matches()),
  /** account, partition, constraint: empty means "no #SBATCH line". */
  SLURM_WORD(
      "empty, or a SLURM name of letters, digits and _ . - (constraints may also use & | , [ ] * !)",
      Style.STRING,
      text -> text.isEmpty() || Patterns.SLURM_WORD_PATTERN.matcher(text).matches()),
  SLURM_MEMORY(
      "a SLURM memory size such as 16G, 40G or 32000M",
      Style.STRING,
      text -> Patterns.MEMORY.matcher(text).matches()),
  SLURM_TIME(
      "a SLURM time limit: MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS",
      Style.STRING,
      text -> Patterns.TIME.matcher(text).matches());

  /** How a value is written into setup_finetune.yaml. */
  public enum Style {
    /** Plain, exactly as the user wrote it ({@code 1e-5} stays {@code 1e-5}). */
    NUMBER,
    /** As a quoted string {@code 'true'}/{@code 'false'}, as setup_finetune.py always read them. */
    BOOLEAN,
    /** A YAML string, quoted whenever YAML would otherwise read it as something else. */
    STRING
  }

  /** Held apart so the constants above can use them (enum constants are built first). */
  static final class Patterns {
    static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._+=-]+");
    static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9/._+=~@,:-]+");
    static final Pattern DOTTED =
        Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+");
    static final Pattern ENVIRONMENT = Pattern.compile("[A-Za-z0-9/._+-]+");
    static final Pattern MODULES =
        Pattern.compile("[A-Za-z0-9/._+-]+(\\s*,\\s*[A-Za-z0-9/._+-]+)*");
    static final Pattern SLURM_WORD_PATTERN = Pattern.compile("[A-Za-z0-9_.\\-&|,\\[\\]*!:]+");
    static final Pattern MEMORY = Pattern.compile("[1-9][0-9]*[KMGT]?");
    static final Pattern TIME =
        Pattern.compile(
            "\\d+|\\d+:\\d{1,2}|\\d+:\\d{1,2}:\\d{1,2}|\\d+-\\d{1,2}|\\d+-\\d{1,2}:\\d{1,2}|\\d+-\\d{1,2}:\\d{1,2}:\\d{1,2}");

    private Patterns() {}
  }

  private final String expected;
  private final Style style;
  private final Predicate<String> accepts;

  ValueRule(String expected, Style style, Predicate<String> accepts) {
    this.expected = expected;
    this.style = style;
    this.accepts = accepts;
  }

  boolean accepts(String text) {
    return accepts.test(text);
  }

  /**
   * Empty when {@code text} is acceptable, else what was expected instead. A template's placeholder
   * ({@link Placeholder}) is never acceptable.
   */
  public Optional<String> check(String text) {
    Optional<String> placeholder =
        PROSE_RULES.contains(this) ? Placeholder.inProse(text) : Placeholder.in(text);
    if (placeholder.isPresent()) {
      return Optional.of(Placeholder.expected(placeholder.get()));
    }
    return accepts(text) ? Optional.empty() : Optional.of(expected);
  }

  /** The rules of text a model reads, where angle brackets may be the user's own tags. */
  private static final Set<ValueRule> PROSE_RULES = EnumSet.of(PROSE, PROMPT);

  public String expected() {
    return expected;
  }

  public Style style() {
    return style;
  }
}
