package tunesmith.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.problem.InvalidInputException;
import tunesmith.report.StatusReport;
import tunesmith.slurm.CellStatuses;
import tunesmith.slurm.DataJobStatus;
import tunesmith.slurm.ExperimentJobs;
import tunesmith.slurm.ExperimentStatus;
import tunesmith.slurm.NamedRuns;
import tunesmith.slurm.RunState;
import tunesmith.slurm.RunStatus;
import tunesmith.slurm.RunStatuses;
import tunesmith.slurm.SlurmClient;
import tunesmith.slurm.SlurmException;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show the state of every run and evaluation cell, as SLURM reports it.",
      "One row per fine-tuned run (run, job id or jobid_task, attempt, state, elapsed, last"
          + " training progress read from the job's output, output dir) and why a failed run"
          + " failed. Asks squeue once, then sacct once where accounting is on. State changes are"
          + " appended to run-torchtune.log; a job SLURM has forgotten keeps the state last seen"
          + " there. A job submitted but never recorded is found by its tag and recorded. For"
          + " runs not submitted: whether each is ready to submit (the check verify and submit"
          + " run)."
    },
    footer = {
      "",
      "Examples:",
      "  tunesmith status",
      "  tunesmith status exp/cap_sweep --json",
      "  tunesmith status --runs r8_lr1e-5,r32_lr1e-5",
      "  tunesmith status --watch --interval 30   # redraw until all runs finished",
      "",
      "States: PENDING RUNNING COMPLETED FAILED CANCELLED TIMEOUT OUT_OF_MEMORY",
      "NOT_SUBMITTED UNKNOWN. SLURM's NODE_FAIL, BOOT_FAIL, PREEMPTED and DEADLINE",
      "count as FAILED (SLURM's own name is shown beside).",
      "SQUEUE, SACCT name other programs than those on PATH."
    })
final class StatusCommand implements Callable<Integer> {
  private static final List<RunState> BAD_ENDS =
      List.of(RunState.FAILED, RunState.CANCELLED, RunState.TIMEOUT, RunState.OUT_OF_MEMORY);

  private final CliContext context;

  @Spec CommandSpec spec;

  @Mixin ExperimentArgument experiment;

  @Mixin InputOptions inputs;

  @Mixin OutputOptions output;

  @Option(
      names = "--watch",
      description = "Redraw the table until every submitted run has finished.")
  boolean watch;

  @Option(
      names = "--interval",
      paramLabel = "SECONDS",
      description = "With --watch: seconds between refreshes (default: ${DEFAULT-VALUE}).")
  double interval = 10;

  @Option(
      names = "--runs",
      split = ",",
      paramLabel = "RUN",
      description =
          "Show only these runs and their evaluation cells (default: every run and cell; a"
              + " control or eval-only run names its cells).")
  List<String> runs = new ArrayList<>();

  /**
   * Set to 1 by the ./tunesmith launcher when its stdout is a terminal ({@code [ -t 1 ]}): then
   * --watch redraws in place.
   */
  static final String STDOUT_IS_TERMINAL = "TUNESMITH_STDOUT_TTY";

  private static final String CLEAR_SCREEN = "\u001b[H\u001b[2J";

  StatusCommand(CliContext context) {
    this.context = context;
  }

  /** One look at SLURM; jobs found by their tag are adopted, state changes logged. */
  private ExperimentStatus look(SlurmClient client, ScaffoldPlan plan, NamedRuns named)
      throws SlurmException, EnvironmentProblem {
    ExperimentStatus status;
    try {
      status =
          ExperimentStatus.take(
              plan, client, context.clock(), ExperimentJobs.Mode.LOOK, new RunStatuses());
    } catch (java.io.IOException e) {
      throw EnvironmentProblem.adoptionNotRecorded(plan.experiment().directory(), e);
    }
    status
        .logProblem()
        .ifPresent(problem -> context.err().println("tunesmith: warning: " + problem));
    status
        .adopted()
        .forEach(
            adopted ->
                context
                    .err()
                    .println(
                        "tunesmith: "
                            + adopted.name()
                            + ": job "
                            + adopted.jobId()
                            + " was submitted but not recorded (tunesmith stopped); found by its"
                            + " tag and recorded now"));
    return status.only(named);
  }

  @Override
  public Integer call()
      throws SlurmException, InterruptedException, EnvironmentProblem, InvalidInputException {
    if (!(interval > 0) || interval > 86_400) {
      throw new ParameterException(
          spec.commandLine(),
          "--interval takes a number of seconds above 0 and at most 86400, not " + interval);
    }
    ScaffoldPlan plan = experiment.loadPlan(context, inputs);
    NamedRuns named = NamedRuns.resolve(plan, runs);
    SlurmClient client = new SlurmClient(context.environment(), context.workingDirectory());
    ExperimentStatus look = look(client, plan, named);
    List<RunStatus> rows = look.runs();
    List<CellStatuses.Row> cells = look.cells();
    boolean redraw = !output.json && "1".equals(context.environment().get(STDOUT_IS_TERMINAL));
    while (watch && !look.allFinished()) {
      if (!output.quiet) {
        // On a terminal the table is redrawn in place (cursor home, clear): no scrolling pages.
        output.printText(
            context,
            (redraw ? CLEAR_SCREEN : "")
                + StatusReport.text(rows, cells, plan.experiment().directory(), look.data())
                + "\n(refreshing every "
                + interval
                + "s)\n"
                + (redraw ? "" : "\n"));
        context.out().flush();
        context.err().flush();
      }
      Thread.sleep((long) (interval * 1000));
      look = look(client, plan, named);
      rows = look.runs();
      cells = look.cells();
    }
    if (watch && redraw && !output.quiet) {
      context.out().print(CLEAR_SCREEN);
    }
    List<RunStatus> finalRows = rows;
    List<CellStatuses.Row> finalCells = cells;
    ExperimentStatus finalLook = look;
    boolean badEnds =
        rows.stream().anyMatch(row -> BAD_ENDS.contains(row.state()))
            || cells.stream().anyMatch(CellStatuses.Row::endedBadly)
            || look.data().map(DataJobStatus::endedBadly).orElse(false);
    output.printReport(
        context,
        () ->
            StatusReport.json(Headers.of("status", plan), finalRows, finalCells, finalLook.data()),
        () ->
            StatusReport.text(
                    finalRows, finalCells, plan.experiment().directory(), finalLook.data())
                + LocalMdLine.of(plan, inputs).text(),
        badEnds);
    return badEnds ? ExitCode.RUNS_FAILED : ExitCode.OK;
  }
}
