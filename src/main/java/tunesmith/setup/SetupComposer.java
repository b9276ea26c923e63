package tunesmith.setup;

import java.util.Map;
import java.util.function.Function;
import tunesmith.catalog.ModelCatalog;
import tunesmith.environment.LocalSettings;
import tunesmith.experiment.ExperimentFormat;
import tunesmith.experiment.ExperimentPlan;
import tunesmith.experiment.RunSpec;
import tunesmith.keys.SetupValue;

/** What scaffold writes into one run's setup_finetune.yaml; one strategy per experiment format. */
public interface SetupComposer {

  Map<String, SetupValue> compose(ExperimentPlan plan, RunSpec run, LocalSettings local);

  /** Each format's composer. */
  Map<ExperimentFormat, Function<ModelCatalog, SetupComposer>> BY_FORMAT =
      Map.of(
          ExperimentFormat.JANUARY, ScaffoldSetupComposer::new,
          ExperimentFormat.CRUIJFF_KIT_0_3, Cruijff03SetupComposer::new);

  static SetupComposer forFormat(ExperimentFormat format, ModelCatalog catalog) {
    return BY_FORMAT.get(format).apply(catalog);
  }
}
