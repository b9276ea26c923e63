package tunesmith.slurm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a submission record and an intent are read: a JSON object of scalar fields, the {@code
 * command} array, and objects one level deep of scalar fields (a record's {@code cancelled}); any
 * other array or deeper object is skipped.
 */
record FlatJson(
    Map<String, String> fields, List<String> command, Map<String, Map<String, String>> objects) {
  private static final JsonFactory JSON = new JsonFactory();

  /** An IOException says what is wrong with the text (not a JSON object). */
  static FlatJson read(String text) throws IOException {
    Map<String, String> fields = new HashMap<>();
    List<String> command = new ArrayList<>();
    Map<String, Map<String, String>> objects = new HashMap<>();
    try (JsonParser parser = JSON.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value == JsonToken.START_ARRAY) {
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (name.equals("command")) {
              command.add(parser.getValueAsString());
            } else if (parser.currentToken().isStructStart()) {
              parser.skipChildren();
            }
          }
        } else if (value == JsonToken.START_OBJECT) {
          Map<String, String> object = new HashMap<>();
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            if (parser.nextToken().isStructStart()) {
              parser.skipChildren();
            } else {
              object.put(key, parser.getValueAsString());
            }
          }
          objects.put(name, object);
        } else {
          fields.put(name, parser.getValueAsString());
        }
      }
    }
    return new FlatJson(fields, command, objects);
  }
}
