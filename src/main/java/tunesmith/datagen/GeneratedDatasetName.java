package tunesmith.datagen;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tunesmith.yaml.YamlMapping;

/**
 * The name cruijff_kit's tabular-to-text generator gives the file it writes for one condition and
 * split: {@code {condition}_{split}_{hash8}.json}, where hash8 starts the SHA-256 of the
 * condition's canonical generation settings (the data_generation block merged with the condition's
 * own settings, defaults filled in, written as sorted compact JSON). The source, schema and
 * template files enter by the SHA-256 of their contents, so they must be readable here.
 */
public final class GeneratedDatasetName {

  /** The outcome: a file name, or why it cannot be computed. */
  public sealed interface Result {}

  public record Name(String fileName) implements Result {}

  public record Refused(String reason) implements Result {}

  private static final Set<String> STYLE_TEMPLATES = Set.of("llm_narrative", "narrative");

  private GeneratedDatasetName() {}

  /** The train file's name for {@code condition} of {@code dataGeneration}. */
  public static Result train(YamlMapping dataGeneration, String condition) {
    return of(dataGeneration, condition, "train");
  }

  /** The test file's name: what evaluation reads for an {@code eval_condition}. */
  public static Result test(YamlMapping dataGeneration, String condition) {
    return of(dataGeneration, condition, "test");
  }

  /** Every split of a condition shares the hash; only the split in the name differs. */
  private static Result of(YamlMapping dataGeneration, String condition, String split) {
    try {
      PythonValue block = YamlToPython.value(dataGeneration);
      PythonValue.Dict config =
          canonical(generationConfig(dict(block, "data_generation"), condition));
      String hash = sha256(PythonJson.dumps(config).getBytes(StandardCharsets.UTF_8));
      return new Name(condition + "_" + split + "_" + hash.substring(0, 8) + ".json");
    } catch (NotComputable e) {
      return new Refused(e.getMessage());
    }
  }

  private static Map<PythonValue, PythonValue> generationConfig(
      PythonValue.Dict block, String conditionName) {
    PythonValue conditionsValue = block.get("conditions");
    PythonValue.Dict conditions =
        conditionsValue == null || !conditionsValue.truthy()
            ? new PythonValue.Dict(Map.of())
            : dict(conditionsValue, "data_generation.conditions");
    if (!conditions.has(conditionName)) {
      throw new NotComputable(
          "data.data_generation.conditions has no condition '" + conditionName + "'");
    }
    PythonValue.Dict condition =
        dict(conditions.get(conditionName), "data_generation.conditions." + conditionName);
    PythonValue rawTargetValue = or(block.get("target"), new PythonValue.Dict(Map.of()));
    PythonValue.Dict rawTarget = dict(rawTargetValue, "data_generation.target");
    Map<PythonValue, PythonValue> target = new LinkedHashMap<>();
    if (rawTarget.has("column")) {
      target.put(str("column"), rawTarget.get("column"));
    }
    if (notNone(rawTarget.get("threshold"))) {
      target.put(str("threshold"), rawTarget.get("threshold"));
    }
    if (notNone(rawTarget.get("mapping"))) {
      target.put(str("mapping"), rawTarget.get("mapping"));
    }
    PythonValue templateFile = condition.get("template_file");
    PythonValue templateSha =
        templateFile != null && templateFile.truthy()
            ? str(fileSha256(templateFile, "template_file"))
            : PythonValue.NONE;

    Map<PythonValue, PythonValue> config = new LinkedHashMap<>();
    config.put(str("source_sha256"), str(fileSha256(required(block, "source"), "source")));
    config.put(str("schema_sha256"), str(fileSha256(required(block, "schema"), "schema")));
    config.put(str("features"), listOf(condition.get("features"), "features"));
    config.put(str("template"), get(condition, "template", str("dictionary")));
    config.put(str("template_file_sha256"), templateSha);
    config.put(str("perturbations"), listOf(condition.get("perturbations"), "perturbations"));
    config.put(str("target"), new PythonValue.Dict(target));
    config.put(str("context"), get(block, "context", str("")));
    config.put(str("context_placement"), get(block, "context_placement", str("preamble")));
    config.put(str("question"), get(block, "question", str("")));
    config.put(str("split_ratio"), get(block, "split_ratio", new PythonValue.Float(0.8)));
    config.put(str("validation_ratio"), get(block, "validation_ratio", PythonValue.NONE));
    config.put(
        str("seed"), get(block, "seed", new PythonValue.Int(java.math.BigInteger.valueOf(42))));
    config.put(str("subsampling_ratio"), get(block, "subsampling_ratio", PythonValue.NONE));
    config.put(str("missing_value_handling"), get(block, "missing_value_handling", str("skip")));
    config.put(str("missing_value_text"), get(block, "missing_value_text", str("missing")));
    config.put(str("one_to_many"), get(condition, "one_to_many", PythonValue.NONE));
    config.put(str("style_guidance"), get(condition, "style_guidance", PythonValue.NONE));
    // build_generation_config makes the threshold a float; canonicalize does again.
    return config;
  }

