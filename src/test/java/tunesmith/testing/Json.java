package tunesmith.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses JSON text into plain Java values with jackson-core's streaming parser: objects become
 * {@code LinkedHashMap<String,Object>}, arrays {@code List<Object>}, integers {@code Long} (or
 * {@code BigInteger}), other numbers {@code Double}, and {@code true}/{@code false}/{@code null}
 * themselves. So an integer and a float stay distinguishable, which the number checks rely on.
 */
public final class Json {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private Json() {}

  /** Parses text that must hold exactly one JSON value and nothing after it (whitespace aside). */
  public static Object parse(String text) {
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new AssertionError("expected one JSON value, found no JSON at all in:\n" + text);
      }
      Object value = read(parser);
      JsonToken after = parser.nextToken();
      if (after != null) {
        throw new AssertionError(
            "expected exactly one JSON value, found more after it ("
                + after
                + " at "
                + parser.currentLocation()
                + ") in:\n"
                + text);
      }
      return value;
    } catch (IOException e) {
      throw new AssertionError("not valid JSON: " + e.getMessage() + "\nin:\n" + text, e);
    }
  }

  /** Parses text that must be one JSON object. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String text) {
    Object value = parse(text);
    if (!(value instanceof Map)) {
      throw new AssertionError(
          "expected a JSON object, found " + describe(value) + " in:\n" + text);
    }
    return (Map<String, Object>) value;
  }

  private static Object read(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT:
        {
          Map<String, Object> map = new LinkedHashMap<>();
          while (parser.nextToken() != JsonToken.END_OBJECT) {
            String key = parser.currentName();
            parser.nextToken();
            map.put(key, read(parser));
          }
          return map;
        }
      case START_ARRAY:
        {
          List<Object> list = new ArrayList<>();
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            list.add(read(parser));
          }
          return list;
        }
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
        return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? parser.getBigIntegerValue()
            : (Object) parser.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return parser.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IOException("unexpected JSON token " + token + " at " + parser.currentLocation());
    }
  }

  /** A short description of a parsed value's type and value, for messages. */
  public static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    String type =
        value instanceof Map
            ? "object"
            : value instanceof List
                ? "array"
                : value instanceof String
                    ? "string"
                    : value instanceof Boolean
                        ? "boolean"
                        : value instanceof Double
                            ? "float"
                            : value instanceof Number ? "int" : value.getClass().getSimpleName();
    return type + " " + (value instanceof String ? "'" + value + "'" : String.valueOf(value));
  }

  /**
   * The value at a dotted path ({@code optimizer.lr}; a list index is a number segment: {@code
   * runs.0.name}), or {@code null} if any step is missing. Use {@link #has} to tell a missing key
   * from a null value.
   */
  public static Object at(Object root, String dottedPath) {
    Object current = root;
    for (String segment : dottedPath.split("\\.")) {
      current = step(current, segment);
      if (current == MISSING) {
        return null;
      }
    }
    return current;
  }

  /** Whether every step of a dotted path exists (the value there may be null). */
  public static boolean has(Object root, String dottedPath) {
    Object current = root;
    for (String segment : dottedPath.split("\\.")) {
      current = step(current, segment);
      if (current == MISSING) {
        return false;
      }
    }
    return true;
  }

  private static final Object MISSING = new Object();

  private static Object step(Object current, String segment) {
    if (current instanceof Map<?, ?> map) {
      return map.containsKey(segment) ? map.get(segment) : MISSING;
    }
    if (current instanceof List<?> list && segment.matches("\\d+")) {
      int index = Integer.parseInt(segment);
      return index < list.size() ? list.get(index) : MISSING;
    }
    return MISSING;
  }
}
