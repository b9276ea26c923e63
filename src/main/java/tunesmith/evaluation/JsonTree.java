package tunesmith.evaluation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON document as maps, lists and scalars, read with Jackson's parser (the project's JSON
 * library); enough for the fields of an inspect log that status and summarize read.
 */
public final class JsonTree {
  private static final JsonFactory JSON = new JsonFactory();

  private JsonTree() {}

  public static Object read(InputStream in) throws IOException {
    try (JsonParser parser = JSON.createParser(in)) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        throw new IOException("empty JSON document");
      }
      return value(parser, token);
    }
  }

  /**
   * Only the named top-level fields of an object document, the others skipped unread: an inspect
   * sample's events and store can be far larger than what is read of it.
   */
  public static Map<String, Object> readFields(InputStream in, java.util.Set<String> names)
      throws IOException {
    try (JsonParser parser = JSON.createParser(in)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      Map<String, Object> fields = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken token = parser.nextToken();
        if (names.contains(name)) {
          fields.put(name, value(parser, token));
        } else {
          parser.skipChildren();
        }
      }
      return fields;
    }
  }

  private static Object value(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          map.put(name, value(parser, parser.nextToken()));
        }
        return map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        JsonToken next;
        while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
          list.add(value(parser, next));
        }
        return list;
      }
      case VALUE_STRING -> {
        return parser.getText();
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return parser.getNumberValue();
      }
      case VALUE_TRUE -> {
        return true;
      }
      case VALUE_FALSE -> {
        return false;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new IOException("unexpected JSON token " + token);
    }
  }

  /** The value at a path of object keys, or empty where any step is missing or not an object. */
  public static Optional<Object> at(Object root, String... keys) {
    Object current = root;
    for (String key : keys) {
      if (!(current instanceof Map<?, ?> map) || !map.containsKey(key)) {
        return Optional.empty();
      }
      current = map.get(key);
    }
    return Optional.ofNullable(current);
  }

  public static Optional<String> text(Object root, String... keys) {
    return at(root, keys).filter(String.class::isInstance).map(String.class::cast);
  }
}