  private static PythonValue.Dict canonical(Map<PythonValue, PythonValue> built) {
    Map<PythonValue, PythonValue> config = new LinkedHashMap<>(built);
    // Every default key is already set by generationConfig, so canonicalize's setdefault adds none.
    if (!str("include").equals(config.get(str("missing_value_handling")))) {
      config.remove(str("missing_value_text"));
    }
    if (!(config.get(str("template")) instanceof PythonValue.Str template
        && STYLE_TEMPLATES.contains(template.value()))) {
      config.put(str("style_guidance"), PythonValue.NONE);
    }
    PythonValue.Dict target = (PythonValue.Dict) config.get(str("target"));
    PythonValue threshold = target.get("threshold");
    if (notNone(threshold)) {
      Map<PythonValue, PythonValue> withFloat = new LinkedHashMap<>(target.entries());
      withFloat.put(str("threshold"), PythonFloats.of(threshold));
      config.put(str("target"), new PythonValue.Dict(withFloat));
    }
    return new PythonValue.Dict(config);
  }

  private static PythonValue get(PythonValue.Dict dict, String key, PythonValue fallback) {
    return dict.has(key) ? dict.get(key) : fallback;
  }

  private static PythonValue or(PythonValue value, PythonValue fallback) {
    return value != null && value.truthy() ? value : fallback;
  }

  private static boolean notNone(PythonValue value) {
    return value != null && !(value instanceof PythonValue.None);
  }

  private static PythonValue required(PythonValue.Dict block, String key) {
    if (!block.has(key)) {
      throw new NotComputable("data.data_generation." + key + " is missing");
    }
    return block.get(key);
  }

  /** {@code list(x or [])}: only a list (or nothing) is reproduced. */
  private static PythonValue listOf(PythonValue value, String field) {
    if (value == null || !value.truthy()) {
      return new PythonValue.ListValue(List.of());
    }
    if (value instanceof PythonValue.ListValue list) {
      return new PythonValue.ListValue(new ArrayList<>(list.items()));
    }
    throw new NotComputable("the condition's " + field + " is not a list");
  }

  private static PythonValue.Dict dict(PythonValue value, String field) {
    if (value instanceof PythonValue.Dict dict) {
      return dict;
    }
    throw new NotComputable(field + " is not a mapping");
  }

  private static PythonValue.Str str(String text) {
    return new PythonValue.Str(text);
  }

  private static String fileSha256(PythonValue pathValue, String field) {
    if (!(pathValue instanceof PythonValue.Str text)) {
      throw new NotComputable("data.data_generation " + field + " is not a path");
    }
    Path path = Path.of(text.value());
    if (!path.isAbsolute()) {
      throw new NotComputable(
          "the " + field + " file " + text.value() + " is not an absolute path");
    }
    try (InputStream in = Files.newInputStream(path)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new NotComputable(
          "the " + field + " file " + path + " cannot be read on this machine (" + e + ")");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Optional-returning lookup for callers that only need to know whether a condition exists. */
  public static Optional<List<String>> conditionNames(YamlMapping dataGeneration) {
    return dataGeneration
        .get("conditions")
        .filter(YamlMapping.class::isInstance)
        .map(node -> ((YamlMapping) node).entries().stream().map(YamlMapping.Entry::key).toList());
  }
}
