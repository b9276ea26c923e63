package tunesmith.setup;

import java.util.Optional;

/**
 * The SLURM resources of one run, after precedence. Empty account/partition/constraint: no #SBATCH
 * line.
 */
public record SlurmResources(
    Optional<String> account,
    Optional<String> partition,
    Optional<String> constraint,
    String mem,
    String time,
    int gpus,
    int cpusPerTask) {}
