package tunesmith.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tunesmith.plan.ScaffoldPlan;
import tunesmith.report.StatusReport;
import tunesmith.slurm.CellStatuses;
import tunesmith.slurm.JobObserver;
import tunesmith.slurm.RunLog;
import tunesmith.slurm.RunState;
import tunesmith.slurm.RunStatus;
import tunesmith.slurm.RunStatuses;
import tunesmith.slurm.SlurmClient;
import tunesmith.slurm.SlurmException;
import tunesmith.slurm.StateChanges;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Per-run state from SLURM: one row per fine-tuned run (run, job id or",
      "jobid_task, attempt, state, elapsed, last training progress read from the",
      "job's output, output dir) and why a failed run failed. Asks squeue, then",
      "sacct where accounting is on, else scontrol show job. State changes are",
      "appended to run-torchtune.log. For runs not submitted: whether each is",
      "ready to submit (the check verify and submit run)."
    },
    footer = {
      "",
      "Examples:",
      "  tunesmith status",
      "  tunesmith status exp/cap_sweep --json",
      "  tunesmith status --watch --interval 30   # redraw until all runs finished",
      "",
      "States: PENDING RUNNING COMPLETED FAILED CANCELLED TIMEOUT OUT_OF_MEMORY",
      "NOT_SUBMITTED UNKNOWN. SLURM's NODE_FAIL, BOOT_FAIL, PREEMPTED and DEADLINE",
      "count as FAILED (SLURM's own name is shown beside).",
      "SQUEUE, SACCT, SCONTROL name other programs than those on PATH.",
      "Here, exit 0 means no run ended badly; 1 a run FAILED, was CANCELLED, hit",
      "TIMEOUT or OUT_OF_MEMORY; 3 squeue/scontrol missing or failing."
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

  /**
   * Set to 1 by the ./tunesmith launcher when its stdout is a terminal ({@code [ -t 1 ]}): then
   * --watch redraws in place.
   */
  static final String STDOUT_IS_TERMINAL = "TUNESMITH_STDOUT_TTY";

  private static final String CLEAR_SCREEN = "\u001b[H\u001b[2J";

  StatusCommand(CliContext context) {
    this.context = context;
  }

  /** The rows, with every state change since the last look appended to the run log. */
  private List<RunStatus> collect(RunStatuses statuses, ScaffoldPlan plan) throws SlurmException {
    List<RunStatus> rows = statuses.collect(plan);
    try {
      StateChanges.log(rows, new RunLog(plan, context.clock()));
    } catch (java.io.IOException e) {
      context.err().println("tunesmith: warning: cannot write the run log: " + e.getMessage());
    }
    return rows;
  }

  @Override
  public Integer call() throws SlurmException, InterruptedException {
    if (!(interval > 0) || interval > 86_400) {
      throw new ParameterException(
          spec.commandLine(),
          "--interval takes a number of seconds above 0 and at most 86400, not " + interval);
    }
    ScaffoldPlan plan = experiment.loadPlan(context, inputs);
    JobObserver observer =
        new JobObserver(new SlurmClient(context.environment(), context.workingDirectory()));
    RunStatuses statuses = new RunStatuses(observer);
    CellStatuses cellStatuses = new CellStatuses(observer);
    List<RunStatus> rows = collect(statuses, plan);
    List<CellStatuses.Row> cells = cellStatuses.collect(plan);
    boolean redraw = !output.json && "1".equals(context.environment().get(STDOUT_IS_TERMINAL));
    while (watch
        && !(RunStatuses.allFinished(rows)
            && cells.stream().allMatch(CellStatuses.Row::finished))) {
      if (!output.quiet) {
        // On a terminal the table is redrawn in place (cursor home, clear): no scrolling pages.
        output.printText(
            context,
            (redraw ? CLEAR_SCREEN : "")
                + StatusReport.text(rows, cells)
                + "\n(refreshing every "
                + interval
                + "s)\n"
                + (redraw ? "" : "\n"));
        context.out().flush();
        context.err().flush();
      }
      Thread.sleep((long) (interval * 1000));
      rows = collect(statuses, plan);
      cells = cellStatuses.collect(plan);
    }
    if (watch && redraw && !output.quiet) {
      context.out().print(CLEAR_SCREEN);
    }
    List<RunStatus> finalRows = rows;
    List<CellStatuses.Row> finalCells = cells;
    boolean badEnds =
        rows.stream().anyMatch(row -> BAD_ENDS.contains(row.state()))
            || cells.stream().anyMatch(CellStatuses.Row::endedBadly);
    output.printReport(
        context,
        () -> StatusReport.json(plan.experiment().directory(), finalRows, finalCells),
        () -> StatusReport.text(finalRows, finalCells),
        badEnds);
    return badEnds ? ExitCode.RUNS_FAILED : ExitCode.OK;
  }
}
