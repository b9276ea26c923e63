package tunesmith.experiment;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tunesmith.problem.Warning;
import tunesmith.profile.Profile;
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

  /** The key naming the experiment directory chooses the profile: exactly one must be there. */
  boolean chooseFormat(YamlMapping experiment) {
    List<Profile> profiles = reading.profiles;
    List<String> present =
        profiles.stream()
            .map(profile -> profile.reading().directoryKey())
            .filter(key -> experiment.get(key).isPresent())
            .toList();
    if (present.size() == 1) {
      reading.format =
          profiles.stream()
              .filter(profile -> profile.reading().directoryKey().equals(present.get(0)))
              .findFirst()
              .orElseThrow();
      return true;
    }
    List<String> keys =
        profiles.stream().map(profile -> "experiment." + profile.reading().directoryKey()).toList();
    String expected =
        "exactly one of them: "
            + profiles.stream()
                .map(
                    profile ->
                        "experiment."
                            + profile.reading().directoryKey()
                            + " ("
                            + profile.reading().formatName()
                            + ")")
                .collect(Collectors.joining(" or "));
    if (present.isEmpty()) {
      reading.fields.problem(
          keys.get(0), experiment, "neither " + String.join(" nor ", keys), expected);
    } else {
      String second = present.get(1);
      reading.fields.problem(
          "experiment." + second,
          experiment.entry(second).map(Reading::entryNode).orElseThrow(),
          "both experiment." + second + " and experiment." + present.get(0),
          expected);
    }
    return false;
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
