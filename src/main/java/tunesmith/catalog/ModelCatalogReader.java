package tunesmith.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tunesmith.problem.InputProblems;
import tunesmith.profile.Profile;
import tunesmith.profile.Profiles;
import tunesmith.yaml.FieldReader;
import tunesmith.yaml.YamlFileReader;
import tunesmith.yaml.YamlMapping;
import tunesmith.yaml.YamlNode;
import tunesmith.yaml.YamlSequence;

/**
 * Reads a model catalog file (the built-in {@code models.yaml} or a user's {@code --models FILE}):
 * one entry per model, whose {@code targets} block for the profile's {@link Profile#modelTarget}
 * replaces its name order and resources (docs/FORMATS.md, "Model catalog").
 */
public final class ModelCatalogReader {
  /** Each profile's built-in catalog (the models and resources of that version), once parsed. */
  private static final Map<Profile, ModelCatalog> builtIn = new HashMap<>();

  private static final String BUILT_IN = "models.yaml";

  /** The resource keys a {@code targets} block replaces together. */
  private record Resources(
      String mem, Optional<String> partition, Optional<String> constraint, long cpus, long gpus) {}

  private ModelCatalogReader() {}

  /** The fallback profile's catalog shipped in the jar, parsed once per process. */
  public static ModelCatalog builtIn() {
    return builtIn(Profiles.fallback());
  }

  /** A target's catalog shipped in the jar, parsed once per process. */
  public static synchronized ModelCatalog builtIn(Profile target) {
    ModelCatalog known = builtIn.get(target);
    if (known == null) {
      InputProblems problems = new InputProblems();
      known =
          parse(
              Path.of(BUILT_IN + " (built in)"),
              resourceText(BUILT_IN),
              target.modelTarget(),
              problems);
      problems.throwIfAny();
      builtIn.put(target, known);
    }
    return known;
  }

  /** The fallback profile's built-in catalog extended with the user's file, if any. */
  public static ModelCatalog load(Optional<Path> userFile, InputProblems problems) {
    return load(userFile, Profiles.fallback(), problems);
  }

  /** A target's built-in catalog extended with the user's file, if any. */
  public static ModelCatalog load(Optional<Path> userFile, Profile target, InputProblems problems) {
    ModelCatalog catalog = builtIn(target);
    if (userFile.isEmpty()) {
      return catalog;
    }
    FieldReader fields = new FieldReader(userFile.get(), problems);
    return YamlFileReader.read(userFile.get(), problems)
        .map(root -> catalog.extendedWith(read(root, fields, catalog, target.modelTarget())))
        .orElse(catalog);
  }

  static ModelCatalog parse(
      Path file, String text, Optional<String> modelTarget, InputProblems problems) {
    FieldReader fields = new FieldReader(file, problems);
    return YamlFileReader.parse(file, text, problems)
        .map(root -> read(root, fields, new ModelCatalog(Map.of(), Map.of()), modelTarget))
        .orElse(new ModelCatalog(Map.of(), Map.of()));
  }

  private static ModelCatalog read(
      YamlNode root, FieldReader fields, ModelCatalog base, Optional<String> modelTarget) {
    Map<String, ModelSpec> models = new LinkedHashMap<>();
    Map<String, TokenizerSpec> families = new HashMap<>(base.families());
    Optional<YamlMapping> top = fields.asMapping(root, "");
    if (top.isEmpty()) {
      return new ModelCatalog(models, families);
    }
    fields
        .mapping(top.get(), "families", "", false)
        .ifPresent(
            mapping -> {
              for (YamlMapping.Entry entry : mapping.entries()) {
                String path = "families." + entry.key();
                fields
                    .asMapping(entry.value(), path)
                    .ifPresent(
                        family -> {
                          Optional<String> component = fields.text(family, "tokenizer", path, true);
                          Optional<String> tokenizerPath =
                              fields.text(family, "tokenizer_path", path, true);
                          Optional<String> merges = fields.text(family, "merges_file", path, false);
                          if (component.isPresent() && tokenizerPath.isPresent()) {
                            families.put(
                                entry.key(),
                                new TokenizerSpec(component.get(), tokenizerPath.get(), merges));
                          }
                        });
              }
            });
    Optional<YamlSequence> list = fields.sequence(top.get(), "models", "", true);
    if (list.isEmpty()) {
      return new ModelCatalog(models, families);
    }
    for (int i = 0; i < list.get().items().size(); i++) {
      String path = "models[" + i + "]";
      fields
          .asMapping(list.get().items().get(i), path)
          .ifPresent(entry -> readModel(entry, path, fields, families, modelTarget, models));
    }
    return new ModelCatalog(models, families);
  }

