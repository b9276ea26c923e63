package tunesmith.evaluation;

import java.util.Optional;

/** The {@code #SBATCH} resources of one cell's job. */
public record CellResources(
    int cpus,
    String mem,
    String time,
    int gpus,
    Optional<String> account,
    Optional<String> partition,
    Optional<String> constraint) {}
