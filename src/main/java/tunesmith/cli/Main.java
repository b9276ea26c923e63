package tunesmith.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Entry point. The only place, with the command classes, that prints or exits. */
public final class Main {
  private Main() {}

  @Command(
      name = "tunesmith",
      mixinStandardHelpOptions = true,
      versionProvider = Version.class,
      description = {
        "Turns a designed torchtune fine-tuning experiment into verified, SLURM-ready runs."
      },
      footer = {
        "",
        "Examples:",
        "  tunesmith scaffold examples/capitalization_sweep",
        "  tunesmith plan examples/capitalization_sweep",
        "  cd examples/capitalization_sweep/r8_lr1e-5 && tunesmith setup --lora_rank 32",
        "  tunesmith verify examples/capitalization_sweep",
        "  tunesmith submit examples/capitalization_sweep --dry-run",
        "  tunesmith status examples/capitalization_sweep --watch",
        "  tunesmith cancel examples/capitalization_sweep --runs r8_lr1e-5",
        "  tunesmith retry examples/capitalization_sweep --dry-run"
      })
  static final class Root implements Runnable {
    private final CliContext context;

    @Mixin DebugOption debug;

    Root(CliContext context) {
      this.context = context;
    }

    @Override
    public void run() {
      new CommandLine(this).usage(context.out());
    }
  }

  /** The version from the jar manifest, when running from the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"tunesmith " + (version == null ? "(development build)" : version)};
    }
  }

  public static void main(String[] args) {
    PrintStream out =
        new PrintStream(
            new java.io.FileOutputStream(java.io.FileDescriptor.out),
            false,
            StandardCharsets.UTF_8);
    PrintStream err =
        new PrintStream(
            new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
    int code = execute(args, Path.of("").toAbsolutePath(), System.getenv(), out, err);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** A command, made only when it is needed: making one initialises its class. */
  private record Subcommand(Class<?> type, Supplier<Object> make) {
    String name() {
      return type.getAnnotation(Command.class).name();
    }
  }

  /**
   * Runs one command as the process would, without exiting: for tests and embedding.
   *
   * @param workingDirectory what the command treats as the current directory
   * @param environment the process environment (USER, NO_COLOR, SBATCH, ...)
   * @return the exit code
   */
  public static int execute(
      String[] args,
      Path workingDirectory,
      Map<String, String> environment,
      PrintStream out,
      PrintStream err) {
    CliContext context =
        new CliContext(
            workingDirectory.toAbsolutePath().normalize(),
            environment,
            out,
            err,
            Clock.systemDefaultZone());
    List<Subcommand> subcommands =
        List.of(
            new Subcommand(ScaffoldCommand.class, () -> new ScaffoldCommand(context)),
            new Subcommand(PlanCommand.class, () -> new PlanCommand(context)),
            new Subcommand(SetupCommand.class, () -> new SetupCommand(context)),
            new Subcommand(VerifyCommand.class, () -> new VerifyCommand(context)),
            new Subcommand(SubmitCommand.class, () -> new SubmitCommand(context)),
            new Subcommand(StatusCommand.class, () -> new StatusCommand(context)),
            new Subcommand(CancelCommand.class, () -> new CancelCommand(context)),
            new Subcommand(RetryCommand.class, () -> new RetryCommand(context)),
            new Subcommand(SummarizeCommand.class, () -> new SummarizeCommand(context)),
            new Subcommand(KeysCommand.class, () -> new KeysCommand(context)));
    CommandLine commandLine = new CommandLine(new Root(context));
    // picocli models a command by reflection, which is a good part of a one-run setup's start-up:
    // when the first argument names a command, only that one is made and modelled (help lists
    // need them all).
    List<Subcommand> needed =
        subcommands.stream()
            .filter(command -> args.length > 0 && args[0].equals(command.name()))
            .toList();
    (needed.isEmpty() ? subcommands : needed)
        .forEach(command -> commandLine.addSubcommand(command.make().get()));
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    commandLine.setExecutionExceptionHandler(new FailureHandler(context));
    // Every command's help ends with its exit codes, and what each means for it.
    List<CommandLine> all = new ArrayList<>(commandLine.getSubcommands().values());
    all.add(commandLine);
    for (CommandLine command : all) {
      var usage = command.getCommandSpec().usageMessage();
      List<String> footer = new ArrayList<>(List.of(usage.footer()));
      footer.add("");
      footer.addAll(ExitCode.help(command.getCommandName()));
      usage.footer(footer.toArray(String[]::new));
    }
    return commandLine.execute(args);
  }
}
