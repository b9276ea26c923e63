package tunesmith.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** submit and status are planned (SPEC section 8); until then they say so plainly instead of pretending. */
final class SlurmCommands {
    static final int ENVIRONMENT_EXIT = 3;

    private SlurmCommands() {
    }

    @Command(name = "submit", mixinStandardHelpOptions = true, description = "Submit runs to SLURM (not available in this version).")
    static final class Submit implements Callable<Integer> {
        private final CliContext context;

        Submit(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            context.err().println("tunesmith: submit is not available in this version yet; submit each run with: sbatch <run>/finetune.slurm");
            return ENVIRONMENT_EXIT;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Per-run SLURM state (not available in this version).")
    static final class Status implements Callable<Integer> {
        private final CliContext context;

        Status(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            context.err().println("tunesmith: status is not available in this version yet; use squeue -u $USER");
            return ENVIRONMENT_EXIT;
        }
    }
}
