package tunesmith.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tunesmith.keys.SetupValue;
import tunesmith.setup.SetupConfig;
import tunesmith.setup.SlurmResources;
import tunesmith.sharing.SharedInstances;
import tunesmith.sharing.SharedKeyMap;

/**
 * A planned run rebuilt from instances shared with the plan's other runs. The runs of a sweep
 * differ in a few swept values, their names and their paths; the rest (controls, catalog defaults,
 * claude.local.md, built-in values and where each came from) each run held an equal copy of. The
 * rebuilt run equals the run it is given, so what is written, reported and checked is the same. One
 * per plan; thread-safe, as runs are planned in parallel.
 */
final class RunSharing {
  private final SharedInstances shared = new SharedInstances();

  PlannedRun run(PlannedRun run) {
    // The run's own values (its parameters, overrides and compute block, each at its own line)
    // are the very instances its RunSpec holds: nothing to share, nor to look up.
    Set<SetupValue> own = Collections.newSetFromMap(new IdentityHashMap<>());
    own.addAll(run.run().parameters().values());
    own.addAll(run.run().slurmOverrides().values());
    own.addAll(run.run().compute().values());
    return new PlannedRun(
        run.run(),
        run.directory(),
        SharedKeyMap.copyOf(
            run.setupValues(), shared, value -> own.contains(value) ? value : setupValue(value)),
        config(run.config()),
        run.designed(),
        texts(run.warnings()),
        run.target());
  }

  // A value whose parts are already the shared instances (==, not equals) is kept, not copied.
  private SetupValue setupValue(SetupValue value) {
    return shared.of(
        value,
        v -> {
          String text = shared.of(v.text());
          SetupValue.Origin origin = origin(v.origin());
          return text == v.text() && origin == v.origin() ? v : new SetupValue(text, origin);
        });
  }

  private SetupValue.Origin origin(SetupValue.Origin origin) {
    return shared.of(
        origin,
        o -> {
          Path file = shared.of(o.file());
          String field = shared.of(o.field());
          return file == o.file() && field == o.field()
              ? o
              : new SetupValue.Origin(file, field, o.line(), o.column());
        });
  }

  private SetupConfig config(SetupConfig config) {
    return new SetupConfig(
        SharedKeyMap.copyOf(config.settings(), shared, this::text),
        config.model(),
        shared.of(config.inputDir()),
        shared.of(config.modelDir()),
        shared.of(config.modelsDir()),
        config.outputDir(), // the run's own: nothing to share
        texts(config.moduleNames()),
        shared.of(config.resources(), this::resources),
        config.target(),
        texts(config.notes()));
  }

  private SlurmResources resources(SlurmResources resources) {
    return new SlurmResources(
        text(resources.account()),
        text(resources.partition()),
        text(resources.constraint()),
        shared.of(resources.mem()),
        shared.of(resources.time()),
        resources.gpus(),
        resources.cpusPerTask());
  }

  private Optional<String> text(Optional<String> text) {
    return shared.of(text, t -> t.map(shared::of));
  }

  /** An immutable list (List.copyOf's class, so that later equal lists find it) of shared texts. */
  private List<String> texts(List<String> texts) {
    return shared.of(
        List.copyOf(texts),
        list -> {
          List<String> each = new ArrayList<>(list.size());
          list.forEach(text -> each.add(shared.of(text)));
          return List.copyOf(each);
        });
  }
}
