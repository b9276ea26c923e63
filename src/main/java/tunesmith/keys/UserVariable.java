package tunesmith.keys;

import java.util.regex.Pattern;

/**
 * {@code $USER} or {@code ${USER}} in a path, as bash reads it: {@code $USERX} is another variable.
 */
public final class UserVariable {
  public static final Pattern PATTERN = Pattern.compile("\\$USER(?![A-Za-z0-9_])|\\$\\{USER\\}");

  private UserVariable() {}
}
