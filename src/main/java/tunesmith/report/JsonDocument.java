package tunesmith.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Optional;

/** One JSON document as text, for every report and record tunesmith writes. */
public final class JsonDocument {
  private static final JsonFactory FACTORY = new JsonFactory();

  /**
   * Fills in the document; the generator writes to memory, so its IOException cannot really happen.
   */
  @FunctionalInterface
  public interface Body {
    void write(JsonGenerator json) throws IOException;
  }

  private JsonDocument() {}

  /** The document on one line, ended by a newline (one report per line of stdout). */
  public static String write(Body body) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(text)) {
      body.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text + "\n";
  }

  /** The document indented for people who open the file, ended by a newline. */
  public static String writePretty(Body body) {
    return write(
        json -> {
          json.useDefaultPrettyPrinter();
          body.write(json);
        });
  }

  /** A string field, or null when there is no value: readers see every field in every document. */
  public static void writeOptional(JsonGenerator json, String field, Optional<String> value)
      throws IOException {
    if (value.isPresent()) {
      json.writeStringField(field, value.get());
    } else {
      json.writeNullField(field);
    }
  }

  /** {@code "field": {"key": ["value", ...], ...}}: e.g. the plan's varying parameters. */
  public static void writeLists(
      JsonGenerator json, String field, java.util.Map<String, java.util.List<String>> lists)
      throws IOException {
    json.writeObjectFieldStart(field);
    for (java.util.Map.Entry<String, java.util.List<String>> entry : lists.entrySet()) {
      json.writeArrayFieldStart(entry.getKey());
      for (String value : entry.getValue()) {
        json.writeString(value);
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }
}
