package tunesmith.environment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tunesmith.problem.InputProblem;
import tunesmith.problem.InputProblems;
import tunesmith.problem.Placeholder;
import tunesmith.problem.Warning;

/**
 * Decides which labeled bullets set what. A setting takes the first filled value found where its
 * label counts; unfilled bullets warn only when nothing fills the setting (a template often repeats
 * a label, blank in one section and filled in another). A second, different filled value warns and
 * is ignored. A value of the wrong shape (GPUs, time) is an input problem and is not used.
 */
final class SettingsResolver {
  private final String fileName;
  private final Path file;

  private SettingsResolver(Path file) {
    this.file = file;
    this.fileName = file == null ? "claude.local.md" : file.toString();
  }

  static LocalSettings resolve(Path file, ScannedMarkdown scanned, InputProblems problems) {
    return new SettingsResolver(file).resolve(scanned, problems);
  }

  private LocalSettings resolve(ScannedMarkdown scanned, InputProblems problems) {
    // A template's placeholder is an input error (issue 23.14): an account never filled in must
    // not quietly become no account, nor YOUR_ACCOUNT an account.
    List<Counted> counted = new ArrayList<>();
    for (Counted entry : counted(scanned.items())) {
      LabeledItem item = entry.item();
      Optional<String> placeholder = Placeholder.in(item.value());
      if (placeholder.isPresent()) {
        problems.add(
            new InputProblem(
                file,
                field(item),
                item.line(),
                item.column(),
                shown(item.value()),
                Placeholder.expected(placeholder.get())));
      } else {
        counted.add(entry);
      }
    }
    List<String> moduleLines = scanned.moduleLines();
    for (int i = 0; i < moduleLines.size(); i++) {
      String line = moduleLines.get(i);
      Optional<String> placeholder = Placeholder.in(line);
      // A commented-out line is never run: its placeholder does no harm.
      if (placeholder.isPresent() && !line.strip().startsWith("#")) {
        problems.add(
            new InputProblem(
                file,
                "Module System",
                scanned.moduleLine() + i,
                1 + line.indexOf(placeholder.get()),
                shown(line.strip()),
                Placeholder.expected(placeholder.get())));
      }
    }
    Map<Setting, LabeledItem> chosen = new EnumMap<>(Setting.class);
    for (Counted entry : counted) {
      if (!UnfilledValue.isUnfilled(entry.item().value())) {
        chosen.putIfAbsent(entry.setting(), entry.item());
      }
    }

    List<Warning> warnings = new ArrayList<>();
    for (Counted entry : counted) {
      LabeledItem item = entry.item();
      LabeledItem first = chosen.get(entry.setting());
      if (first == null) {
        warnings.add(
            Warning.global(
                String.format(
                    "%s:%d: %s is not filled in (%s); leaving it unset",
                    fileName, item.line(), item.label(), shown(item.value()))));
      } else if (item != first
          && !UnfilledValue.isUnfilled(item.value())
          && !item.value().equals(first.value())) {
        warnings.add(
            Warning.global(
                String.format(
                    "%s:%d: %s is given again as %s; keeping %s from line %d",
                    fileName,
                    item.line(),
                    item.label(),
                    shown(item.value()),
                    shown(first.value()),
                    first.line())));
      }
    }

    Map<Setting, String> values = new EnumMap<>(Setting.class);
    Map<String, LocalSettings.Position> positions = new java.util.HashMap<>();
    chosen.forEach(
        (setting, item) -> {
          if (setting.format().accepts(item.value())) {
            values.put(setting, item.value());
            positions.put(setting.key(), new LocalSettings.Position(item.line(), item.column()));
          } else {
            problems.add(
                new InputProblem(
                    file,
                    field(item),
                    item.line(),
                    item.column(),
                    shown(item.value()),
                    setting.format().expected()));
          }
        });

    if (scanned.moduleLine() > 0) {
      // Module names are checked later, as the modules setting: point at the block they came from.
      positions.put("modules", new LocalSettings.Position(scanned.moduleLine(), 1));
    }
    return new LocalSettings(
        Optional.ofNullable(file),
        value(values, Setting.CONDA_ENV),
        value(values, Setting.ACCOUNT),
        value(values, Setting.PARTITION),
        value(values, Setting.CONSTRAINT),
        value(values, Setting.TIME),
        value(values, Setting.GPUS),
        value(values, Setting.MY_WANDB_PROJECT),
        value(values, Setting.WORKING_DIR),
        value(values, Setting.MODELS_DIR),
        value(values, Setting.USERNAME),
        value(values, Setting.SCRATCH_DIR),
        scanned.moduleLines().stream()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .toList(),
        warnings,
        positions);
  }

  /** The bullets whose label names a setting and counts where it stands, in document order. */
  private static List<Counted> counted(List<LabeledItem> items) {
    List<Counted> counted = new ArrayList<>();
    for (LabeledItem item : items) {
      Setting.forLabel(item.label())
          .filter(setting -> setting.countsUnder(item.headings()))
          .ifPresent(setting -> counted.add(new Counted(setting, item)));
    }
    return counted;
  }

  private static Optional<String> value(Map<Setting, String> values, Setting setting) {
    return Optional.ofNullable(values.get(setting));
  }

  /** {@code SLURM Defaults / Default GPUs}: where the user will look for it. */
  private static String field(LabeledItem item) {
    String heading = item.headings().innermost();
    return heading.isEmpty() ? item.label() : heading + " / " + item.label();
  }

  private static String shown(String value) {
    return value.isEmpty() ? "an empty value" : "`" + value + "`";
  }

  private record Counted(Setting setting, LabeledItem item) {}
}
