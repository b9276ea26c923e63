package tunesmith.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The exit codes of every command, and what each means for each command (docs/EXIT-CODES.md). */
final class ExitCode {
  static final int OK = 0;

  /** Some runs failed; the others were still written and verified. */
  static final int RUNS_FAILED = 1;

  /** The input is invalid; nothing was written. */
  static final int INVALID_INPUT = 2;

  /** An environment problem: a file that cannot be written, SLURM not reachable, lock held. */
  static final int ENVIRONMENT = 3;

  /** A bug in tunesmith (sysexits' EX_SOFTWARE). */
  static final int INTERNAL = 70;

  /**
   * Stopped by Ctrl-C (128 + SIGINT, what a shell reports): every file written is whole, the lock
   * released.
   */
  static final int INTERRUPTED = 130;

  /**
   * Stopped by SIGTERM (128 + 15): the JVM's code after the same orderly stop as Ctrl-C. Never
   * returned by a command; listed so the help and docs/EXIT-CODES.md say it.
   */
  static final int TERMINATED = 143;

  /** One exit code and what it means. */
  record Meaning(int code, String text) {
    private static final int WIDTH = 80;
    private static final String INDENT = "       ";

    /**
     * The code and its meaning, wrapped at spaces only (picocli would wrap a footer line without
     * indenting it).
     */
    List<String> helpLines() {
      List<String> lines = new ArrayList<>();
      StringBuilder line = new StringBuilder(String.format("  %-4d", code));
      for (String word : text.split(" ")) {
        if (line.length() + 1 + word.length() > WIDTH) {
          lines.add(line.toString());
          line = new StringBuilder(INDENT.substring(1));
        }
        line.append(' ').append(word);
      }
      lines.add(line.toString());
      return lines;
    }
  }

  /** The codes any command may end with, meaning the same everywhere. */
  static final List<Meaning> EVERY_COMMAND =
      List.of(
          new Meaning(
              INVALID_INPUT, "invalid input or usage (every problem listed; nothing written)"),
          new Meaning(INTERNAL, "internal error in tunesmith (--debug shows the stack trace)"),
          new Meaning(
              INTERRUPTED,
              "interrupted by Ctrl-C (files written are whole; run it again to finish)"),
          new Meaning(TERMINATED, "stopped by SIGTERM (as Ctrl-C)"));

  /** What 0, 1 and 3 mean for each command; a command not ending with 1 or 3 does not list them. */
  static final Map<String, List<Meaning>> BY_COMMAND =
      Map.ofEntries(
          Map.entry(
              "tunesmith",
              List.of(
                  new Meaning(OK, "all good"),
                  new Meaning(
                      RUNS_FAILED,
                      "some runs failed, differ or were not submitted (each command's --help says"
                          + " which)"),
                  new Meaning(
                      ENVIRONMENT,
                      "environment problem (lock held, SLURM missing or refusing, cannot write)"))),
          Map.entry(
              "scaffold",
              List.of(
                  new Meaning(OK, "every run written and verified"),
                  new Meaning(
                      RUNS_FAILED,
                      "some runs could not be written or verified (listed; the others were)"),
                  new Meaning(
                      ENVIRONMENT,
                      "another scaffold, submit, cancel or retry holds the lock, or a directory"
                          + " cannot be written"))),
          Map.entry("plan", List.of(new Meaning(OK, "the plan printed (warnings included)"))),
          Map.entry(
              "setup",
              List.of(
                  new Meaning(OK, "finetune.yaml and finetune.slurm rendered"),
                  new Meaning(ENVIRONMENT, "the run directory cannot be written"))),
          Map.entry(
              "verify",
              List.of(
                  new Meaning(OK, "every run matches the plan"),
                  new Meaning(RUNS_FAILED, "some runs differ or are incomplete (listed)"))),
          Map.entry(
              "submit",
              List.of(
                  new Meaning(
                      OK, "every selected run submitted (with --dry-run: SLURM would take them)"),
                  new Meaning(RUNS_FAILED, "some runs were not submitted (each listed with why)"),
                  new Meaning(
                      ENVIRONMENT,
                      "SLURM refused a submission (with --dry-run: would refuse), sbatch is missing"
                          + " or failing, or the lock is held; runs submitted before keep their"
                          + " records"))),
          Map.entry(
              "status",
              List.of(
                  new Meaning(OK, "no run or cell ended badly"),
                  new Meaning(
                      RUNS_FAILED,
                      "a run or cell FAILED, was CANCELLED, hit TIMEOUT or OUT_OF_MEMORY"),
                  new Meaning(
                      ENVIRONMENT,
                      "squeue or sacct missing or failing, or a job found by its tag cannot be"
                          + " recorded"))),
          Map.entry(
              "cancel",
              List.of(
                  new Meaning(OK, "done (runs whose job had ended are listed, not cancelled)"),
                  new Meaning(
                      ENVIRONMENT,
                      "scancel or squeue missing or failing, the lock held, or a record cannot be"
                          + " written"))),
          Map.entry(
              "retry",
              List.of(
                  new Meaning(OK, "every failed run was retried (with --dry-run: would be)"),
                  new Meaning(RUNS_FAILED, "some failed run was not retried (listed with why)"),
                  new Meaning(
                      ENVIRONMENT,
                      "a SLURM command missing or failing, the lock held, or a run cannot be"
                          + " written"))),
          Map.entry(
              "summarize",
              List.of(
                  new Meaning(OK, "every run and cell has its results"),
                  new Meaning(
                      RUNS_FAILED, "some runs or cells have no results yet (each row says why)"),
                  new Meaning(
                      ENVIRONMENT,
                      "squeue missing or failing, or the summary files cannot be written"))),
          Map.entry("keys", List.of(new Meaning(OK, "the Markdown printed"))));

  /** Every exit code of a command, in order, with what it means there. */
  static List<Meaning> of(String command) {
    List<Meaning> meanings = new ArrayList<>(BY_COMMAND.get(command));
    meanings.addAll(EVERY_COMMAND);
    meanings.sort(java.util.Comparator.comparingInt(Meaning::code));
    return List.copyOf(meanings);
  }

  /** A command's exit codes as its --help lists them. */
  static List<String> help(String command) {
    List<String> lines = new ArrayList<>();
    lines.add("Exit codes:");
    of(command).forEach(meaning -> lines.addAll(meaning.helpLines()));
    return List.copyOf(lines);
  }

  private ExitCode() {}
}
