package tunesmith.experiment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tunesmith.keys.DatasetType;
import tunesmith.keys.ValueRule;
import tunesmith.problem.Warning;
import tunesmith.profile.Profile;
import tunesmith.profile.Profile.Rule;
import tunesmith.profile.Profiles;
import tunesmith.yaml.FieldReader;
import tunesmith.yaml.ScalarText;
import tunesmith.yaml.YamlMapping;
import tunesmith.yaml.YamlNode;
import tunesmith.yaml.YamlScalar;
import tunesmith.yaml.YamlSequence;

/**
 * Reads the evaluation half of a cruijff_kit-0.3 format experiment_summary.yaml, in the experiment
 * reader's pass: {@code evaluation.*}, and of {@code controls} and {@code data} what the cells need
 * (the runs are the experiment reader's). Every problem is recorded in the reader's {@link
 * FieldReader} (file, field, line:column) and reading goes on, so all of them are reported
 * together.
 */
final class EvaluationSection {
  /** A task name is part of directory and job names. */
  static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._+=-]{1,200}");

  /** The builders whose prompts a cell can format: with a chat template, or without one. */
  private static final Set<String> DATASET_TYPES =
      Set.of(DatasetType.CHAT_COMPLETION.setupName(), DatasetType.TEXT_COMPLETION.setupName());

  private static final String SCORERS_EXAMPLE =
      "'scorers:' with a list of scorers, e.g. 'scorers: [{name: match}]'"
          + " (each item: name, and optional params), or one scorer's name, e.g. 'scorers: match'";

  /** A scorer named by a plain string: a Python identifier, as cruijff_kit's registry has. */
  private static final Pattern SCORER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** Plain words PyYAML reads as a boolean or null, not as a name. */
  private static final Pattern YAML_WORDS =
      Pattern.compile("(?i)true|false|yes|no|on|off|y|n|null");

  private final FieldReader fields;
  private final Profile format;
  // The section's own warnings, reported after the rest of the experiment's (docs/EVALUATION.md).
  private final List<Warning> warnings = new ArrayList<>();
  private final List<Warning> experimentWarnings;

  EvaluationSection(Reading reading) {
    this.fields = reading.fields;
    this.format = reading.format;
    this.experimentWarnings = reading.warnings;
  }

  /** The design, or empty when the file has no {@code evaluation} section. */
  Optional<EvaluationDesign> read(YamlMapping root) {
    Optional<YamlMapping> evaluation = fields.mapping(root, "evaluation", "", false);
    if (evaluation.isEmpty()) {
      return Optional.empty();
    }
    YamlMapping eval = evaluation.get();
    Optional<YamlMapping> controls = fields.mapping(root, "controls", "", false);
    return Optional.of(
        new EvaluationDesign(
            tasks(eval), matrix(eval), settings(root, eval, controls), List.copyOf(warnings)));
  }

  /** A format without evaluation cells: a non-empty section is said to be unread. */
  void notRead(YamlNode evaluation) {
    boolean empty =
        evaluation instanceof YamlScalar scalar
            ? scalar.isNull()
            : evaluation instanceof YamlMapping mapping
                ? mapping.entries().isEmpty()
                : ((YamlSequence) evaluation).items().isEmpty();
    if (!empty) {
      experimentWarnings.add(
          Warning.global(
              "evaluation (line "
                  + evaluation.line()
                  + ") is not read: "
                  + format.reading().formatName()
                  + " has no evaluation scaffolding ("
                  + Profiles.formatsWith(Rule.EVALUATION)
                  + ", has)"));
    }
  }

  private List<EvalTask> tasks(YamlMapping eval) {
    List<EvalTask> tasks = new ArrayList<>();
    Optional<YamlSequence> list = fields.sequence(eval, "tasks", "evaluation", true);
    if (list.isEmpty()) {
      return tasks;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.get().items().size(); i++) {
      String field = "evaluation.tasks[" + i + "]";
      YamlNode node = list.get().items().get(i);
      Optional<YamlMapping> task = fields.asMapping(node, field);
      if (task.isEmpty()) {
        continue;
      }
      Optional<String> name = fields.text(task.get(), "name", field, true);
      Optional<String> script = fields.text(task.get(), "script", field, true);
      Optional<String> dataset = fields.text(task.get(), "dataset", field, false);
      Optional<String> condition = fields.text(task.get(), "eval_condition", field, false);
      if (dataset.isPresent() == condition.isPresent()) {
        fields.problem(
            field,
            node,
            dataset.isPresent()
                ? "both 'dataset' and 'eval_condition'"
                : "neither 'dataset' nor" + " 'eval_condition'",
            "exactly one of them: 'dataset' (a file) or 'eval_condition' (a condition of"
                + " data.data_generation.conditions)");
      }
      if (name.isPresent() && !SAFE_NAME.matcher(name.get()).matches()) {
        fields.problem(
            field + ".name",
            task.get().get("name").orElseThrow(),
            "'" + name.get() + "'",
            "a name of letters, digits and . _ + = - (it names cell directories and jobs)");
        continue;
      }
      if (name.isPresent() && !names.add(name.get())) {
        fields.problem(
            field + ".name",
            task.get().get("name").orElseThrow(),
            "'" + name.get() + "' a second time",
            "a task name used once");
      }
      if (name.isEmpty() || script.isEmpty()) {
        continue;
      }
      int at = script.get().lastIndexOf('@');
      String file = at < 0 ? script.get() : script.get().substring(0, at);
      String function = at < 0 ? name.get() : script.get().substring(at + 1);
      tasks.add(
          new EvalTask(
              name.get(),
              file,
              function,
              dataset,
              condition,
              fields.text(task.get(), "prompt", field, false),
              fields.text(task.get(), "system_prompt", field, false),
              fields.text(task.get(), "assistant_prefix", field, false),
              node.line(),
              node.column()));
    }
    return tasks;
  }

  private List<MatrixEntry> matrix(YamlMapping eval) {
    List<MatrixEntry> matrix = new ArrayList<>();
    Optional<YamlSequence> list = fields.sequence(eval, "matrix", "evaluation", true);
    if (list.isEmpty()) {
      return matrix;
    }
    for (int i = 0; i < list.get().items().size(); i++) {
      String field = "evaluation.matrix[" + i + "]";
      YamlNode node = list.get().items().get(i);
      Optional<YamlMapping> entry = fields.asMapping(node, field);
      if (entry.isEmpty()) {
        continue;
      }
      Optional<String> run = fields.text(entry.get(), "run", field, true);
      Optional<String> visLabel = fields.text(entry.get(), "vis_label", field, false);
      List<String> tasks =
          fields
              .sequence(entry.get(), "tasks", field, true)
              .map(sequence -> fields.textItems(sequence, field + ".tasks"))
              .orElse(List.of());
      Optional<YamlNode> epochsNode = entry.get().get("epochs");
      Optional<List<Long>> epochs = Optional.empty();
      boolean epochsRead = true;
      if (epochsNode.isEmpty()) {
        fields.problem(
            field + ".epochs",
            node,
            "no 'epochs' key",
            "a list of 0-based epochs for a fine-tuned run, null for a control or eval-only run");
        epochsRead = false;
      } else if (epochsNode.get() instanceof YamlSequence sequence) {
        List<Long> values = new ArrayList<>();
        for (int e = 0; e < sequence.items().size(); e++) {
          YamlNode item = sequence.items().get(e);
          Optional<Long> value =
              item instanceof YamlScalar scalar && scalar.plain()
                  ? ScalarText.integer(scalar.text())
                  : Optional.empty();
          if (value.isEmpty()) {
            fields.problem(field + ".epochs[" + e + "]", item, item.describe(), "a 0-based epoch");
            epochsRead = false;
          } else {
            values.add(value.get());
          }
        }
        epochs = Optional.of(values);
      } else if (!(epochsNode.get() instanceof YamlScalar scalar && scalar.isNull())) {
        fields.problem(
            field + ".epochs",
            epochsNode.get(),
            epochsNode.get().describe(),
            "a list of 0-based epochs, or null");
        epochsRead = false;
      }
      if (run.isPresent() && epochsRead) {
        YamlNode at = epochsNode.orElse(node);
        matrix.add(
            new MatrixEntry(
                run.get(),
                visLabel,
                tasks,
                epochs,
                field,
                node.line(),
                node.column(),
                at.line(),
                at.column()));
      }
    }
    return matrix;
  }

  private EvalSettings settings(
      YamlMapping root, YamlMapping eval, Optional<YamlMapping> controls) {
    String at = "evaluation";
    eval.get("scorer")
        .ifPresent(
            legacy ->
                fields.problem(
                    "evaluation.scorer",
                    legacy,
                    "the old key 'scorer' (" + legacy.describe() + ")",
                    SCORERS_EXAMPLE));
    Optional<YamlSequence> scorers = scorers(eval);
    Optional<BigDecimal> temperature = fields.number(eval, "temperature", at, false);
    Optional<Boolean> doSample = strictBool(eval, "do_sample");
    if (doSample.orElse(false) && temperature.filter(t -> t.signum() > 0).isEmpty()) {
      fields.problem(
          "evaluation.temperature",
          eval.get("temperature").orElse(eval.get("do_sample").orElseThrow()),
          temperature.map(t -> t.toPlainString()).orElse("no temperature"),
          "a temperature above 0 with 'do_sample: true' (sampling divides by it), or leave"
              + " do_sample out for greedy decoding");
    }
    Optional<Long> maxTokens = fields.integer(eval, "max_tokens", at, false, 1);
    Optional<Long> maxConnections = fields.integer(eval, "max_connections", at, false, 1);
    long seed = seed(eval);
    if (eval.get("system_prompt").isPresent()) {
      warnings.add(
          Warning.global(
              "evaluation.system_prompt is not read: set controls.system_prompt, or a task's"
                  + " system_prompt"));
    }
    Optional<YamlMapping> compute = fields.mapping(eval, "compute", at, false);
    String computeAt = "evaluation.compute";
    Optional<String> dataPath =
        fields
            .mapping(root, "data", "", false)
            .flatMap(data -> fields.mapping(data, "training", "data", false))
            .flatMap(training -> fields.text(training, "path", "data.training", false));
    return new EvalSettings(
        scorers,
        temperature,
        doSample,
        maxTokens,
        maxConnections,
        seed,
        compute.flatMap(c -> sbatchValue(c, "time", ValueRule.SLURM_TIME)),
        compute.flatMap(c -> sbatchValue(c, "mem", ValueRule.SLURM_MEMORY)),
        compute.flatMap(c -> fields.integer(c, "gpus", computeAt, false, 1)),
        controls.flatMap(c -> fields.text(c, "prompt", "controls", false)),
        controls.flatMap(c -> fields.text(c, "system_prompt", "controls", false)),
        datasetType(controls),
        dataPath);
  }

  /**
   * chat_completion or text_completion: evaluation formats prompts as training did, with a chat
   * template or without. The experiment reader reported a missing dataset_type, and one training
   * does not know; one it knows (instruct_dataset, say) that no cell can format is an error here,
   * where it would otherwise leave the experiment without cells.
   */
  private Optional<String> datasetType(Optional<YamlMapping> controls) {
    Optional<String> type =
        controls.flatMap(c -> fields.text(c, "dataset_type", "controls", false));
    if (type.isPresent()
        && !DATASET_TYPES.contains(type.get())
        && DatasetType.fromName(type.get()).isPresent()) {
      fields.problem(
          "controls.dataset_type",
          controls.get().get("dataset_type").orElseThrow(),
          "'" + type.get() + "'",
          "chat_completion or text_completion: an evaluation cell formats prompts with a chat"
              + " template or without one, as training did");
    }
    return type.filter(DATASET_TYPES::contains);
  }

  /**
   * A value that goes into an #SBATCH line as it is, in the syntax training's own SLURM settings
   * are held to (one rule for both: docs/EVALUATION.md).
   */
  private Optional<String> sbatchValue(YamlMapping compute, String key, ValueRule rule) {
    Optional<String> value = fields.text(compute, key, "evaluation.compute", false);
    Optional<String> expected = value.flatMap(rule::check);
    if (expected.isPresent()) {
      fields.problem(
          "evaluation.compute." + key,
          compute.get(key).orElseThrow(),
          "'" + value.get() + "'",
          expected.get());
      return Optional.empty();
    }
    return value;
  }

  private Optional<YamlSequence> scorers(YamlMapping eval) {
    Optional<YamlNode> node = eval.get("scorers");
    if (node.isEmpty() || (node.get() instanceof YamlScalar s && s.isNull())) {
      return Optional.empty();
    }
    if (node.get() instanceof YamlScalar name
        && SCORER_NAME.matcher(name.text()).matches()
        && !(name.plain() && YAML_WORDS.matcher(name.text()).matches())) {
      // scaffold-inspect takes a plain string as one scorer without params (docs/FORMATS-0.3.md).
      YamlMapping scorer =
          new YamlMapping(
              List.of(new YamlMapping.Entry("name", name.line(), name.column(), name)),
              name.line(),
              name.column());
      return Optional.of(new YamlSequence(List.of(scorer), name.line(), name.column()));
    }
    if (!(node.get() instanceof YamlSequence list)) {
      fields.problem("evaluation.scorers", node.get(), node.get().describe(), SCORERS_EXAMPLE);
      return Optional.empty();
    }
    boolean good = true;
    for (int i = 0; i < list.items().size(); i++) {
      String field = "evaluation.scorers[" + i + "]";
      YamlNode item = list.items().get(i);
      if (!(item instanceof YamlMapping scorer)) {
        fields.problem(field, item, item.describe(), "a scorer: {name: ..., params: {...}}");
        good = false;
        continue;
      }
      good &= fields.text(scorer, "name", field, true).isPresent();
      for (YamlMapping.Entry entry : scorer.entries()) {
        if (!Set.of("name", "params").contains(entry.key())) {
          fields.problem(
              field + "." + entry.key(),
              entry.value(),
              "the key '" + entry.key() + "'",
              "only 'name' and 'params' in a scorer");
          good = false;
        }
      }
      if (scorer.get("params").isPresent()) {
        good &=
            fields.mapping(scorer, "params", field, false).isPresent()
                || scorer.get("params").get() instanceof YamlScalar p && p.isNull();
      }
    }
    return good ? Optional.of(list) : Optional.empty();
  }

  /** YAML's own booleans only: a quoted "true" would reach the task as a string. */
  private Optional<Boolean> strictBool(YamlMapping parent, String key) {
    Optional<YamlNode> node = parent.get(key);
    if (node.isEmpty() || (node.get() instanceof YamlScalar s && s.isNull())) {
      return Optional.empty();
    }
    if (node.get() instanceof YamlScalar scalar
        && scalar.plain()
        && (scalar.text().equals("true") || scalar.text().equals("false"))) {
      return Optional.of(Boolean.parseBoolean(scalar.text()));
    }
    fields.problem("evaluation." + key, node.get(), node.get().describe(), "true or false");
    return Optional.empty();
  }

  /** An int and not a bool, as cruijff_kit's propagate insists. */
  private long seed(YamlMapping eval) {
    Optional<YamlNode> node = eval.get("seed");
    if (node.isEmpty() || (node.get() instanceof YamlScalar s && s.isNull())) {
      return EvalSettings.DEFAULT_SEED;
    }
    if (node.get() instanceof YamlScalar scalar
        && scalar.plain()
        && scalar.text().matches("[-+]?\\d+")) {
      Optional<Long> value = ScalarText.integer(scalar.text());
      if (value.isPresent()) {
        return value.get();
      }
    }
    fields.problem("evaluation.seed", node.get(), node.get().describe(), "a whole number (an int)");
    return EvalSettings.DEFAULT_SEED;
  }
}
