package tunesmith.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;
import tunesmith.catalog.ModelCatalog;
import tunesmith.catalog.ModelCatalogReader;
import tunesmith.files.AtomicFiles;
import tunesmith.keys.SetupKeys;
import tunesmith.keys.SetupValue;
import tunesmith.lock.LockHeldException;
import tunesmith.plan.TargetRefusal;
import tunesmith.problem.InputProblem;
import tunesmith.problem.InputProblems;
import tunesmith.problem.InvalidInputException;
import tunesmith.problem.NearestName;
import tunesmith.problem.Warning;
import tunesmith.profile.Profile;
import tunesmith.profile.Profiles;
import tunesmith.render.RunRenderer;
import tunesmith.report.SetupReport;
import tunesmith.scaffold.SetupOverrides;
import tunesmith.setup.RunWarnings;
import tunesmith.setup.SetupConfig;
import tunesmith.setup.SetupFile;
import tunesmith.setup.SetupResolver;

@Command(
    name = "setup",
    mixinStandardHelpOptions = true,
    description = {
      "Render finetune.yaml and finetune.slurm in the current directory from setup_finetune.yaml.",
      "Any setup key can be overridden on the command line (command line > file > built-in default)."
    },
    footer = {
      "",
      "Examples:",
      "  cd rank8_lr1e-5 && tunesmith setup",
      "  tunesmith setup --lora_rank 32 --lr 2e-5",
      "  tunesmith setup --config_file my_setup.yaml --batch-size 8",
      "",
      "Every key of setup_finetune.yaml is a flag: --KEY VALUE, --KEY=VALUE, dashes or underscores."
    })
final class SetupCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(
      names = {"--config_file", "--config-file"},
      paramLabel = "F",
      description = "The setup file to read (default: setup_finetune.yaml).")
  Path configFile = Path.of(SetupFile.FILE_NAME);

  @Unmatched List<String> overrides = new ArrayList<>();

  @Mixin InputOptions inputs;

  @Mixin OutputOptions output;

  SetupCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws EnvironmentProblem, LockHeldException {
    Path runDirectory = context.workingDirectory().toAbsolutePath().normalize();
    Path setupFile = context.resolve(configFile);
    InputProblems problems = new InputProblems();
    Map<String, SetupValue> flags = flagValues(problems);
    try {
      inputs.localMd(context); // setup reads no claude.local.md, but a path typed is never ignored
    } catch (InvalidInputException missing) {
      missing.problems().forEach(problems::add);
    }
    List<String> warnings = new ArrayList<>();
    if (problems.isEmpty() && configFile.equals(Path.of(SetupFile.FILE_NAME))) {
      // In a run of a scaffolded experiment the override is recorded, not a hand edit.
      Optional<SetupOverrides.Outcome> outcome =
          SetupInExperiment.record(context, inputs, runDirectory, flags);
      if (outcome.isPresent() && outcome.get() instanceof SetupOverrides.Recorded recorded) {
        return report(recorded, runDirectory);
      }
      outcome.ifPresent(
          notRecorded -> warnings.add(((SetupOverrides.NotRecorded) notRecorded).why()));
    }
    Optional<SetupFile.Contents> contents = SetupFile.read(setupFile, problems);
    Optional<SetupConfig> config = Optional.empty();
    if (contents.isPresent()) {
      Map<String, SetupValue> values = new LinkedHashMap<>(contents.get().values());
      values.putAll(flags);
      // --target, else the file's keys choose (a cruijff_kit 0.3 agent writes project_dir).
      Profile target = Profiles.forSetupFile(values.keySet(), inputs.target());
      ModelCatalog catalog = ModelCatalogReader.load(inputs.models(context), target, problems);
      Optional<String> user =
          Optional.ofNullable(context.environment().get("USER")).filter(name -> !name.isBlank());
      config = new SetupResolver(catalog, user).resolve(values, runDirectory, problems, target);
      config.ifPresent(resolved -> TargetRefusal.check(target, resolved, values, problems));
    }
    problems.throwIfAny();
    RunRenderer.RenderedRun rendered =
        RunRenderer.render(config.orElseThrow(), runDirectory, setupFile);
    List<SetupReport.WrittenFile> written = new ArrayList<>();
    try {
      written.add(write(runDirectory, "finetune.yaml", rendered.finetuneYaml()));
      written.add(write(runDirectory, "finetune.slurm", rendered.finetuneSlurm()));
    } catch (IOException e) {
      throw new EnvironmentProblem("cannot write in " + runDirectory + ": " + e.getMessage(), e);
    }
    contents.get().warnings().stream().map(Warning::render).forEach(warnings::add);
    warnings.addAll(new RunWarnings().of(config.get(), java.util.OptionalLong.empty()));
    return print(
        new SetupReport.Input(config.get().runName(), runDirectory, written, warnings, Map.of()));
  }

  private int report(SetupOverrides.Recorded recorded, Path runDirectory) {
    List<SetupReport.WrittenFile> written = new ArrayList<>();
    recorded
        .written()
        .forEach(
            (file, changed) ->
                written.add(new SetupReport.WrittenFile(file.getFileName().toString(), changed)));
    List<String> warnings = new ArrayList<>(recorded.run().warnings());
    recorded.mismatches().forEach(mismatch -> warnings.add("does not verify: " + mismatch));
    return print(
        new SetupReport.Input(
            recorded.run().run().name(), runDirectory, written, warnings, recorded.changes()));
  }

  private int print(SetupReport.Input report) {
    output.printReport(
        context, () -> SetupReport.json(report), () -> SetupReport.text(report), false);
    // Warnings go to stderr, also with -q: they are problems the user should see.
    report.warnings().forEach(warning -> output.err(context, "⚠ " + warning + "\n"));
    return ExitCode.OK;
  }

  private static SetupReport.WrittenFile write(Path runDirectory, String name, String text)
      throws IOException {
    return new SetupReport.WrittenFile(
        name, AtomicFiles.writeIfChanged(runDirectory.resolve(name), text));
  }

  /** --lora_rank 8, --lora-rank=8: every setup key is a flag. */
  private Map<String, SetupValue> flagValues(InputProblems problems) {
    Map<String, SetupValue> values = new LinkedHashMap<>();
    for (int i = 0; i < overrides.size(); i++) {
      String token = overrides.get(i);
      if (!token.startsWith("--") || token.length() == 2) {
        problems.add(
            new InputProblem(
                Path.of("command line"), token, 0, 0, "'" + token + "'", "--KEY VALUE pairs"));
        continue;
      }
      String name = token.substring(2);
      String value = null;
      int equals = name.indexOf('=');
      if (equals >= 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      }
      String key = name.replace('-', '_');
      if (SetupKeys.find(key).isEmpty()) {
        problems.add(
            new InputProblem(
                Path.of("command line"),
                "--" + name,
                0,
                0,
                "unknown option '--" + name + "'" + NearestName.hint(key, SetupKeys.names()),
                "a setup key as a flag, e.g. --lora_rank 8"));
        if (equals < 0 && i + 1 < overrides.size() && !overrides.get(i + 1).startsWith("--")) {
          i++;
        }
        continue;
      }
      if (value == null) {
        if (i + 1 >= overrides.size()) {
          problems.add(
              new InputProblem(
                  Path.of("command line"), "--" + name, 0, 0, "no value", "--" + name + " VALUE"));
          continue;
        }
        value = overrides.get(++i);
      }
      values.put(key, new SetupValue(value, SetupValue.Origin.flag("--" + name)));
    }
    return values;
  }
}
