import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * scripts/output-fingerprint's driver: runs scaffold, verify --json and plan --json on every
 * experiment folder under WORK, in this one JVM (tunesmith.cli.Main.execute), and writes each
 * command's exit code, stdout and stderr under OUT/commands/. One JVM start instead of three per
 * experiment, so a corpus of hundreds runs in a minute.
 */
public class Driver {
  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]);
    Path out = Path.of(args[1]);
    Files.createDirectories(out);
    Map<String, String> env = Map.of("USER", "fingerprint", "NO_COLOR", "1");
    List<Path> experiments;
    try (Stream<Path> list = Files.list(work)) {
      experiments = list.filter(Files::isDirectory).sorted().toList();
    }
    List<List<String>> commands =
        List.of(List.of("scaffold"), List.of("verify", "--json"), List.of("plan", "--json"));
    for (Path experiment : experiments) {
      for (List<String> command : commands) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(stdout, true, StandardCharsets.UTF_8);
            PrintStream e = new PrintStream(stderr, true, StandardCharsets.UTF_8)) {
          String[] argv = Stream.concat(command.stream(), Stream.of(experiment.toString()))
              .toArray(String[]::new);
          code = tunesmith.cli.Main.execute(argv, experiment, env, o, e);
        }
        String name = experiment.getFileName() + " $ " + String.join(" ", command);
        Path file = out.resolve(name.replace(' ', '_').replace("$", "").replace("--", ""));
        Files.write(file.resolveSibling(file.getFileName() + ".out"), stdout.toByteArray());
        Files.write(file.resolveSibling(file.getFileName() + ".err"), stderr.toByteArray());
        Files.writeString(file.resolveSibling(file.getFileName() + ".exit"), code + "\n");
      }
    }
  }
}
