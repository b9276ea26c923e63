package tunesmith.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** submit and status are planned (SPEC section 8); until then they say so plainly instead of pretending. */
final class SlurmCommands {

    private SlurmCommands() {
    }

    /** Both commands: one message, exit 3, nothing submitted. */
    private abstract static class NotYetAvailable implements Callable<Integer> {
        private final CliContext context;
        private final String message;

        NotYetAvailable(CliContext context, String message) {
            this.context = context;
            this.message = message;
        }

        @Override
        public Integer call() {
            context.err().println("tunesmith: " + message);
            return ExitCode.ENVIRONMENT;
        }
    }

    @Command(name = "submit", mixinStandardHelpOptions = true, description = "Submit runs to SLURM (not available in this version yet).",
            footer = {"", "Example, until it is: submit each run yourself:", "  for run in */finetune.slurm; do sbatch \"$run\"; done"})
    static final class Submit extends NotYetAvailable {
        Submit(CliContext context) {
            super(context, "submit is not available in this version yet; submit each run with: sbatch <run>/finetune.slurm");
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Per-run SLURM state (not available in this version yet).",
            footer = {"", "Example, until it is:", "  squeue -u \"$USER\""})
    static final class Status extends NotYetAvailable {
        Status(CliContext context) {
            super(context, "status is not available in this version yet; use: squeue -u $USER");
        }
    }
}
