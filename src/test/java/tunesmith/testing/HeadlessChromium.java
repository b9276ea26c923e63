package tunesmith.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A page opened in Debian's real {@code chromium}, headless, in a fresh profile with networking
 * extras off: the DOM after the page's scripts ran ({@code --dump-dom}) and every console message
 * the browser logged ({@code --enable-logging=stderr}: uncaught errors, {@code console.*}, blocked
 * loads). scripts/test installs chromium when it is missing.
 */
public final class HeadlessChromium {
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Pattern CONSOLE = Pattern.compile("(?m)^\\[[^\\]]*:CONSOLE[^\\]]*\\] (.*)$");

  /** What the browser made of the page. */
  public record Opened(String dom, List<String> console, String stderr) {
    /** An attribute of {@code <html>} as the page's scripts left it. */
    public String rootAttribute(String name) {
      Matcher m =
          Pattern.compile("<html[^>]*\\s" + Pattern.quote(name) + "=\"([^\"]*)\"").matcher(dom);
      return m.find() ? m.group(1) : null;
    }
  }

  private HeadlessChromium() {}

  public static Opened open(Path page, Path profileParent) {
    if (!Files.isExecutable(CHROMIUM)) {
      throw new AssertionError(CHROMIUM + " is missing: scripts/test installs Debian's chromium");
    }
    Path profile;
    try {
      profile = Files.createTempDirectory(profileParent, "chromium-profile");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    CliResult result =
        Processes.run(
            List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + profile,
                "--enable-logging=stderr",
                "--v=0",
                "--dump-dom",
                page.toUri().toString()),
            null,
            null,
            180);
    if (result.exitCode() != 0) {
      throw new AssertionError("chromium failed\n" + result.describe());
    }
    Matcher m = CONSOLE.matcher(result.err());
    List<String> console = new java.util.ArrayList<>();
    while (m.find()) {
      console.add(m.group(1));
    }
    return new Opened(result.out(), console, result.err());
  }
}
