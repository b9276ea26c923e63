package tunesmith.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tunesmith.adjust.RecordedAdjustments;
import tunesmith.catalog.ModelCatalog;
import tunesmith.environment.LocalSettings;
import tunesmith.evaluation.Evaluation;
import tunesmith.experiment.ExperimentPlan;
import tunesmith.keys.SetupValue;
import tunesmith.parallel.ProgressListener;
import tunesmith.parallel.RunPool;
import tunesmith.problem.InputProblem;
import tunesmith.problem.InputProblems;
import tunesmith.problem.Warning;
import tunesmith.profile.Profile;
import tunesmith.setup.ModuleLines;
import tunesmith.setup.RunWarnings;
import tunesmith.setup.SetupComposer;
import tunesmith.setup.SetupConfig;
import tunesmith.setup.SetupResolver;
import tunesmith.verify.RunVerifier;

/** Plans every fine-tuned run and checks all of them before a single file is written. */
public final class ScaffoldPlanner {
  private final ModelCatalog catalog;
  private final SetupResolver resolver;
  private final RunWarnings runWarnings = new RunWarnings();
  private final Profile target;
  private final boolean shareValues;

  /**
   * @param target the versions that will read the files: decides layout, refusals and checks
   */
  public ScaffoldPlanner(ModelCatalog catalog, Optional<String> user, Profile target) {
    this(catalog, user, target, true);
  }

  /**
   * @param shareValues whether runs share their equal values ({@link RunSharing}); off only to show
   *     that sharing changes no run
   */
  ScaffoldPlanner(
      ModelCatalog catalog, Optional<String> user, Profile target, boolean shareValues) {
    this.catalog = catalog;
    this.resolver = new SetupResolver(catalog, user);
    this.target = target;
    this.shareValues = shareValues;
  }

  /** Throws InvalidInputException with every problem of every run. */
  public ScaffoldPlan plan(ExperimentPlan experiment, LocalSettings local) {
    // Runs are planned in parallel, each with its own problems; both are gathered in run order.
    record Planned(Optional<PlannedRun> run, InputProblems problems) {}
    SetupComposer composer = new SetupComposer(catalog, experiment.profile());
    // Shared as each run is planned, so that its own equal copies die young.
    RunSharing sharing = new RunSharing();
    List<Planned> planned =
        RunPool.sizedToMachine()
            .map(
                experiment.fineTunedRuns(),
                run -> {
                  InputProblems own = new InputProblems();
                  java.nio.file.Path directory = experiment.directory().resolve(run.name());
                  // A retried run is planned with the changes retry recorded for it.
                  RecordedAdjustments adjustments = adjustments(directory, own);
                  Map<String, SetupValue> values =
                      adjustments.apply(composer.compose(experiment, run, local));
                  Optional<SetupConfig> config = resolver.resolve(values, directory, own, target);
                  config.ifPresent(resolved -> TargetRefusal.check(target, resolved, values, own));
                  return new Planned(
                      config
                          .map(
                              resolved ->
                                  new PlannedRun(
                                      run,
                                      directory,
                                      values,
                                      resolved,
                                      adjustments.applyToDesigned(
                                          RunVerifier.designed(experiment, run)),
                                      warnings(resolved, experiment, run, adjustments),
                                      target))
                          .map(one -> shareValues ? sharing.run(one) : one),
                      own);
                },
                ProgressListener.NONE);
    InputProblems problems = new InputProblems();
    List<PlannedRun> runs = new ArrayList<>(planned.size());
    for (Planned one : planned) {
      one.problems().list().forEach(problems::add);
      one.run().ifPresent(runs::add);
    }
    problems.throwIfAny();
    List<Warning> warnings = new ArrayList<>(experiment.warnings());
    warnings.addAll(local.warnings());
    Optional<DataJob> dataJob = PreparedData.job(experiment, target, runs);
    PreparedData.missing(experiment, dataJob).ifPresent(warnings::add);
    ModuleLines.unsupported(local.moduleLines())
        .forEach(
            line ->
                warnings.add(
                    Warning.global(
                        "claude.local.md Module System line '"
                            + line
                            + "' is not copied into finetune.slurm (only filled-in module load lines are)")));
    return new ScaffoldPlan(
        experiment, local, runs, varying(runs), warnings, target, Evaluation.none(), dataJob);
  }

  private List<String> warnings(
      SetupConfig config,
      ExperimentPlan experiment,
      tunesmith.experiment.RunSpec run,
      RecordedAdjustments adjustments) {
    // A dataset a data job makes before training is not missing: plan shows the job instead.
    Optional<java.nio.file.Path> made =
        target.has(Profile.Rule.DATA_PREPARATION_JOB)
            ? PreparedData.declared(experiment)
            : Optional.empty();
    List<String> warnings =
        new ArrayList<>(runWarnings.of(config, experiment.trainSamples(run), made));
    TargetRefusal.droppedValidation(target, config).ifPresent(warnings::add);
    // scaffold keeps a setup override, and says so (docs/submitting.md, "Setup overrides").
    adjustments.adjustments().stream()
        .filter(adjustment -> adjustment.cause().equals(tunesmith.adjust.Adjustment.SETUP))
        .forEach(
            adjustment ->
                warnings.add(
                    "has an override tunesmith setup recorded ("
                        + adjustment.describe()
                        + ", in .tunesmith/adjustments.json), which scaffold keeps; to go back,"
                        + " run tunesmith setup with the experiment's values in the run directory"));
    return warnings;
  }

  private static RecordedAdjustments adjustments(
      java.nio.file.Path directory, InputProblems problems) {
    try {
      return RecordedAdjustments.read(directory);
    } catch (java.io.IOException unreadable) {
      problems.add(
          new InputProblem(
              RecordedAdjustments.file(directory),
              "adjustments",
              0,
              0,
              unreadable.getMessage(),
              "the adjustments tunesmith retry recorded (fix or remove the file)"));
      return RecordedAdjustments.none();
    }
  }

  /** Keys whose settings differ between runs: what the sweep sweeps. */
  private static Map<String, List<String>> varying(List<PlannedRun> runs) {
    Set<String> keys = new LinkedHashSet<>();
    runs.forEach(run -> keys.addAll(run.run().parameters().keySet()));
    Map<String, List<String>> varying = new LinkedHashMap<>();
    for (String key : keys) {
      List<String> values =
          runs.stream()
              .map(run -> run.config().optional(key).orElse("(unset)"))
              .distinct()
              .toList();
      if (values.size() > 1) {
        varying.put(key, values);
      }
    }
    return varying;
  }
}
