package tunesmith.keys;

import java.util.Optional;

/**
 * One key of setup_finetune.yaml.
 *
 * @param defaultText the built-in default, or empty when the key is unset by default
 * @param slurm whether the key is a SLURM resource (the catalog fills it when unset)
 */
public record SetupKey(
    String name, ValueRule rule, Optional<String> defaultText, boolean slurm, String meaning) {}
