package tunesmith.experiment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tunesmith.keys.SetupValue;
import tunesmith.yaml.YamlMapping;
import tunesmith.yaml.YamlSequence;

/** Reads {@code models.base}: each base model once, by a name the catalog knows. */
final class ModelsSection {
  private final Reading reading;

  ModelsSection(Reading reading) {
    this.reading = reading;
  }

  Map<String, BaseModel> read(YamlMapping models) {
    Map<String, BaseModel> result = new LinkedHashMap<>();
    Optional<YamlSequence> base = reading.fields.sequence(models, "base", "models", true);
    if (base.isEmpty()) {
      return result;
    }
    for (int i = 0; i < base.get().items().size(); i++) {
      String field = "models.base[" + i + "]";
      reading
          .fields
          .asMapping(base.get().items().get(i), field)
          .ifPresent(model -> model(model, field, result));
    }
    return result;
  }

  private void model(YamlMapping model, String field, Map<String, BaseModel> result) {
    reading.unknownKeys(model, field, CommonKeys.MODEL_ENTRY, Map.of());
    Optional<SetupValue> name = reading.value(model, "name", field, true);
    // A relative path would be joined to claude.local.md's models directory by one tool and to the
    // job's directory by another: only an absolute one names the same model everywhere.
    Optional<SetupValue> path =
        reading
            .value(model, "path", field, true)
            .map(reading::checkedPath)
            .map(reading::absolutePath);
    name.ifPresent(
        n -> {
          if (reading.catalog.find(n.text()).isEmpty()) {
            reading.fields.problem(
                field + ".name",
                model.get("name").orElseThrow(),
                "'" + n.text() + "'" + reading.catalog.hintFor(n.text()),
                "a model from the catalog ("
                    + String.join(", ", reading.catalog.names())
                    + ") or one added with --models FILE");
          }
          if (result.containsKey(n.text())) {
            reading.fields.problem(
                field + ".name",
                model.get("name").orElseThrow(),
                "'" + n.text() + "' a second time",
                "each model once");
          }
          path.ifPresent(p -> result.put(n.text(), new BaseModel(n.text(), p)));
        });
  }
}
