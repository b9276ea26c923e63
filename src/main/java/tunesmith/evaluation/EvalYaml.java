package tunesmith.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;
import tunesmith.experiment.EvalSettings;
import tunesmith.render.ConfigNode;
import tunesmith.render.YamlEmitter;

/**
 * A cell's eval.yaml: the keys and order of cruijff_kit 0.3's (docs/EVALUATION.md). The task script
 * reads prompt, system_prompt and scorers from it with PyYAML, so strings are written to be read
 * back verbatim ({@code {input}}, {@code \n}, {@code ${...}} included).
 */
public final class EvalYaml {
  private EvalYaml() {}

  public static ConfigNode.Section tree(EvalCell cell) {
    EvalSettings settings = cell.settings();
    Map<String, ConfigNode> keys = new LinkedHashMap<>();
    keys.put("task_script", text(cell.task().taskScript()));
    keys.put("task_name", text(cell.task().name()));
    keys.put("model_path", text(cell.modelPath()));
    keys.put("model_hf_name", text(cell.modelHfName()));
    keys.put("output_dir", text(cell.outputDir()));
    keys.put("data_path", text(cell.dataPath()));
    keys.put("vis_label", text(cell.visLabel()));
    keys.put("use_chat_template", new ConfigNode.Bool(cell.useChatTemplate()));
    cell.epoch().ifPresent(epoch -> keys.put("epoch", new ConfigNode.Integer(epoch)));
    keys.put("is_finetuned", new ConfigNode.Bool(cell.run().finetuned()));
    keys.put("source_model", text(cell.run().model()));
    cell.prompt().ifPresent(prompt -> keys.put("prompt", text(prompt)));
    cell.systemPrompt().ifPresent(system -> keys.put("system_prompt", text(system)));
    cell.assistantPrefix().ifPresent(prefix -> keys.put("assistant_prefix", text(prefix)));
    keys.put("dataset_type", text(cell.datasetType()));
    settings.scorers().ifPresent(scorers -> keys.put("scorers", YamlValues.copy(scorers)));
    settings.temperature().ifPresent(t -> keys.put("temperature", new ConfigNode.Decimal(t)));
    settings.doSample().ifPresent(sample -> keys.put("do_sample", new ConfigNode.Bool(sample)));
    settings.maxTokens().ifPresent(n -> keys.put("max_tokens", new ConfigNode.Integer(n)));
    settings
        .maxConnections()
        .ifPresent(n -> keys.put("max_connections", new ConfigNode.Integer(n)));
    keys.put("seed", new ConfigNode.Integer(settings.seed()));
    return new ConfigNode.Section(keys);
  }

  public static String render(EvalCell cell) {
    return YamlEmitter.emit(tree(cell));
  }

  private static ConfigNode text(String value) {
    return new ConfigNode.PlainText(value);
  }
}
