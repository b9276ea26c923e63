package tunesmith.profile;

/**
 * How cruijff_kit makes the dataset a {@code data.data_generation} block declares, for a profile
 * with {@link Profile.Rule#DATA_PREPARATION_JOB}: its scaffold runs {@code python -m
 * cruijff_kit.tools.experiment.prepare_data {experiment_dir}}, which reads the experiment's
 * experiment_summary.yaml, writes {@code output_path} (relative to the experiment directory, or
 * absolute), logs to {@code logs/scaffold-prepare-data.log} and exits 1 on any failure
 * (docs/submitting.md, "The data-preparation job").
 */
public final class DataPreparation {
  /** The Python module tunesmith's data job runs with {@code python -m}. */
  public static final String MODULE = "cruijff_kit.tools.experiment.prepare_data";

  /** The one generator prepare_data dispatches to (its {@code tool:}). */
  public static final String TOOL = "model_organism";

  /** Where prepare_data logs, relative to the experiment directory. */
  public static final String LOG = "logs/scaffold-prepare-data.log";

  private DataPreparation() {}
}
