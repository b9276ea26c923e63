package tunesmith.plan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tunesmith.files.StateDirectory;
import tunesmith.profile.DataPreparation;
import tunesmith.render.JobScript;
import tunesmith.render.ShellQuote;
import tunesmith.render.SlurmScriptRenderer.Directive;

/**
 * The data-preparation job: it makes the dataset {@code data.data_generation} declares as
 * cruijff_kit's scaffold does ({@code python -m cruijff_kit.tools.experiment.prepare_data
 * {experiment_dir}}), in the training jobs' environment, on small resources, and every training job
 * on that dataset waits for it. It is sent only while the dataset does not exist
 * (docs/submitting.md, "The data-preparation job").
 *
 * @param experimentDirectory what prepare_data is given
 * @param dataset the file it writes (output_path, relative to the experiment directory)
 * @param runs the fine-tuned runs that train on it, which wait for it
 * @param environment the module and activation lines of those runs' training job
 * @param account claude.local.md's SLURM account, if any
 */
public record DataJob(
    Path experimentDirectory,
    Path dataset,
    List<String> runs,
    List<String> environment,
    Optional<String> account) {

  /** The job's name in tags, records, reports and its directory. */
  public static final String NAME = "prepare_data";

  /** Small resources: prepare_data generates a few thousand short sequences on one CPU. */
  public static final int CPUS = 1;

  public static final String MEM = "4G";
  public static final String TIME = "00:30:00";

  public DataJob {
    runs = List.copyOf(runs);
    environment = List.copyOf(environment);
  }

  /** Where its script, SLURM output and submission record live. */
  public Path directory() {
    return experimentDirectory.resolve(StateDirectory.NAME).resolve(NAME);
  }

  public Path script() {
    return directory().resolve(NAME + ".slurm");
  }

  /** Whether the dataset is still to be made (asked each time: it appears once the job ran). */
  public boolean needed() {
    return !Files.exists(dataset);
  }

  /** The command cruijff_kit's scaffold runs. */
  public List<String> command() {
    return List.of("python", "-m", DataPreparation.MODULE, experimentDirectory.toString());
  }

  /** The job script's tree. */
  public JobScript tree() {
    List<Directive> directives = new ArrayList<>();
    directives.add(new Directive("job-name", NAME));
    directives.add(new Directive("nodes", "1"));
    directives.add(new Directive("ntasks", "1"));
    directives.add(new Directive("cpus-per-task", Integer.toString(CPUS)));
    directives.add(new Directive("mem", MEM));
    directives.add(new Directive("time", TIME));
    directives.add(new Directive("output", directory().resolve("slurm-%j.out").toString()));
    account.ifPresent(name -> directives.add(new Directive("account", name)));
    String file = ShellQuote.quote(dataset.toString());
    return new JobScript(
        directives,
        environment,
        List.of(
            new JobScript.Step(
                "cruijff_kit's scaffold makes the declared dataset first; it logs to "
                    + DataPreparation.LOG,
                String.join(" ", command().stream().map(ShellQuote::quote).toList())
                    + " || exit $?"),
            new JobScript.Step(
                "the trainings wait for this job's success: succeed only with the dataset there",
                "test -f "
                    + file
                    + " || { echo 'tunesmith: prepare_data did not write '"
                    + file
                    + " >&2; exit 1; }")));
  }
}
