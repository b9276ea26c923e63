package tunesmith.setup;

/**
 * Path arithmetic on the text of a path as the user wrote it. Not java.nio: these paths live on the
 * cluster, may hold $USER, and must keep their trailing slashes where docs/KEYS.md shows them.
 */
final class PathText {
  private PathText() {}

  static String withSlash(String path) {
    return path.endsWith("/") ? path : path + "/";
  }

  static String withoutTrailingSlash(String path) {
    String stripped = path;
    while (stripped.length() > 1 && stripped.endsWith("/")) {
      stripped = stripped.substring(0, stripped.length() - 1);
    }
    return stripped;
  }

  /**
   * The directory holding {@code path}, without a trailing slash: "/" at the root, "." for a bare
   * name.
   */
  static String parent(String path) {
    String stripped = withoutTrailingSlash(path);
    int slash = stripped.lastIndexOf('/');
    if (slash < 0) {
      return ".";
    }
    return slash == 0 ? "/" : stripped.substring(0, slash);
  }

  static String lastComponent(String path) {
    String stripped = withoutTrailingSlash(path);
    return stripped.substring(stripped.lastIndexOf('/') + 1);
  }
}
