package tunesmith.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * cruijff_kit's own {@code extract_loss.py}, taken at test time from the mirror of its repository
 * (README: Tests) and run with /usr/bin/python3 on the same files tunesmith reads: the reference
 * the summary's final loss must equal. Where the mirror is not on the machine (a bare CI machine),
 * the tests compare with expectations recorded by running it once instead, and say so.
 */
public final class CruijffExtractLoss {
  public static final Path MIRROR = Path.of("/work/.mirror/niznik-dev+cruijff_kit/repo");
  private static final String SOURCE = "src/tools/torchtune/extract_loss.py";

  /** Each file's points, or the error Python raised (as {@code {"error": ...}}). */
  private static final String DRIVER =
      """
      import json, sys
      sys.path.insert(0, sys.argv[1])
      import extract_loss
      out = []
      for name in sys.argv[2:]:
          text = open(name, encoding="utf-8", errors="replace").read()
          try:
              out.append([list(p) for p in extract_loss.extract_losses(text)])
          except Exception as e:
              out.append({"error": type(e).__name__ + ": " + str(e)})
      print(json.dumps(out))
      """;

  private CruijffExtractLoss() {}

  /** The script from the mirror, written into {@code directory}; empty without the mirror. */
  public static Optional<Path> fromMirror(Path directory) {
    if (!Files.isDirectory(MIRROR)) {
      return Optional.empty();
    }
    CliResult shown =
        Processes.run(
            List.of("git", "-C", MIRROR.toString(), "show", "HEAD:" + SOURCE), null, null, 60);
    if (shown.exitCode() != 0) {
      throw new AssertionError("cannot read " + SOURCE + " from the mirror\n" + shown.describe());
    }
    Path script = directory.resolve("extract_loss.py");
    Fixtures.write(script, shown.out());
    return Optional.of(script);
  }

  /** extract_losses of each file, as JSON values: a list of [epoch, step, loss], or an error. */
  @SuppressWarnings("unchecked")
  public static List<Object> run(Path script, List<Path> files) {
    Path driver = script.resolveSibling("driver.py");
    Fixtures.write(driver, DRIVER);
    List<String> command =
        new ArrayList<>(
            List.of("/usr/bin/python3", driver.toString(), script.getParent().toString()));
    files.forEach(file -> command.add(file.toString()));
    CliResult result = Processes.run(command, null, null, 120);
    if (result.exitCode() != 0) {
      throw new AssertionError("extract_loss driver failed\n" + result.describe());
    }
    return (List<Object>) Json.parse(result.out());
  }
}
