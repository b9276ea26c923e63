package tunesmith.adjust;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tunesmith.files.AtomicFiles;
import tunesmith.files.StateDirectory;
import tunesmith.keys.SetupValue;

/**
 * The adjustments {@code tunesmith retry} made to a run, kept in {@code
 * {run}/.tunesmith/adjustments.json}, oldest first. A run's planned setup values with these applied
 * are what its files must hold: scaffold's plan applies them, so verify and submit accept a retried
 * run that differs from the experiment exactly by them (see docs/submitting.md).
 */
public record RecordedAdjustments(List<Adjustment> adjustments) {
  public static final String FILE_NAME = "adjustments.json";
  private static final JsonFactory JSON = new JsonFactory();

  public RecordedAdjustments {
    adjustments = List.copyOf(adjustments);
  }

  public static RecordedAdjustments none() {
    return new RecordedAdjustments(List.of());
  }

  public static Path file(Path runDirectory) {
    return runDirectory.resolve(StateDirectory.NAME).resolve(FILE_NAME);
  }

  /** The run's adjustments; none when it has no file. An IOException says what is wrong. */
  public static RecordedAdjustments read(Path runDirectory) throws IOException {
    Path file = file(runDirectory);
    if (!Files.exists(file)) {
      return none();
    }
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /** These adjustments and one more, written in one step. */
  public RecordedAdjustments append(Path runDirectory, Adjustment next) throws IOException {
    List<Adjustment> all = new ArrayList<>(adjustments);
    all.add(next);
    RecordedAdjustments updated = new RecordedAdjustments(all);
    Path file = file(runDirectory);
    Files.createDirectories(file.getParent());
    AtomicFiles.writeDurably(file, updated.toJson());
    return updated;
  }

  /** The planned setup values with every recorded change applied, later changes winning. */
  public Map<String, SetupValue> apply(Map<String, SetupValue> planned) {
    if (adjustments.isEmpty()) {
      return planned;
    }
    Map<String, SetupValue> adjusted = new LinkedHashMap<>(planned);
    for (Adjustment adjustment : adjustments) {
      adjustment
          .changes()
          .forEach(
              (key, change) ->
                  adjusted.put(
                      key,
                      new SetupValue(
                          change.to(),
                          new SetupValue.Origin(
                              Path.of(StateDirectory.NAME, FILE_NAME),
                              key
                                  + (adjustment.cause().equals(Adjustment.SETUP)
                                      ? " (tunesmith setup --" + key + ")"
                                      : " (tunesmith retry, attempt " + adjustment.attempt() + ")"),
                              0,
                              0))));
    }
    return adjusted;
  }

  /**
   * The run's settings as designed, with the recorded changes applied to the keys the design sets
   * (a key the design leaves alone stays unchecked by design).
   */
  public Map<String, String> applyToDesigned(Map<String, String> designed) {
    if (adjustments.isEmpty()) {
      return designed;
    }
    Map<String, String> adjusted = new LinkedHashMap<>(designed);
    for (Adjustment adjustment : adjustments) {
      adjustment.changes().forEach((key, change) -> adjusted.replace(key, change.to()));
    }
    return adjusted;
  }

  /** How many adjustments were made for this cause. */
  public long count(String cause) {
    return adjustments.stream().filter(adjustment -> adjustment.cause().equals(cause)).count();
  }

  /**
   * The attempt the newest retry adjustment was made for, 0 when there is none (a setup override is
   * no retry: retry still adjusts the run to why it failed).
   */
  public int lastAttempt() {
    return adjustments.stream()
        .filter(adjustment -> !adjustment.cause().equals(Adjustment.SETUP))
        .mapToInt(Adjustment::attempt)
        .reduce((first, second) -> second)
        .orElse(0);
  }

  String toJson() {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeArrayFieldStart("adjustments");
      for (Adjustment adjustment : adjustments) {
        json.writeStartObject();
        json.writeNumberField("attempt", adjustment.attempt());
        json.writeStringField("cause", adjustment.cause());
        json.writeStringField("at", adjustment.at());
        json.writeObjectFieldStart("changes");
        for (Map.Entry<String, Adjustment.Change> change : adjustment.changes().entrySet()) {
          json.writeObjectFieldStart(change.getKey());
          json.writeStringField("from", change.getValue().from());
          json.writeStringField("to", change.getValue().to());
          json.writeEndObject();
        }
        json.writeEndObject();
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text + "\n";
  }

  static RecordedAdjustments parse(String text) throws IOException {
    List<Adjustment> adjustments = new ArrayList<>();
    try (JsonParser parser = JSON.createParser(text)) {
      expect(parser.nextToken(), JsonToken.START_OBJECT, "a JSON object");
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (!name.equals("adjustments")) {
          parser.skipChildren();
          continue;
        }
        expect(value, JsonToken.START_ARRAY, "adjustments: a list");
        while (parser.nextToken() == JsonToken.START_OBJECT) {
          adjustments.add(adjustment(parser));
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException("not valid JSON (" + e.getOriginalMessage() + ")", e);
    }
    return new RecordedAdjustments(adjustments);
  }

  private static Adjustment adjustment(JsonParser parser) throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    Map<String, Adjustment.Change> changes = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals("changes") && value == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          expect(parser.nextToken(), JsonToken.START_OBJECT, "changes." + key + ": an object");
          Map<String, String> change = new LinkedHashMap<>();
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String part = parser.currentName();
            parser.nextToken();
            change.put(part, parser.getValueAsString());
          }
          if (change.get("from") == null || change.get("to") == null) {
            throw new IOException("changes." + key + ": needs from and to");
          }
          changes.put(key, new Adjustment.Change(change.get("from"), change.get("to")));
        }
      } else if (value.isStructStart()) {
        parser.skipChildren();
      } else {
        fields.put(name, parser.getValueAsString());
      }
    }
    String attempt = fields.getOrDefault("attempt", "");
    if (!attempt.matches("[1-9]\\d{0,5}")) {
      throw new IOException("an adjustment without an attempt number (found '" + attempt + "')");
    }
    return new Adjustment(
        Integer.parseInt(attempt),
        fields.getOrDefault("cause", ""),
        fields.getOrDefault("at", ""),
        changes);
  }

  private static void expect(JsonToken found, JsonToken wanted, String what) throws IOException {
    if (found != wanted) {
      throw new IOException("expected " + what + ", found " + found);
    }
  }
}
