package tunesmith.catalog;

import java.util.Optional;

/**
 * One catalog model: what torchtune needs to build it, and the SLURM resources it needs by default.
 */
public record ModelSpec(
    String name,
    String component,
    CheckpointFiles checkpointFiles,
    String modelType,
    TokenizerSpec tokenizer,
    String mem,
    Optional<String> partition,
    Optional<String> constraint,
    int cpus,
    int gpus) {}
