package tunesmith.experiment;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tunesmith.problem.Warning;
import tunesmith.profile.Profiles;
import tunesmith.yaml.YamlMapping;
import tunesmith.yaml.YamlNode;

/**
 * Reads {@code experiment} (whose directory key chooses the format) and {@code tools}: what the
 * experiment is and which tool prepares it.
 */
final class ExperimentSection {
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  /** What {@code experiment} says of the experiment. */
  record Identity(String name, String date, Optional<String> project) {}

  private final Reading reading;

  ExperimentSection(Reading reading) {
    this.reading = reading;
  }

  /**
   * Reads {@code experiment}, once {@link #chooseFormat} has chosen the format (what its other keys
   * mean depends on it).
   */
  Identity read(Optional<YamlMapping> experiment, boolean formatChosen) {
    experiment.ifPresent(e -> reading.formatKeys(e, "experiment", "experiment"));
    String name =
        experiment.flatMap(e -> reading.fields.text(e, "name", "experiment", true)).orElse("");
    String date = experiment.flatMap(this::date).orElse("");
    Optional<String> project =
        experiment
            .filter(e -> reading.format.knownKeys("experiment").contains("project"))
            .flatMap(e -> reading.fields.text(e, "project", "experiment", false));
    experiment.filter(e -> formatChosen).ifPresent(this::declaredDirectory);
    return new Identity(name, date, project);
  }

  /** experiment.dir: the 2026 format; experiment.directory: January; never both or neither. */
  boolean chooseFormat(YamlMapping experiment) {
    boolean dir = experiment.get("dir").isPresent();
    boolean directory = experiment.get("directory").isPresent();
    if (dir == directory) {
      reading.fields.problem(
          dir ? "experiment.dir" : "experiment.directory",
          dir ? experiment.entry("dir").map(Reading::entryNode).orElseThrow() : experiment,
          dir
              ? "both experiment.dir and experiment.directory"
              : "neither experiment.directory nor experiment.dir",
          "exactly one of them: experiment.directory (the January format) or experiment.dir"
              + " (the 2026 format of cruijff_kit 0.3)");
      return false;
    }
    reading.format =
        Profiles.all().stream()
            .filter(profile -> experiment.get(profile.reading().directoryKey()).isPresent())
            .findFirst()
            .orElseThrow();
    return true;
  }

  private Optional<String> date(YamlMapping experiment) {
    return reading
        .fields
        .text(experiment, "date", "experiment", true)
        .filter(
            text -> {
              YamlNode node = experiment.get("date").orElseThrow();
              try {
                if (DATE.matcher(text).matches()) {
                  LocalDate.parse(text);
                  return true;
                }
              } catch (DateTimeParseException e) {
                // reported below
              }
              reading.fields.problem(
                  "experiment.date",
                  node,
                  "'" + text + "'",
                  "a date written YYYY-MM-DD, e.g. \"2025-10-22\"");
              return false;
            });
  }

  private void declaredDirectory(YamlMapping experiment) {
    String key = reading.format.reading().directoryKey();
    reading
        .fields
        .text(experiment, key, "experiment", true)
        .ifPresent(
            declared -> {
              if (!Path.of(declared).toAbsolutePath().normalize().equals(reading.directory)) {
                reading.warnings.add(
                    Warning.global(
                        "experiment."
                            + key
                            + " is "
                            + declared
                            + " but the experiment being scaffolded is "
                            + reading.directory
                            + "; using "
                            + reading.directory));
              }
            });
  }

  /** {@code tools}: torchtune is the only preparation tool scaffolded. */
  void tools(YamlMapping tools) {
    reading.unknownKeys(tools, "tools", CommonKeys.TOOLS, Map.of());
    reading
        .fields
        .text(tools, "preparation", "tools", true)
        .ifPresent(
            preparation -> {
              if (!preparation.equals("torchtune")) {
                reading.fields.problem(
                    "tools.preparation",
                    tools.get("preparation").orElseThrow(),
                    "'" + preparation + "'",
                    "torchtune (the only preparation tool tunesmith scaffolds)");
              }
            });
  }
}
