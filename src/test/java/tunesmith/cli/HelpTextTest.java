package tunesmith.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.Command;
import tunesmith.testing.Cli;
import tunesmith.testing.Expect;

/**
 * What `--help` says (issue 23.11): whole-sentence summaries, file names never broken across lines,
 * and each command's own exit codes, the same as docs/EXIT-CODES.md.
 */
class HelpTextTest {
  static final List<Class<?>> COMMANDS =
      List.of(
          ScaffoldCommand.class,
          PlanCommand.class,
          SetupCommand.class,
          VerifyCommand.class,
          SubmitCommand.class,
          StatusCommand.class,
          CancelCommand.class,
          RetryCommand.class,
          SummarizeCommand.class,
          KeysCommand.class);

  private static final Pattern FILE_NAME =
      Pattern.compile("[\\w./-]*\\w\\.(?:slurm|yaml|json|md|log|html)\\b");

  @TempDir Path temp;

  static List<String> names() {
    return COMMANDS.stream().map(type -> type.getAnnotation(Command.class).name()).toList();
  }

  private String help(String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.add("--help");
    return Expect.succeeded(Cli.run(temp, args.toArray(String[]::new))).out();
  }

  private static String joined(String text) {
    return text.replaceAll("\\s+", " ");
  }

  @Test
  void everySummaryIsOneWholeSentenceShownWhole() {
    String commandList = joined(help());
    for (Class<?> type : COMMANDS) {
      Command command = type.getAnnotation(Command.class);
      String summary = command.description()[0];
      assertThat(summary)
          .as(command.name() + "'s summary")
          .matches("[A-Z][^.?]*(?:\\.\\w[^.?]*)*[.?]")
          .doesNotContain(": ");
      assertThat(commandList).contains(command.name() + " " + joined(summary));
    }
  }

  static List<List<String>> everyHelp() {
    List<List<String>> helps = new ArrayList<>();
    helps.add(List.of());
    names().forEach(name -> helps.add(List.of(name)));
    return helps;
  }

  @ParameterizedTest
  @MethodSource("everyHelp")
  void noFileNameIsBrokenAcrossLines(List<String> command) {
    String help = help(command.toArray(String[]::new));
    // A line that ends inside a name (after its dot, slash, underscore or dash), continued on the
    // next line.
    Matcher broken = Pattern.compile("([\\w./-]*\\w[./_-])\\n\\s*([\\w./-]+)").matcher(help);
    List<String> brokenNames = new ArrayList<>();
    while (broken.find()) {
      String before = broken.group(1);
      String whole = before + broken.group(2);
      boolean sentenceEnd = FILE_NAME.matcher(before.substring(0, before.length() - 1)).matches();
      if (!sentenceEnd && FILE_NAME.matcher(whole).find()) {
        brokenNames.add(whole);
      }
    }
    assertThat(brokenNames).as(help).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("names")
  void eachCommandListsItsOwnExitCodesAsTheDocsSay(String command) throws Exception {
    String help = help(command);
    String section = help.substring(help.indexOf("Exit codes:"));
    Map<String, String> inHelp = new LinkedHashMap<>();
    Matcher code = Pattern.compile("(?m)^  (\\d+) +(.*(?:\\n {7}.*)*)").matcher(section);
    while (code.find()) {
      inHelp.put(code.group(1), joined(code.group(2)));
    }
    String docs = Files.readString(Path.of("docs/EXIT-CODES.md"));
    String perCommand = docs.substring(docs.indexOf("## What the codes mean for each command"));
    Matcher block =
        Pattern.compile("(?m)^- `" + command + "`\\n((?:  - .*\\n?)+)").matcher(perCommand);
    assertThat(block.find()).as(command + " in docs/EXIT-CODES.md").isTrue();
    Map<String, String> documented = new LinkedHashMap<>();
    Matcher row = Pattern.compile("(?m)^  - `(\\d+)` (.*)$").matcher(block.group(1));
    while (row.find()) {
      documented.put(row.group(1), row.group(2));
    }
    for (ExitCode.Meaning every : ExitCode.EVERY_COMMAND) {
      documented.put(String.valueOf(every.code()), every.text());
    }
    assertThat(inHelp).containsExactlyInAnyOrderEntriesOf(documented);
  }

  @Test
  void planDoesNotSayRunsFailed() {
    assertThat(help("plan")).doesNotContainPattern("(?m)^  1 ").doesNotContain("runs failed");
  }

  @Test
  void scaffoldsForceSpeaksOfScaffoldOnly() {
    String help = help("scaffold");
    String force = help.substring(help.indexOf("      --force"), help.indexOf("\n  -h, --help"));
    assertThat(force).contains("--force").doesNotContain("resubmit", "(submit)");
  }
}
