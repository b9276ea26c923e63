package tunesmith.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code @task} functions of an inspect task script and the parameters each takes, read from
 * its source: enough to tell, before the queue, that {@code script.py@function} names a task and
 * that every {@code -T} parameter is one it takes (inspect itself says so only on the cluster, or
 * not at all). Not a Python parser: a decorator line {@code @task} or {@code @task(...)}, then the
 * {@code def} it decorates, and its parameter list up to the matching parenthesis.
 */
final class TaskFunctions {
  private static final Pattern TASK_DECORATOR =
      Pattern.compile("(?m)^[ \\t]*@(?:inspect_ai\\.)?task\\b[ \\t]*(?:\\([^)]*\\))?[ \\t]*$");
  private static final Pattern DEF =
      Pattern.compile(
          "\\G(?:\\s*(?:#[^\\n]*)?\\n|\\s*@[^\\n]*\\n)*\\s*(?:async\\s+)?def\\s+(\\w+)\\s*\\(");

  /** One {@code @task} function: its parameter names, and whether it takes any (**kwargs). */
  record Function(String name, List<String> parameters, boolean takesAny) {
    boolean takes(String parameter) {
      return takesAny || parameters.contains(parameter);
    }
  }

  private TaskFunctions() {}

  /** The script's {@code @task} functions by name; empty when it cannot be read here. */
  static Optional<Map<String, Function>> of(Path script) {
    String source;
    try {
      source = Files.readString(script);
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
    return Optional.of(parse(source));
  }

  static Map<String, Function> parse(String source) {
    Map<String, Function> functions = new LinkedHashMap<>();
    Matcher decorator = TASK_DECORATOR.matcher(source);
    while (decorator.find()) {
      Matcher def = DEF.matcher(source);
      def.region(decorator.end(), source.length());
      if (!def.lookingAt()) {
        continue;
      }
      int close = closingParenthesis(source, def.end());
      if (close < 0) {
        continue;
      }
      functions.put(def.group(1), function(def.group(1), source.substring(def.end(), close)));
    }
    return functions;
  }

  private static Function function(String name, String parameterList) {
    List<String> parameters = new ArrayList<>();
    boolean takesAny = false;
    for (String parameter : topLevelParts(parameterList)) {
      String text = parameter.strip();
      if (text.startsWith("**")) {
        takesAny = true;
        continue;
      }
      if (text.isEmpty() || text.equals("*") || text.equals("/") || text.startsWith("*")) {
        continue;
      }
      Matcher identifier = Pattern.compile("^(\\w+)").matcher(text);
      if (identifier.find()) {
        parameters.add(identifier.group(1));
      }
    }
    return new Function(name, parameters, takesAny);
  }

  /** The index of the parenthesis closing the one opened just before {@code from}, or -1. */
  private static int closingParenthesis(String source, int from) {
    int depth = 1;
    char quote = 0;
    for (int i = from; i < source.length(); i++) {
      char c = source.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '#') {
        int end = source.indexOf('\n', i);
        i = end < 0 ? source.length() : end;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
        if (depth == 0) {
          return c == ')' ? i : -1;
        }
      }
    }
    return -1;
  }

  /** The list split at commas outside brackets and strings, comments dropped. */
  private static List<String> topLevelParts(String list) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < list.length(); i++) {
      char c = list.charAt(i);
      if (quote != 0) {
        part.append(c);
        if (c == '\\' && i + 1 < list.length()) {
          part.append(list.charAt(++i));
        } else if (c == quote) {
          quote = 0;
        }
        continue;
      }
      if (c == '#') {
        int end = list.indexOf('\n', i);
        i = end < 0 ? list.length() : end;
        part.append('\n');
        continue;
      }
      if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(part.toString());
        part.setLength(0);
        continue;
      }
      part.append(c);
    }
    parts.add(part.toString());
    return parts;
  }
}