  private static void readModel(
      YamlMapping entry,
      String path,
      FieldReader fields,
      Map<String, TokenizerSpec> families,
      Optional<String> modelTarget,
      Map<String, ModelSpec> models) {
    List<String> names = names(entry, path, fields, true);
    Optional<String> component = fields.text(entry, "component", path, true);
    Optional<CheckpointFiles> files =
        entry
            .get("checkpoint_files")
            .flatMap(node -> checkpointFiles(node, path + ".checkpoint_files", fields));
    if (entry.get("checkpoint_files").isEmpty()) {
      fields.problem(
          path + ".checkpoint_files",
          entry,
          "no 'checkpoint_files' key",
          "a list of files or {filename_format, max_filename}");
    }
    Optional<String> modelType = fields.text(entry, "model_type", path, true);
    Optional<String> family = fields.text(entry, "family", path, true);
    Optional<TokenizerSpec> tokenizer =
        family.flatMap(
            name -> {
              if (!families.containsKey(name)) {
                fields.problem(
                    path + ".family",
                    entry.get("family").orElse(entry),
                    "'" + name + "'",
                    "one of the families " + families.keySet().stream().sorted().toList());
                return Optional.empty();
              }
              return Optional.of(families.get(name));
            });
    Optional<Resources> resources = resources(entry, path, fields);
    Optional<YamlMapping> targets = fields.mapping(entry, "targets", path, false);
    targets.ifPresent(mapping -> checkTargets(mapping, path, fields));
    Optional<YamlMapping> block =
        targets.flatMap(
            blocks ->
                modelTarget.flatMap(
                    target ->
                        blocks
                            .get(target)
                            .flatMap(node -> fields.asMapping(node, path + ".targets." + target))));
    if (block.isPresent()) {
      String blockPath = path + ".targets." + modelTarget.orElseThrow();
      if (block.get().get("names").isPresent()) {
        names = names(block.get(), blockPath, fields, false);
      }
      resources = resources(block.get(), blockPath, fields);
    }
    if (component.isEmpty()
        || files.isEmpty()
        || modelType.isEmpty()
        || tokenizer.isEmpty()
        || resources.isEmpty()) {
      return;
    }
    String mem = resources.get().mem();
    Optional<String> partition = resources.get().partition();
    Optional<String> constraint = resources.get().constraint();
    long cpus = resources.get().cpus();
    long gpus = resources.get().gpus();
    for (String name : names) {
      models.put(
          name,
          new ModelSpec(
              name,
              component.get(),
              files.get(),
              modelType.get(),
              tokenizer.get(),
              mem,
              partition,
              constraint,
              (int) cpus,
              (int) gpus));
    }
  }

  /** A block for a target no profile has would be ignored: a typo is an error. */
  private static void checkTargets(YamlMapping targets, String path, FieldReader fields) {
    List<String> known = Profiles.all().stream().map(Profile::id).toList();
    for (YamlMapping.Entry block : targets.entries()) {
      if (!known.contains(block.key())) {
        fields.problem(
            path + ".targets." + block.key(),
            block.value(),
            "'" + block.key() + "'",
            "a target: " + String.join(", ", known));
      }
    }
  }

  private static List<String> names(
      YamlMapping entry, String path, FieldReader fields, boolean required) {
    return fields
        .sequence(entry, "names", path, required)
        .map(sequence -> fields.textItems(sequence, path + ".names"))
        .orElse(List.of());
  }

  /** A model's SLURM resources, from its entry or from its targets block (which replaces them). */
  private static Optional<Resources> resources(YamlMapping entry, String path, FieldReader fields) {
    Optional<String> mem = fields.text(entry, "mem", path, true);
    Optional<String> partition = fields.text(entry, "partition", path, false);
    Optional<String> constraint = fields.text(entry, "constraint", path, false);
    Optional<Long> cpus = fields.integer(entry, "cpus", path, true, 1);
    Optional<Long> gpus = fields.integer(entry, "gpus", path, true, 1);
    if (mem.isEmpty() || cpus.isEmpty() || gpus.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Resources(mem.get(), partition, constraint, cpus.get(), gpus.get()));
  }

  private static Optional<CheckpointFiles> checkpointFiles(
      YamlNode node, String path, FieldReader fields) {
    if (node instanceof YamlSequence sequence) {
      return Optional.of(new CheckpointFiles.Listed(fields.textItems(sequence, path)));
    }
    return fields
        .asMapping(node, path)
        .flatMap(
            mapping -> {
              Optional<String> format = fields.text(mapping, "filename_format", path, true);
              Optional<String> max = fields.text(mapping, "max_filename", path, true);
              return format.isPresent() && max.isPresent()
                  ? Optional.of(new CheckpointFiles.Sharded(format.get(), max.get()))
                  : Optional.empty();
            });
  }

  private static String resourceText(String name) {
    String resource = "/tunesmith/" + name;
    try (InputStream in = ModelCatalogReader.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "the built-in model catalog is missing from the jar: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
